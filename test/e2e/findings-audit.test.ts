/**
 * Findings end to end: a page on a loopback origin calls every misconfigured endpoint of the
 * misconfig server and its correct twin, with CORS Inspector recording; the report lists exactly
 * the expected findings. Then the CLI's opt-in probe, against the same server, within its cap.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchInspector, type Inspector } from '../../src/node/inspector.ts';
import type { Report } from '../../src/shared/report.ts';
import {
  MISCONFIG_CASES,
  startMisconfigServer,
  type CaseRequest,
  type MisconfigServer,
} from '../support/misconfig-server.ts';
import { reportErrors } from '../support/report-schema.ts';
import { startOrigins, type Origins } from './support/origins.ts';

let origins: Origins;
let server: MisconfigServer;

beforeAll(async () => {
  origins = await startOrigins();
  server = await startMisconfigServer({ allowedOrigin: origins.page });
});
afterAll(async () => {
  await server.close();
  await origins.close();
});

/** Runs in the page (or a sandboxed iframe for Origin: null); resolves whatever the outcome. */
function call(url: string, r: CaseRequest): string {
  const init = JSON.stringify({ method: r.method, headers: r.headers, credentials: r.credentials, body: r.body });
  const script = `fetch(${JSON.stringify(url)}, ${init}).then(() => 'done', () => 'done')`;
  if (r.from === 'allowed') return script;
  return `new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.sandbox = 'allow-scripts';
    f.srcdoc = '<script>' + ${JSON.stringify(script)} + '.then((x) => parent.postMessage(x, "*"))<' + '/script>';
    addEventListener('message', (e) => e.source === f.contentWindow && resolve(e.data));
    document.body.append(f);
  })`;
}

describe('passive findings in the audit report', () => {
  let inspector: Inspector;
  let report: Report;

  beforeAll(async () => {
    inspector = await launchInspector({ args: ['--disable-features=IsolateSandboxedIframes'] });
    const page = await inspector.newPage();
    await page.goto(`${origins.page}/page/findings`);
    for (const c of MISCONFIG_CASES)
      for (const twin of ['bad', 'good'] as const) await page.evaluate(call(server.url(c.name, twin), c.request));
    // The worker hears of the last requests shortly after the page does: wait until all are finished.
    const urls = MISCONFIG_CASES.flatMap((c) => [server.url(c.name, 'bad'), server.url(c.name, 'good')]);
    const tabId = await inspector.tabIdOf(page);
    await vi.waitFor(
      async () => {
        report = await inspector.report({ tabId });
        expect(
          urls.filter((u) => !report.exchanges.some((x) => x.url === u && x.browserOutcome !== 'pending')),
        ).toEqual([]);
      },
      { timeout: 20_000, interval: 100 },
    );
  }, 120_000);
  afterAll(() => inspector.close());

  it('lists exactly the expected findings for every misconfiguration and none extra on its correct twin', () => {
    expect(reportErrors(report)).toEqual([]);
    for (const c of MISCONFIG_CASES) {
      for (const twin of ['bad', 'good'] as const) {
        const x = report.exchanges.find((e) => e.url === server.url(c.name, twin));
        expect.soft(x, `${twin}/${c.name} recorded`).toBeDefined();
        expect
          .soft([`${twin}/${c.name}`, ...(x?.findings.map((f) => f.code).sort() ?? [])])
          .toEqual([`${twin}/${c.name}`, ...[...c.passive[twin]].sort()]);
      }
    }
  });

  it('counts findings by severity in the summary', () => {
    const all = report.exchanges.flatMap((x) => x.findings);
    expect(report.summary.findings.high).toBe(all.filter((f) => f.severity === 'high').length);
    expect(all.length).toBeGreaterThan(0);
  });
});

describe('cors-inspector probe', () => {
  // The probe's host tricks need a hostname, not an IP: this server trusts https://app.test.
  let server: MisconfigServer;
  beforeAll(async () => {
    server = await startMisconfigServer();
  });
  afterAll(() => server.close());
  const BIN = path.resolve(import.meta.dirname, '../../bin/cors-inspector.js');
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it('finds reflection, null, suffix and http-origin trust on the bad server, within its request cap', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-probe-'));
    server.received.length = 0;
    const names = ['reflect', 'null-origin', 'suffix', 'http-twin'];
    const r = await run([
      'probe',
      ...names.map((n) => server.url(n, 'bad')),
      '--max-requests',
      '40',
      '--rate',
      '200',
      '--trusted-origin',
      server.allowedOrigin,
      '--out',
      out,
    ]);
    expect(r.stderr).toMatch(/Server probe: .*not by a browser/);
    expect(r.code).toBe(1);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'cors-report.json'), 'utf8'));
    fs.rmSync(out, { recursive: true, force: true });
    expect(reportErrors(report)).toEqual([]);
    const codes = report.probe.targets.map((t: { findings: { code: string }[] }) => t.findings.map((f) => f.code));
    expect(codes[0]).toContain('origin-reflected');
    expect(codes[1]).toContain('null-origin-allowed');
    expect(codes[2]).toContain('origin-suffix-match');
    expect(codes[3]).toContain('insecure-origin-trusted');
    expect(report.probe.requestsSent).toBeLessThanOrEqual(40);
    expect(server.received.length).toBe(report.probe.requestsSent);
  });

  it('finds nothing on the correct twins and exits 0', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-probe-'));
    const r = await run([
      'probe',
      server.url('reflect', 'good'),
      server.url('null-origin', 'good'),
      '--rate',
      '200',
      '--trusted-origin',
      server.allowedOrigin,
      '--out',
      out,
    ]);
    fs.rmSync(out, { recursive: true, force: true });
    expect(r.stdout).toMatch(/no crafted origin was trusted/);
    expect(r.code).toBe(0);
  });

  it('refuses non-http(s) URLs before sending anything', async () => {
    server.received.length = 0;
    const r = await run(['probe', 'ftp://127.0.0.1/x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ftp/);
    expect(server.received).toEqual([]);
  });
});
