/** The example QA suite in examples/playwright runs green with the `cors-inspector/playwright` fixture. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

it('runs the example suite with the Playwright Test fixture', async () => {
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'examples/playwright'],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
  expect(output).toMatch(/2 passed/);
  expect(code).toBe(0);
});
