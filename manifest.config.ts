import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export default defineManifest({
  manifest_version: 3,
  name: 'CORS Inspector',
  description: pkg.description,
  version: pkg.version,
  minimum_chrome_version: '120',
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  devtools_page: 'src/devtools/devtools.html',
  action: { default_title: 'CORS Inspector' },
  // webRequest: observe only (no blocking). storage: the per-tab log survives worker restarts.
  // scripting: the page-side observer is registered only for recorded tabs.
  permissions: ['webRequest', 'storage', 'unlimitedStorage', 'scripting'],
  optional_permissions: ['debugger'],
  host_permissions: ['<all_urls>'],
});
