import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  PROBE_DEFAULTS,
  ProbeUrlError,
  probeFindingsByUrl,
  runProbe,
  type ProbeFetch,
} from '../../../src/probe/index.ts';
import { MISCONFIG_CASES, startMisconfigServer, type MisconfigServer } from '../../support/misconfig-server.ts';

let server: MisconfigServer;
beforeAll(async () => {
  server = await startMisconfigServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

/** Fast but still rate-limited; the request cap is what the tests check, never the time taken. */
const FAST = { ratePerSecond: 1000 };
const codesOf = (findings: { code: string }[]) => findings.map((f) => f.code).sort();

describe('runProbe against the misconfig server', () => {
  it('finds exactly the expected trust on every bad path and nothing on every good twin', async () => {
    const urls = MISCONFIG_CASES.flatMap((c) => [server.url(c.name, 'bad'), server.url(c.name, 'good')]);
    const result = await runProbe(urls, { ...FAST, maxRequests: 1000, trustedOrigin: server.allowedOrigin });
    const byUrl = new Map(probeFindingsByUrl(result).map((r) => [r.url, codesOf(r.findings)]));
    for (const c of MISCONFIG_CASES) {
      expect.soft(byUrl.get(server.url(c.name, 'bad')), `bad/${c.name}`).toEqual([...c.probe.bad].sort());
      expect.soft(byUrl.get(server.url(c.name, 'good')), `good/${c.name}`).toEqual([...c.probe.good].sort());
    }
    expect(result.targets.every((t) => t.skipped.length === 0)).toBe(true);
  }, 60_000);

  it('rates reflection, null, suffix and http-twin trust by class, higher with credentials', async () => {
    const names = ['reflect', 'null-origin', 'suffix', 'http-twin'];
    const result = await runProbe(
      names.map((n) => server.url(n, 'bad')),
      { ...FAST, trustedOrigin: server.allowedOrigin },
    );
    const severities = result.targets.map((t) => t.findings.map((f) => `${f.code}:${f.severity}`));
    expect(severities).toEqual([
      ['origin-reflected:high', 'state-changing-methods-any-origin:high'],
      ['null-origin-allowed:high'],
      ['origin-suffix-match:high'],
      ['insecure-origin-trusted:medium'],
    ]);
    const reflect = result.targets[0]!;
    expect(reflect.findings[0]!.evidence).toContainEqual({ header: 'Access-Control-Allow-Credentials', value: 'true' });
    expect(reflect.attempts.find((a) => a.request.kind === 'foreign')).toMatchObject({
      status: 200,
      trusted: true,
      error: null,
    });
  });

  it('says plainly that it is a server probe and reports its limits', async () => {
    const progress: number[] = [];
    const result = await runProbe([server.url('reflect', 'good')], {
      ...FAST,
      onAttempt: (p) => progress.push(p.requestsSent),
    });
    expect(result.kind).toBe('server-probe');
    expect(result.notice).toMatch(/^Server probe: .*not by a browser/);
    expect(result.limits).toEqual({
      maxRequests: PROBE_DEFAULTS.maxRequests,
      ratePerSecond: 1000,
      timeoutMs: PROBE_DEFAULTS.timeoutMs,
    });
    expect(result.requestsSent).toBe(server.received.length);
    expect(progress).toEqual(Array.from({ length: result.requestsSent }, (_, i) => i + 1));
    expect(server.received.every((r) => r.path === '/good/reflect')).toBe(true);
  });

  it('stays within its request cap, giving every URL its most telling checks first', async () => {
    const urls = ['reflect', 'null-origin', 'suffix'].map((n) => server.url(n, 'bad'));
    const result = await runProbe(urls, { ...FAST, maxRequests: 6, trustedOrigin: server.allowedOrigin });
    expect(server.received).toHaveLength(6);
    expect(result.requestsSent).toBe(6);
    for (const t of result.targets) {
      expect(t.attempts.map((a) => a.request.kind)).toEqual(['foreign', 'null']);
      expect(t.skipped.length).toBeGreaterThan(0);
      expect(t.skipped.every((s) => s.reason === 'request cap of 6 reached')).toBe(true);
    }
    expect(codesOf(result.targets[1]!.findings)).toEqual(['null-origin-allowed']);
  });

  it('never follows a redirect', async () => {
    const result = await runProbe([server.redirectUrl], { ...FAST, maxRequests: 3 });
    expect(server.received.map((r) => r.path)).toEqual(['/redirect', '/redirect', '/redirect']);
    expect(result.targets[0]!.attempts.map((a) => a.status)).toEqual([302, 302, 302]);
  });

  it('probes a URL given twice only once', async () => {
    const url = server.url('reflect', 'good');
    const result = await runProbe([url, url], { ...FAST, maxRequests: 2 });
    expect(result.targets).toHaveLength(1);
  });
});

describe('runProbe refusals and failures', () => {
  const never: ProbeFetch = () => {
    throw new Error('no request may be sent');
  };
  it.each(['ftp://example.test/file', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])(
    'refuses %s before sending anything',
    async (url) => {
      await expect(runProbe([server.url('reflect', 'bad'), url], { fetch: never })).rejects.toThrow(ProbeUrlError);
    },
  );
  it('names the scheme it refused', async () => {
    await expect(runProbe(['ftp://example.test/file'], { fetch: never })).rejects.toThrow(
      /Refusing to probe 'ftp:\/\/example.test\/file': only http: and https: are allowed, not ftp:/,
    );
    await expect(runProbe([server.base], { fetch: never, trustedOrigin: 'file:///x' })).rejects.toThrow(
      /Refusing the trusted origin/,
    );
  });
  it('rejects impossible limits and an empty list', async () => {
    await expect(runProbe([server.base], { fetch: never, maxRequests: 0 })).rejects.toThrow(RangeError);
    await expect(runProbe([server.base], { fetch: never, ratePerSecond: -1 })).rejects.toThrow(RangeError);
    await expect(runProbe([server.base], { fetch: never, timeoutMs: 1.5 })).rejects.toThrow(RangeError);
    await expect(runProbe([], { fetch: never })).rejects.toThrow(RangeError);
  });
  it('records a timeout or a network error per attempt instead of failing the run', async () => {
    const hang: ProbeFetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    const timedOut = await runProbe(['http://127.0.0.1:9/x'], { ...FAST, fetch: hang, timeoutMs: 5, maxRequests: 1 });
    expect(timedOut.targets[0]!.attempts[0]).toMatchObject({
      status: null,
      error: 'no response within 5 ms',
      trusted: false,
    });
    const refused: ProbeFetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    const failed = await runProbe(['http://127.0.0.1:9/x'], { ...FAST, fetch: refused, maxRequests: 2 });
    expect(failed.targets[0]!.attempts.map((a) => a.error)).toEqual([
      'fetch failed (ECONNREFUSED)',
      'fetch failed (ECONNREFUSED)',
    ]);
    expect(failed.targets[0]!.findings).toEqual([]);
  });
});
