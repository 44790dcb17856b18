/**
 * The CLI's argument parsing and exit codes, in-process and without a browser: `audit` is replaced
 * by a stand-in that hands back a report built from fixture records, so what is tested is the
 * commander program in src/cli/main.ts and the exit code each outcome gives (0 done, 1 the
 * --fail-on rule met, 2 usage errors, always with a message and never a stack trace).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { audit, type AuditOptions, type AuditResult } from '../../../src/cli/audit.ts';
import { main } from '../../../src/cli/main.ts';
import { buildReport } from '../../../src/shared/report.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { startMisconfigServer, type MisconfigServer } from '../../support/misconfig-server.ts';

vi.mock('../../../src/cli/audit.ts', async (original) => ({
  ...(await original<typeof import('../../../src/cli/audit.ts')>()),
  audit: vi.fn(),
}));

const auditMock = vi.mocked(audit);
const PACKAGE_VERSION = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
).version;

/** What audit() would return after visiting `urls`: the demo records (7 blocked, one high finding). */
function auditOf(records = demoRecords()) {
  return async (urls: string[], _o: AuditOptions): Promise<AuditResult> => ({
    report: buildReport(records, {
      tool: { name: 'cors-inspector', version: 'test' },
      browser: { name: 'Chromium', version: 'test' },
    }),
    records,
    pages: urls.map((url) => ({ url, ok: true, error: null, exchanges: records.length })),
  });
}

let outDir: string;
let stdout: string;
let stderr: string;

beforeEach(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-cli-unit-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  auditMock.mockReset();
  auditMock.mockImplementation(auditOf());
});

afterEach(() => {
  vi.restoreAllMocks();
  // The actions set process.exitCode, as the bin expects; it must not leak into the test runner.
  process.exitCode = undefined;
  fs.rmSync(outDir, { recursive: true, force: true });
});

const run = (...args: string[]) => main(args);

describe('audit: parsing', () => {
  it('passes the defaults to audit()', async () => {
    await run('audit', 'http://127.0.0.1:8080/', '--out', outDir);
    expect(auditMock).toHaveBeenCalledTimes(1);
    const [urls, options] = auditMock.mock.calls[0]!;
    expect(urls).toEqual(['http://127.0.0.1:8080/']);
    expect(options).toMatchObject({
      idleMs: 1500,
      timeoutMs: 30_000,
      headed: false,
      includeSensitive: false,
      executablePath: undefined,
      pageObserver: true,
    });
  });

  it('passes every option through, URLs normalized', async () => {
    await run(
      'audit',
      'http://127.0.0.1:8080',
      'https://example.test/a b',
      '--idle-ms',
      '800',
      '--timeout-ms',
      '5000',
      '--headed',
      '--executable-path',
      '/usr/bin/chromium',
      '--no-page-observer',
      '--include-sensitive',
      '--out',
      outDir,
    );
    const [urls, options] = auditMock.mock.calls[0]!;
    expect(urls).toEqual(['http://127.0.0.1:8080/', 'https://example.test/a%20b']);
    expect(options).toMatchObject({
      idleMs: 800,
      timeoutMs: 5000,
      headed: true,
      includeSensitive: true,
      executablePath: '/usr/bin/chromium',
      pageObserver: false,
    });
  });

  it('writes the formats asked for into --out', async () => {
    await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--format', 'json,junit,har,md');
    expect(fs.readdirSync(outDir).sort()).toEqual([
      'cors-report.har',
      'cors-report.json',
      'cors-report.junit.xml',
      'cors-report.md',
    ]);
    expect(stdout).toContain(`wrote ${path.join(outDir, 'cors-report.json')}`);
  });
});

describe('audit: exit codes', () => {
  it('exits 1 when reads were blocked (the default rule), saying why', async () => {
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir)).toBe(1);
    expect(stderr).toContain('cors-inspector: failing (--fail-on blocked): 7 cross-origin read(s) blocked');
  });

  it('exits 0 with --fail-on never', async () => {
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--fail-on', 'never')).toBe(0);
    expect(stderr).toBe('');
  });

  it('exits 1 on a finding at or above the severity asked for, 0 below it', async () => {
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--fail-on', 'finding:high')).toBe(1);
    expect(stderr).toContain('1 finding(s) of severity high or higher');
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => !r.url.endsWith('/api/account'))));
    process.exitCode = undefined;
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir, '--fail-on', 'finding:info')).toBe(0);
  });

  it('exits 0 when nothing was blocked', async () => {
    auditMock.mockImplementation(auditOf(demoRecords().filter((r) => r.evaluation.verdict !== 'blocked')));
    expect(await run('audit', 'http://127.0.0.1:8080/', '--out', outDir)).toBe(0);
  });
});

describe('usage errors exit 2 with a message, no stack trace, and launch nothing', () => {
  it.each([
    [['audit'], /missing required argument 'url/],
    [['audit', 'not a url'], /'not a url' is not a URL/],
    [['audit', 'ftp://127.0.0.1/'], /is not an http\(s\) URL/],
    [['audit', 'http://x/', '--format', 'pdf'], /--format takes a comma-separated list/],
    [['audit', 'http://x/', '--fail-on', 'sometimes'], /--fail-on must be blocked, never or finding/],
    [['audit', 'http://x/', '--idle-ms', 'soon'], /--idle-ms must be a whole number/],
    [['audit', 'http://x/', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['analyze', '/nonexistent/file.har'], /cannot read \/nonexistent\/file\.har: ENOENT/],
    [['probe', 'ftp://127.0.0.1/'], /only http: and https: are allowed, not ftp:/],
    [['probe', 'http://127.0.0.1/', '--max-requests', '-1'], /--max-requests must be a whole number/],
  ])('%j', async (args, message) => {
    expect(await main(args)).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(auditMock).not.toHaveBeenCalled();
  });
});

describe('--help and --version', () => {
  it('print and exit 0', async () => {
    expect(await run('--version')).toBe(0);
    expect(stdout.trim()).toBe(PACKAGE_VERSION);
    for (const cmd of ['audit', 'analyze', 'probe']) {
      stdout = '';
      expect(await run(cmd, '--help')).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: cors-inspector ${cmd}`));
    }
  });
});

describe('probe: exit codes (loopback requests from Node, no browser)', () => {
  let server: MisconfigServer;
  beforeAll(async () => {
    server = await startMisconfigServer();
  });
  afterAll(() => server.close());

  const probeArgs = (url: string) => ['probe', url, '--rate', '1000', '--out', outDir];

  it('exits 1 on a high finding (its default rule) and writes the JSON report', async () => {
    expect(await main([...probeArgs(server.url('reflect', 'bad'))])).toBe(1);
    expect(stderr).toMatch(/failing \(--fail-on finding:high\): \d+ finding\(s\)/);
    expect(fs.readdirSync(outDir)).toEqual(['cors-report.json']);
  });

  it('exits 0 on the correct twin, and with --fail-on never', async () => {
    expect(await main(probeArgs(server.url('reflect', 'good')))).toBe(0);
    process.exitCode = undefined;
    expect(await main([...probeArgs(server.url('reflect', 'bad')), '--fail-on', 'never'])).toBe(0);
  });
});
