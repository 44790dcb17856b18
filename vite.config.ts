import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import source from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { ignoreListed } from './scripts/ignore-listed-scripts.ts';

/** crxjs's manifest type (exported only inside ManifestV3Export); it knows Firefox's keys too. */
type Manifest = Exclude<ManifestV3Export, Promise<unknown> | ((...args: never[]) => unknown)>;

/** The browsers the extension is built for. Firefox's build will add itself here, with its differences. */
type Browser = 'chromium';

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
  }
}

export default defineConfig({
  // crxjs also runs under vitest, where it empties dist/ (the build the e2e tests load): skip it there.
  // The page observer is ignore-listed so DevTools keeps naming the page's own line as a request's
  // initiator (scripts/ignore-listed-scripts.ts says how).
  plugins: [
    preact(),
    ...(process.env.VITEST
      ? []
      : [crx({ manifest: manifestFor('chromium', process.env) }), ignoreListed(['src/content/page-observer.iife.js'])]),
  ],
  build: {
    outDir: 'dist',
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
    ],
  },
});
