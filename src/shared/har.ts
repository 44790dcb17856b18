/**
 * Exchanges → HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), one entry per request on
 * the wire: the preflight, each redirect hop, then the final request, whose `_cors` block carries the
 * verdict and why. Sanitized by default the way Chrome's "Export HAR (sanitized)" is: Cookie,
 * Set-Cookie and Authorization values are redacted (the names stay: their presence matters to CORS).
 * Pure; no DOM.
 */
import type { Cookie, Entry, Har, Header as HarHeader, Page, QueryString, Response } from 'har-format';
import type { Header } from '../cors/types.ts';
import type { ExchangeRecord } from './exchange.ts';
import { displayVerdict, hopRequestHeaders } from './exchange-summary.ts';
import { REDACTED, SENSITIVE_HEADERS } from './redact.ts';

export interface HarOptions {
  /** Keep Cookie, Set-Cookie and Authorization values ("Export HAR with sensitive data"). */
  sensitive: boolean;
  creatorVersion: string;
}

type Redact = (name: string, value: string) => string;
const redactorFor = (sensitive: boolean): Redact =>
  sensitive ? (_n, v) => v : (n, v) => (SENSITIVE_HEADERS.has(n.toLowerCase()) ? REDACTED : v);

function harHeaders(headers: readonly Header[], redact: Redact): HarHeader[] {
  return headers.map((h) => ({ name: h.name, value: redact(h.name, h.value) }));
}

function requestCookies(headers: readonly Header[], redact: Redact): Cookie[] {
  const cookie = headers
    .filter((h) => h.name.toLowerCase() === 'cookie')
    .map((h) => h.value)
    .join('; ');
  return cookie
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return { name, value: redact('cookie', eq < 0 ? '' : pair.slice(eq + 1)) };
    });
}

function responseCookies(headers: readonly Header[], redact: Redact): Cookie[] {
  return headers
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .flatMap((h) => h.value.split('\n'))
    .map((line) => {
      const pair = line.split(';', 1)[0]!.trim();
      const eq = pair.indexOf('=');
      return { name: eq < 0 ? pair : pair.slice(0, eq), value: redact('set-cookie', eq < 0 ? '' : pair.slice(eq + 1)) };
    });
}

function queryString(url: string): QueryString[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** "HTTP/1.1 404 Not Found" → version and reason phrase. */
function parseStatusLine(line: string | null): { httpVersion: string; statusText: string } {
  const m = line ? /^(\S+)\s+\d{3}\s*(.*)$/.exec(line) : null;
  return m ? { httpVersion: m[1]!, statusText: m[2]! } : { httpVersion: '', statusText: '' };
}

interface Wire {
  method: string;
  url: string;
  startedAt: number;
  durationMs: number | null;
  requestHeaders: readonly Header[];
  response: { status: number; statusLine: string | null; headers: readonly Header[] } | null;
  redirectURL: string;
  error: string | null;
}

function response(w: Wire, redact: Redact): Response {
  if (!w.response) {
    return {
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      ...(w.error ? { _error: w.error } : {}),
    };
  }
  const contentType = w.response.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? 'x-unknown';
  return {
    status: w.response.status,
    ...parseStatusLine(w.response.statusLine),
    cookies: responseCookies(w.response.headers, redact),
    headers: harHeaders(w.response.headers, redact),
    // Bodies are never captured (webRequest cannot see them).
    content: { size: 0, mimeType: contentType, comment: 'body not captured' },
    redirectURL: w.redirectURL,
    headersSize: -1,
    bodySize: -1,
    ...(w.error ? { _error: w.error } : {}),
  };
}

function entry(w: Wire, pageref: string, redact: Redact, extra: Record<`_${string}`, unknown>): Entry {
  const time = Math.max(0, w.durationMs ?? 0);
  return {
    pageref,
    startedDateTime: new Date(w.startedAt).toISOString(),
    time,
    request: {
      method: w.method,
      url: w.url,
      httpVersion: parseStatusLine(w.response?.statusLine ?? null).httpVersion,
      cookies: requestCookies(w.requestHeaders, redact),
      headers: harHeaders(w.requestHeaders, redact),
      queryString: queryString(w.url),
      headersSize: -1,
      bodySize: -1,
    },
    response: response(w, redact),
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    ...extra,
  };
}

/** The verdict and its grounds, as a HAR custom field (names start with `_`, per HAR 1.2). */
function corsBlock(r: ExchangeRecord, redact: Redact) {
  const e = r.evaluation;
  return {
    exchangeId: r.id,
    initiator: r.initiator,
    verdict: displayVerdict(r),
    reason: e.reason
      ? {
          code: e.reason.code,
          failedParameter: e.reason.failedParameter,
          header: e.reason.header,
          where: e.reason.where,
          title: e.reason.title,
          explanation: e.reason.explanation,
          howToFix: e.reason.howToFix,
          consoleMessage: e.reason.consoleMessage,
        }
      : null,
    failure: e.failure,
    confidence: e.confidence,
    assumptions: e.assumptions,
    credentials: e.credentials,
    mode: e.mode,
    preflight: {
      needed: e.preflight.needed,
      seen: e.preflight.seen,
      cached: e.preflight.cached,
      maxAgeSeconds: e.preflight.maxAgeSeconds,
      summary: e.preflight.summary,
    },
    exposure: e.exposure,
    browserNotes: e.browserNotes,
    findings: e.findings.map((f) => ({
      ...f,
      evidence: f.evidence.map((ev) => ({ header: ev.header, value: redact(ev.header, ev.value) })),
    })),
  };
}

function entriesOf(r: ExchangeRecord, pageref: string, redact: Redact): Entry[] {
  const out: Entry[] = [];
  const p = r.preflight;
  if (p) {
    out.push(
      entry(
        {
          method: p.method,
          url: p.url,
          startedAt: p.startedAt,
          durationMs: p.durationMs,
          requestHeaders: p.requestHeaders,
          response:
            p.status === null ? null : { status: p.status, statusLine: p.statusLine, headers: p.responseHeaders },
          redirectURL: p.redirectedTo ?? '',
          error: p.error,
        },
        pageref,
        redact,
        { _cors: { role: 'preflight', exchangeId: r.id } },
      ),
    );
  }
  r.redirects.forEach((hop, k) => {
    out.push(
      entry(
        {
          method: r.method,
          url: hop.url,
          startedAt: r.startedAt,
          durationMs: null,
          requestHeaders: hopRequestHeaders(r, k) ?? [],
          response: { status: hop.status, statusLine: null, headers: hop.headers },
          redirectURL: hop.location,
          error: null,
        },
        pageref,
        redact,
        { _cors: { role: 'redirect', exchangeId: r.id } },
      ),
    );
  });
  const finalUrl = r.urlChain[r.urlChain.length - 1] ?? r.url;
  out.push(
    entry(
      {
        method: r.method,
        url: finalUrl,
        startedAt: r.startedAt,
        durationMs: r.durationMs,
        requestHeaders: hopRequestHeaders(r, r.redirects.length) ?? [],
        response: r.response,
        redirectURL: '',
        error: r.browserError,
      },
      pageref,
      redact,
      { _cors: { role: 'request', ...corsBlock(r, redact) } },
    ),
  );
  return out;
}

export function toHar(records: readonly ExchangeRecord[], options: HarOptions): Har {
  const redact = redactorFor(options.sensitive);
  const pages: Page[] = [];
  const pageIds = new Map<string, string>();
  const entries: Entry[] = [];
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    let pageref = pageIds.get(r.pageUrl);
    if (pageref === undefined) {
      pageref = `page_${pages.length + 1}`;
      pageIds.set(r.pageUrl, pageref);
      pages.push({
        id: pageref,
        startedDateTime: new Date(r.startedAt).toISOString(),
        title: r.pageUrl,
        pageTimings: {},
      });
    }
    entries.push(...entriesOf(r, pageref, redact));
  }
  return {
    log: {
      version: '1.2',
      creator: { name: 'CORS Inspector', version: options.creatorVersion },
      pages,
      entries,
      comment: options.sensitive
        ? 'Contains cookies and credentials.'
        : `Sanitized: Cookie, Set-Cookie and Authorization values replaced by ${REDACTED}.`,
    },
  };
}
