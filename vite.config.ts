import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import manifest from './manifest.config.ts';

export default defineConfig({
  // crxjs also runs under vitest, where it empties dist/ (the build the e2e tests load): skip it there.
  plugins: [preact(), ...(process.env.VITEST ? [] : [crx({ manifest })])],
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
