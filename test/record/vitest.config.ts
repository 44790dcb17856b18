/**
 * Recorders that rewrite test fixtures from real browsers; never part of `npm test`. Run with
 * `npx vitest run -c test/record/vitest.config.ts` (needs /usr/bin/firefox-esr for Firefox).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/record/**/*.record.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
