// A suite whose assertions are meant to fail (test.fail()): test/e2e/playwright-fixture.test.ts
// reads the failure messages and attachments from its JSON report. The shop is the example's.
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  workers: 1,
  reporter: [['json']],
  outputDir: path.join(os.tmpdir(), 'cors-inspector-matcher-suite'),
  globalSetup: '../../../../examples/playwright/start-shop.js',
});
