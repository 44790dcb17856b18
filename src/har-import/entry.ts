/**
 * One HAR entry → the facts CORS needs, kept small (bodies, timings and cookies' values are
 * dropped as the entry is read). Every producer's fields are read here, wherever each puts them
 * (`response._error` for Chrome DevTools and CORS Inspector, `response._failureText` for
 * Playwright, the entry itself in older tools); which of them means what is the producer's
 * business (producer.ts). An entry that is not an object with a request URL and method is refused
 * with a message that names what is wrong, and the caller skips it.
 */
import type { Header } from '../cors/types.ts';

export interface WireEntry {
  /** Position in log.entries, as the user will look for it. */
  index: number;
  startedAt: number;
  time: number | null;
  method: string;
  url: string;
  requestHeaders: Header[];
  /** request.cookies had entries (a credentialed request whose Cookie header a tool may have dropped). */
  requestCookies: boolean;
  /** As recorded: 0 or -1 when the producer had no response. */
  status: number;
  statusText: string;
  httpVersion: string;
  responseHeaders: Header[];
  /** Resolved against the entry's URL; "" when none. */
  redirectURL: string;
  error: string | null;
  resourceType: string | null;
  initiator: { type: string; url: string | null; requestId: string | null } | null;
  /** Chromium request ids some tools record on the entry (DevTools' preflights name their request's id). */
  requestId: string | null;
  frameRef: string | null;
  pageRef: string | null;
  serverIp: string | null;
  fromCache: boolean;
  /** A CORS Inspector HAR's own block: which exchange the entry belongs to and its role. */
  cors: { role: string; exchangeId: string; initiator: string | null } | null;
}

export class EntryError extends Error {}

type Loose = Record<string, unknown>;

const obj = (v: unknown): Loose | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function headers(v: unknown, where: string): Header[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new EntryError(`${where}.headers is not an array`);
  const out: Header[] = [];
  for (const h of v) {
    const o = obj(h);
    const name = o ? text(o.name) : null;
    if (!o || name === null || name.trim() === '') continue;
    out.push({ name, value: o.value === undefined || o.value === null ? '' : String(o.value) });
  }
  return out;
}

function resolve(location: string, base: string): string {
  if (location === '') return '';
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function firstError(...values: unknown[]): string | null {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return null;
}

export function readEntry(raw: unknown, index: number): WireEntry {
  const e = obj(raw);
  if (!e) throw new EntryError('is not an object');
  const request = obj(e.request);
  if (!request) throw new EntryError('has no request object');
  const url = text(request.url);
  if (!url) throw new EntryError('has no request.url');
  const method = text(request.method);
  if (!method) throw new EntryError('has no request.method');
  const response = obj(e.response) ?? {};
  const startedAt = Date.parse(text(e.startedDateTime) ?? '');
  const initiator = obj(e._initiator);
  const cors = obj(e._cors);
  return {
    index,
    startedAt: Number.isFinite(startedAt) ? startedAt : 0,
    time: num(e.time),
    method,
    url,
    requestHeaders: headers(request.headers, 'request'),
    requestCookies: Array.isArray(request.cookies) && request.cookies.length > 0,
    status: num(response.status) ?? 0,
    statusText: text(response.statusText) ?? '',
    httpVersion: text(response.httpVersion) ?? '',
    responseHeaders: headers(response.headers, 'response'),
    redirectURL: resolve(text(response.redirectURL) ?? '', url),
    error: firstError(response._error, response._failureText, e._error, e._failureText),
    resourceType: text(e._resourceType),
    initiator: initiator
      ? { type: text(initiator.type) ?? '', url: text(initiator.url), requestId: text(initiator.requestId) }
      : null,
    requestId: text(e._requestId),
    frameRef: text(e._frameref),
    pageRef: text(e.pageref),
    serverIp: text(e.serverIPAddress),
    fromCache: !!text(e._fromCache),
    cors:
      cors && text(cors.exchangeId)
        ? { role: text(cors.role) ?? '', exchangeId: text(cors.exchangeId)!, initiator: text(cors.initiator) }
        : null,
  };
}
