/**
 * The CLI end to end, as a user runs it: the built bin against the demo gallery in headless
 * Chromium. Exit codes, the printed table, every format written, the report valid against the
 * schema, and clear errors without stack traces.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoSite } from '../../src/demo/demo-site.ts';
import type { Report } from '../../src/shared/report.ts';
import { reportErrors } from '../support/report-schema.ts';
import { freePort, runCli as run } from './support/cli-run.ts';

let demo: DemoSite;
let out: string;
let closedPort: number;

beforeAll(async () => {
  demo = await startDemo();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-cli-'));
  closedPort = await freePort();
});
afterAll(async () => {
  await demo.close();
  fs.rmSync(out, { recursive: true, force: true });
});

describe('cors-inspector audit', () => {
  let result: Awaited<ReturnType<typeof run>>;
  let report: Report;

  beforeAll(async () => {
    result = await run([
      'audit',
      demo.url,
      `http://127.0.0.1:${closedPort}/unreachable`,
      '--out',
      out,
      '--format',
      'json,md,junit,har',
      '--idle-ms',
      '800',
    ]);
    report = JSON.parse(fs.readFileSync(path.join(out, 'cors-report.json'), 'utf8'));
  }, 180_000);

  it('exits 1 because reads were blocked (--fail-on blocked is the default)', () => {
    expect(result.stderr).toMatch(/failing \(--fail-on blocked\)/);
    expect(result.code).toBe(1);
  });

  it('prints a table and a line per finished URL, and lists the unreachable URL as not checked', () => {
    expect(result.stdout).toMatch(/BLOCKED\s+GET\s+http:\/\/localhost:\d+\/s\/missing-acao\s+MissingAllowOriginHeader/);
    expect(result.stderr).toMatch(/\[[12]\/2\] http:\/\/127\.0\.0\.1:\d+\/: \d+ cross-origin exchange/);
    expect(result.stderr).toMatch(
      new RegExp(
        `\\[[12]/2\\] http://127\\.0\\.0\\.1:${closedPort}/unreachable: could not be loaded \\(net::ERR_CONNECTION_REFUSED`,
      ),
    );
    expect(result.stderr).toContain(`page http://127.0.0.1:${closedPort}/unreachable: net::ERR_CONNECTION_REFUSED`);
    expect(report.pages?.map((p) => [p.ok, p.status])).toEqual([
      [true, 200],
      [false, null],
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes a report that validates against docs/report.schema.json', () => {
    expect(reportErrors(report)).toEqual([]);
    expect(report.summary.exchanges).toBe(report.exchanges.length);
  });

  it('gives each demo situation its verdict and reason', () => {
    const by = (id: string) => report.exchanges.filter((x) => x.url.endsWith(`/s/${id}`));
    const expectations: [string, string, string | null][] = [
      ['allowed-simple', 'allowed', null],
      ['missing-acao', 'blocked', 'MissingAllowOriginHeader'],
      ['trailing-slash', 'blocked', 'AllowOriginMismatch'],
      ['multiple-acao', 'blocked', 'MultipleAllowOriginValues'],
      ['invalid-acao', 'blocked', 'InvalidAllowOriginValue'],
      ['wildcard-credentials', 'blocked', 'WildcardOriginNotAllowed'],
      ['missing-acac', 'blocked', 'InvalidAllowCredentials'],
      ['preflight-no-acam', 'blocked', 'MethodDisallowedByPreflightResponse'],
      ['header-not-allowed', 'blocked', 'HeaderDisallowedByPreflightResponse'],
      ['preflight-redirect', 'blocked', 'PreflightDisallowedRedirect'],
      ['preflight-no-acao', 'blocked', 'PreflightMissingAllowOriginHeader'],
      ['redirect-taint', 'allowed', null],
      ['redirect-no-acao', 'blocked', 'MissingAllowOriginHeader'],
      ['not-found-no-acao', 'blocked', 'MissingAllowOriginHeader'],
      ['server-error-no-cors', 'blocked', 'MissingAllowOriginHeader'],
      ['no-cors-opaque', 'opaque', null],
    ];
    // The sandboxed srcdoc iframe's call: the default (CDP) source may start watching that iframe
    // too late (test/e2e/cdp-source.test.ts); then the report names it as missed.
    const missed = (report.capture?.tabs ?? []).flatMap((t) => t.gaps).some((g) => g.why.includes('/s/null-origin'));
    if (!missed) expectations.push(['null-origin', 'allowed', null]);
    for (const [id, verdict, code] of expectations) {
      const [x] = by(id);
      expect(x, id).toBeDefined();
      expect([id, x!.verdict, x!.reason?.code ?? null]).toEqual([id, verdict, code]);
    }
    const cached = by('cached-preflight');
    expect(cached.map((x) => [x.preflight !== null, x.preflightCached])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(cached[1]!.preflightCachedFrom).toBe(cached[0]!.id);
    if (missed) return;
    expect(by('null-origin')[0]!.initiator).toBe('null');
    expect(by('null-origin')[0]!.findings.map((f) => f.code)).toContain('null-origin-allowed');
  });

  it('redacts cookies and writes every requested format', () => {
    const cookies = report.exchanges.flatMap((x) => x.request.headers).filter((h) => h.name.toLowerCase() === 'cookie');
    expect(cookies.length).toBeGreaterThan(0);
    expect(new Set(cookies.map((h) => h.value))).toEqual(new Set(['[redacted]']));
    expect(fs.readFileSync(path.join(out, 'cors-report.md'), 'utf8')).toMatch(/MissingAllowOriginHeader/);
    expect(fs.readFileSync(path.join(out, 'cors-report.junit.xml'), 'utf8')).toMatch(
      /<failure type="MissingAllowOriginHeader"/,
    );
    expect(JSON.parse(fs.readFileSync(path.join(out, 'cors-report.har'), 'utf8')).log.entries.length).toBeGreaterThan(
      0,
    );
  });
});

describe('cors-inspector errors', () => {
  it('exits 2 with a clear message on bad arguments, without a stack trace', async () => {
    for (const args of [
      ['audit'],
      ['audit', 'not a url'],
      ['audit', 'http://x/', '--format', 'pdf'],
      ['audit', 'http://x/', '--fail-on', 'sometimes'],
      ['frobnicate'],
    ]) {
      const r = await run(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(/cors-inspector|error:/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('explains a missing browser instead of crashing', async () => {
    const r = await run(['audit', 'http://127.0.0.1:1/', '--executable-path', '/nonexistent/chromium']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No Chromium found.*CHROMIUM_PATH/);
  });

  it('refuses branded Google Chrome with what to install instead', async () => {
    const r = await run(['audit', 'http://127.0.0.1:1/', '--executable-path', '/opt/google/chrome/google-chrome']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ignores --load-extension/);
  });

  it('prints --version and --help', async () => {
    expect((await run(['--version'])).stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')).version,
    );
    for (const cmd of ['audit', 'analyze', 'probe'])
      expect((await run([cmd, '--help'])).stdout).toMatch(/Usage: cors-inspector/);
  });
});
