/**
 * `cors-inspector explain` as a user runs it: the built bin, console text as an argument or on
 * stdin, the summary or --json, and the exit codes (0 recognised, 1 not recognised, 2 no text).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsoleExplanation } from '../../src/cors/console-text/index.ts';
import chromiumFixture from '../fixtures/console-text/chromium.json';
import type { ChromiumConsoleFixture } from '../support/console-fixture.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/cors-inspector.js');

function run(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** A whole recorded console (every entry of the matrix's header scenarios), as a user would paste it. */
const recorded = chromiumFixture as ChromiumConsoleFixture;
const pasted = recorded.scenarios
  .filter((s) => s.id.startsWith('acah-'))
  .flatMap((s) => s.calls.flatMap((c) => c.console.map((l) => l.text)));

describe('cors-inspector explain', () => {
  it('explains console text given as an argument', async () => {
    const r = await run(['explain', pasted[0]!]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 failure\(s\) recognised \(Chrome\/Chromium\)\./);
    expect(r.stdout).toMatch(/To fix this, /);
  });

  it('reads a whole pasted console from stdin and prints JSON with --json', async () => {
    const r = await run(['explain', '-', '--json'], pasted.join('\n'));
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as ConsoleExplanation;
    const blocked = recorded.scenarios
      .filter((s) => s.id.startsWith('acah-'))
      .flatMap((s) => s.calls)
      .filter((c) => c.corsError);
    expect(blocked.length).toBeGreaterThanOrEqual(5);
    expect(e.diagnoses.map((d) => d.code)).toEqual(blocked.map((c) => c.corsError));
    expect(e.unrecognised).toEqual([]);
  });

  it('exits 1 and guesses nothing when the text is not a CORS message', async () => {
    const r = await run(['explain', 'Uncaught SyntaxError: Unexpected token']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Not recognised: .*Nothing was guessed\./);
  });

  it('exits 2 with what to do when there is no text', async () => {
    const r = await run(['explain'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give the console text to explain/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('never lets control bytes in pasted text reach the terminal', async () => {
    const r = await run([
      'explain',
      "Access to fetch at 'http://localhost:1/\u001b[31mred' from origin 'http://localhost:2' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b[31mred');
  });
});
