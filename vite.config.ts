import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import source from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { ignoreListed } from './scripts/ignore-listed-scripts.ts';

/** crxjs's manifest type (exported only inside ManifestV3Export); it knows Firefox's keys too. */
type Manifest = Exclude<ManifestV3Export, Promise<unknown> | ((...args: never[]) => unknown)>;

/** The browsers the extension is built for: `vite build` → dist/, `vite build --mode firefox` → dist-firefox/. */
type Browser = 'chromium' | 'firefox';

/**
 * The add-on's id on addons.mozilla.org. Chosen once and never changed: Firefox keys an install's
 * storage and updates on it. A GUID claims no domain the project does not own.
 */
export const GECKO_ID = '{6ed0bd11-cf15-49c0-bd5e-934d6d8f7009}';

/**
 * The manifest as built: manifest.json (the source; the README says why each permission is there)
 * plus the few things decided at build time. Keys keep manifest.json's order, with the version and
 * description (from package.json) after the name.
 */
function manifestFor(browser: Browser, env: NodeJS.ProcessEnv): Manifest {
  const { manifest_version, name, ...rest }: Omit<Manifest, 'version'> = source;
  const manifest: Manifest = {
    manifest_version,
    name,
    description: pkg.description,
    version: pkg.version,
    ...rest,
    // "Verify with Chrome" needs `debugger`, which cannot be optional: Chromium drops it from
    // optional_permissions and chrome.permissions.request answers "Only permissions specified in the
    // manifest may be requested" (Chromium 156). So it is a build choice, with its install warning.
    permissions: [...(rest.permissions ?? []), ...(env.CORS_INSPECTOR_VERIFY === '1' ? ['debugger'] : [])],
  };
  return browserDifferences(manifest, browser);
}

/** What differs per browser, applied last. Chromium's manifest is manifest.json as it is. */
function browserDifferences(manifest: Manifest, browser: Browser): Manifest {
  switch (browser) {
    case 'chromium':
      return manifest;
    case 'firefox': {
      const { minimum_chrome_version: _chromeOnly, ...rest } = manifest;
      return {
        ...rest,
        // Firefox has no debugger API, so no Verify with Chrome: its build never asks for it.
        permissions: rest.permissions?.filter((p) => p !== 'debugger'),
        // Firefox MV3 has no service workers for extensions ("background.service_worker is currently
        // disabled. Add background.scripts."): Firefox's entry runs as an event page. crxjs's
        // Firefox target expects `scripts` and emits its loader there.
        background: { scripts: ['src/background/firefox.ts'], type: 'module' },
        browser_specific_settings: {
          gecko: {
            id: GECKO_ID,
            // The first version that reads every key here on desktop and Android alike
            // (data_collection_permissions: 140 desktop, 142 Android; web-ext lint warns below that).
            // Tested: ESR 153 (test/firefox).
            strict_min_version: '142.0',
            // Nothing leaves the machine (README, "Privacy"): declared so, as AMO requires of new add-ons.
            data_collection_permissions: { required: ['none'] },
          },
        },
      };
    }
  }
}

/** `--mode firefox` builds Firefox's extension; any other mode (production, vitest's test) Chromium's. */
const browserOf = (mode: string): Browser => (mode === 'firefox' ? 'firefox' : 'chromium');

export default defineConfig(({ mode }) => ({
  // crxjs also runs under vitest, where it empties dist/ (the build the e2e tests load): skip it there.
  // The page observer is ignore-listed so DevTools keeps naming the page's own line as a request's
  // initiator (scripts/ignore-listed-scripts.ts says how).
  plugins: [
    preact(),
    ...(process.env.VITEST
      ? []
      : [
          crx({
            manifest: manifestFor(browserOf(mode), process.env),
            browser: browserOf(mode) === 'firefox' ? 'firefox' : 'chrome',
          }),
          ignoreListed(['src/content/page-observer.iife.js']),
        ]),
  ],
  build: {
    outDir: browserOf(mode) === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    // The panel page is only named inside chrome.devtools.panels.create(), so crxjs cannot find it.
    rollupOptions: { input: { panel: 'src/devtools/panel/panel.html' } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file launches its own Chromium; two cores run two at a time.
          maxWorkers: 2,
          fileParallelism: true,
          // Unit tests first (fast feedback), then the browser tests with their own worker limit.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Firefox for the whole suite: its files run one after another, after the Chromium ones.
          maxWorkers: 1,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
}));
