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
  // scripting: the page-side observer is registered only while some tab is recorded.
  // debugger ("Verify with Chrome") cannot be optional: Chromium drops it from optional_permissions
  // and chrome.permissions.request answers "Only permissions specified in the manifest may be
  // requested" (Chromium 156). So it is a build choice, with its install warning:
  // CORS_INSPECTOR_VERIFY=1 npx vite build.
  permissions: [
    'webRequest',
    'storage',
    'unlimitedStorage',
    'scripting',
    ...(process.env.CORS_INSPECTOR_VERIFY === '1' ? ['debugger' as const] : []),
  ],
  host_permissions: ['<all_urls>'],
  // crxjs lists the page-side observer's scripts (imported with ?script, injected with
  // chrome.scripting) as web-accessible. Injection does not need that, and a fixed URL would let
  // any page detect the extension, so they are reachable only through the per-session dynamic URL.
  web_accessible_resources: [{ matches: ['<all_urls>'], resources: ['<dynamic_resource>'], use_dynamic_url: true }],
});
