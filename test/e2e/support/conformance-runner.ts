/**
 * Runs one conformance case in a real page and reads Chromium's own answer for it: the request's
 * CDP record (loadingFailed corsErrorStatus is the verdict), or — for a call the renderer refused
 * before any request existed — the CORS issue CDP's Audits domain reported for its URL, plus what
 * the page's JavaScript got. Then reads what the extension recorded meanwhile, to check that every
 * expected call appears exactly once and nothing else does.
 */
import type { CDPSession, Frame } from 'playwright-core';
import { comparableUrl, sameOrigin } from '../../../src/cors/origin.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { NetworkRecorder, type CdpRequest } from './cdp-recorder.ts';
import type { ConformanceCall, ConformanceCase } from './conformance-types.ts';
import { withTimeout } from '../../../src/node/chromium.ts';
import type { TestBrowser } from './extension.ts';
import type { Origins } from './origins.ts';
import type { CorsIssue } from './page-observer-helpers.ts';
import type { JsOutcome } from './scenario-page.ts';
import { expandTemplate, scenarioBase, serveScenario } from './scenario-server.ts';
import type { ChromiumResult } from './scenario-types.ts';

export type ResolvedCall = Omit<ConformanceCall, 'url'> & { url: string };

export interface ConformanceRun {
  /** The URL the page called (a blob: URL is created in the page). */
  url: string;
  js: JsOutcome;
  request: CdpRequest | undefined;
  preflights: CdpRequest[];
  /** Chromium's CORS issue for a call refused before any request (CDP Audits). */
  issue: CorsIssue | undefined;
  frameOrigin: string;
}

/** Chromium's decision, as the extension's evaluation is compared with it. */
export interface Verdict {
  verdict: ChromiumResult['verdict'] | 'unfinished';
  corsError?: string;
  failedParameter?: string;
}

/** Runs in the page: makes the call as declared and reports what JavaScript got. Self-contained. */
export async function performConformanceCall(c: ResolvedCall): Promise<{ url: string; js: JsOutcome }> {
  let url = c.url;
  if (url === 'blob:own' || url === 'blob:revoked') {
    url = URL.createObjectURL(new Blob(['own']));
    if (c.url === 'blob:revoked') URL.revokeObjectURL(url);
  }
  if (c.api === 'fetch') {
    const init: RequestInit = { method: c.method ?? 'GET', headers: (c.headers ?? []).map(([n, v]) => [n, v]) };
    if (c.body !== undefined) init.body = c.body;
    if (c.mode) init.mode = c.mode;
    if (c.redirect) init.redirect = c.redirect;
    try {
      const r = await fetch(url, init);
      await r.arrayBuffer().catch(() => undefined);
      return { url, js: { ok: true, type: r.type, status: r.status, headers: [...r.headers.keys()].sort() } };
    } catch (e) {
      return { url, js: { ok: false, error: String(e) } };
    }
  }
  return new Promise((resolve) => {
    const x = new XMLHttpRequest();
    try {
      if (c.xhrUser) x.open(c.method ?? 'GET', url, true, c.xhrUser[0], c.xhrUser[1]);
      else x.open(c.method ?? 'GET', url);
      for (const [n, v] of c.headers ?? []) x.setRequestHeader(n, v);
    } catch (e) {
      return resolve({ url, js: { ok: false, error: String(e) } });
    }
    x.onload = () => resolve({ url, js: { ok: true, type: 'xhr', status: x.status } });
    x.onerror = () => resolve({ url, js: { ok: false, error: `XMLHttpRequest error (status ${x.status})` } });
    try {
      x.send(c.body ?? null);
    } catch (e) {
      resolve({ url, js: { ok: false, error: String(e) } });
    }
  });
}

export function resolveCall(c: ConformanceCase, origins: Origins): ResolvedCall {
  const base = scenarioBase(c);
  const expand = (t: string) => expandTemplate(t, { origins, base });
  const url = c.call.url.startsWith('blob:') && !c.call.url.includes('{') ? c.call.url : expand(c.call.url);
  return { ...c.call, url, headers: c.call.headers?.map(([n, v]) => [n, expand(v)] as const) };
}

export async function runConformanceCase(
  frame: Frame,
  cdp: CDPSession,
  issues: CorsIssue[],
  origins: Origins,
  c: ConformanceCase,
): Promise<ConformanceRun> {
  if (c.endpoints) serveScenario(origins, { id: c.id, endpoints: c.endpoints });
  const call = resolveCall(c, origins);
  const recorder = await NetworkRecorder.start(cdp);
  try {
    const frameOrigin = await frame.evaluate(() => self.origin);
    const { url, js } = await frame.evaluate(performConformanceCall, call);
    const mine = (r: CdpRequest) => r.hops[0] !== undefined && comparableUrl(r.hops[0].url) === comparableUrl(url);
    const request = [...recorder.requests.values()].find((r) => r.preflightFor === undefined && mine(r));
    if (request && /^https?:/.test(url)) await recorder.settle([request]);
    // A blob: load that succeeds reports no end to CDP (its outcome is what JavaScript got); one that fails does.
    else if (request && !js.ok)
      for (let i = 0; i < 40 && !request.failed; i++) await new Promise((r) => setTimeout(r, 25));
    let issue: CorsIssue | undefined;
    if (!request && !js.ok) {
      // Audits reports a renderer refusal a moment after the rejection.
      for (let i = 0; i < 40 && !issue; i++) {
        issue = issues.find((x) => x.url === url);
        if (!issue) await new Promise((r) => setTimeout(r, 25));
      }
    }
    return {
      url,
      js,
      request,
      preflights: request ? recorder.preflightsOf(request.id) : [],
      issue,
      frameOrigin,
    };
  } finally {
    recorder.stop();
  }
}

/** What Chromium decided: a CORS error (CDP loadingFailed or Audits) is a block; else what JavaScript got says the rest. */
export function chromiumVerdict(run: ConformanceRun): Verdict {
  const cors = run.request?.failed?.corsErrorStatus ?? run.issue;
  if (cors) return { verdict: 'blocked', corsError: cors.corsError, failedParameter: cors.failedParameter };
  const js = run.js;
  if (!js.ok) return { verdict: 'failed' };
  if (js.type === 'opaque' || js.type === 'opaqueredirect') return { verdict: 'opaque' };
  if (js.type === 'cors') return { verdict: 'allowed' };
  const left = run.frameOrigin === 'null' || (run.request?.hops ?? []).some((h) => !sameOrigin(run.frameOrigin, h.url));
  return { verdict: js.type === 'xhr' && left ? 'allowed' : 'not-cors' };
}

export function recordedVerdict(r: ChromiumResult): Verdict {
  return r.verdict === 'blocked'
    ? { verdict: 'blocked', corsError: r.corsError, failedParameter: r.failedParameter ?? '' }
    : { verdict: r.verdict };
}

export function extensionVerdict(r: ExchangeRecord): Verdict {
  const e = r.evaluation;
  return e.verdict === 'blocked'
    ? { verdict: 'blocked', corsError: e.reason?.code, failedParameter: e.reason?.failedParameter }
    : { verdict: e.verdict };
}

/** Whether the extension should list the call: by default, when its URL is cross-origin (issue item 10). */
export function expectRecorded(c: ConformanceCase, run: ConformanceRun): boolean {
  return c.recorded ?? !sameOrigin(run.frameOrigin, run.url);
}

type Inspector = { corsInspector: { exchanges(f?: object): Promise<ExchangeRecord[]> } };

/** The worker's records observed after `since` (filtered in the worker: the whole log grows with every case). */
function recordedSince(b: TestBrowser, since: number): Promise<ExchangeRecord[]> {
  return withTimeout(
    b.worker.evaluate(
      async (s) => (await (globalThis as unknown as Inspector).corsInspector.exchanges({})).filter((r) => r.seq > s),
      since,
    ),
    15_000,
    'corsInspector.exchanges()',
  );
}

/** The newest observation order the extension has used (records after it are new). */
export async function lastSeq(b: TestBrowser): Promise<number> {
  return withTimeout(
    b.worker.evaluate(async () =>
      Math.max(0, ...(await (globalThis as unknown as Inspector).corsInspector.exchanges({})).map((r) => r.seq)),
    ),
    15_000,
    'corsInspector.exchanges()',
  );
}

/**
 * Every record the extension made after `since`, once `want` of them exist, finished (or ended)
 * and joined to the page's facts; or after a bounded wait. With `want` 0 it waits past the
 * page-side network grace (500 ms), so a record that should not exist has had its chance.
 */
export async function newRecords(b: TestBrowser, since: number, want: number): Promise<ExchangeRecord[]> {
  const deadline = Date.now() + (want === 0 ? 700 : 4000);
  let mine: ExchangeRecord[] = [];
  while (Date.now() < deadline) {
    mine = await recordedSince(b, since);
    const settled = mine.every((r) => (r.browserOutcome !== 'pending' || r.endedBy !== null) && r.pageFacts?.outcome);
    if (want > 0 && mine.length >= want && settled) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return mine;
}
