// An example QA suite using the CORS Inspector fixture. Run: npx playwright test -c examples/playwright
// (after `npm run build`). Shard across machines with Playwright's own --shard=1/2 etc.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  workers: 1,
  reporter: [['list']],
  globalSetup: './start-shop.js',
});
