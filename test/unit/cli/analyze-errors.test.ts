/**
 * `analyze` errors name the file (and the entry), exit 2, and never suggest that a browser failed
 * to start: analyze starts none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-analyze-'));

async function run(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err: string[] = [];
  const out: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  const code = await main(args);
  vi.restoreAllMocks();
  process.exitCode = undefined;
  return { code, stderr: err.join(''), stdout: out.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('cors-inspector analyze', () => {
  it('names a file it cannot read', async () => {
    const missing = path.join(dir, 'missing.har');
    const r = await run(['analyze', missing, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cors-inspector: cannot read ${missing}: ENOENT\n`);
  });

  it('names a file that is not a HAR, without a word about Chromium', async () => {
    const file = path.join(dir, 'notes.har');
    fs.writeFileSync(file, 'these are my notes');
    const r = await run(['analyze', file, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^cors-inspector: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`),
    );
    expect(r.stderr).not.toMatch(/Chromium/);
  });

  it('warns about each bad entry by file and index, and still reports the rest', async () => {
    const file = path.join(dir, 'one-bad.har');
    fs.writeFileSync(
      file,
      JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'WebInspector', version: '537.36' },
          entries: [
            42,
            {
              startedDateTime: '2026-01-01T00:00:00.000Z',
              request: {
                method: 'GET',
                url: 'http://localhost:8081/a',
                headers: [{ name: 'Origin', value: 'http://127.0.0.1:8080' }],
              },
              response: { status: 200, headers: [], _error: 'net::ERR_FAILED' },
            },
          ],
        },
      }),
    );
    const r = await run(['analyze', file, '--out', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cors-inspector: warning: ${file}: entry #0 is not an object; skipped`);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'cors-report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ exchanges: 1, blocked: 1, warnings: 1 });
    expect(report.warnings).toEqual([{ file, entry: 0, message: 'entry #0 is not an object; skipped' }]);
  });
});
