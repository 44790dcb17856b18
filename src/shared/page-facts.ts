/**
 * What the page-side observer reports about each fetch / XMLHttpRequest / EventSource / sendBeacon
 * call, and the validation every report passes before the worker believes a word of it. The
 * reports come from the page's MAIN world, where the page itself can forge them, so the parser
 * treats its input as hostile: any shape, any size, any type. Anything out of shape is dropped
 * whole; nothing here throws.
 *
 * Route: MAIN-world observer → CustomEvent (a JSON string) → ISOLATED-world relay → runtime Port
 * (PAGE_PORT_NAME) → worker (background/page-facts.ts) → join with the webRequest exchange.
 */
import type { CredentialsMode, Header, RequestMode } from '../cors/types.ts';
import { parseStack, type StackFrame } from './call-stack.ts';

/** The runtime Port the ISOLATED relay opens to the worker. */
export const PAGE_PORT_NAME = 'cors-inspector-page';
/** MAIN → ISOLATED: a batch of reports, as a JSON string in CustomEvent.detail. */
export const PAGE_FACTS_EVENT = 'cors-inspector:page-facts';
/** ISOLATED → MAIN: `'observe'` or `'dormant'` in CustomEvent.detail. */
export const OBSERVER_CONTROL_EVENT = 'cors-inspector:observer-control';

/**
 * Relay → worker over the port: one batch exactly as the page dispatched it, numbered by the relay
 * (from 1, per document) so the worker can say when it is done with it.
 */
export interface RelayBatch {
  seq: number;
  batch: string;
}

/**
 * Worker → relay: whether this document's reports are wanted (its tab is recorded and the observer
 * is on); and which batches are settled: every call in them has its exchange stored (or needs none),
 * so the relay need not send them again after a worker restart.
 */
export type RelayControl = { type: 'observe'; value: boolean } | { type: 'settled'; seqs: number[] };

/** Bounds on what one document may send. Larger batches are dropped unread by the relay. */
export const PAGE_LIMITS = {
  batchChars: 256 * 1024,
  messagesPerBatch: 200,
  urlChars: 8192,
  headers: 64,
  headerNameChars: 256,
  headerValueChars: 1024,
  textChars: 1024,
} as const;

export type PageApi = 'fetch' | 'xhr' | 'eventsource' | 'beacon';
export type RedirectMode = 'follow' | 'error' | 'manual';
export type JsResponseType = 'basic' | 'cors' | 'opaque' | 'opaqueredirect' | 'default' | 'error';

/**
 * Request headers as the page set them. Values are kept only for the names whose safelist rules
 * read the value (PAGE_VALUE_HEADERS); every other value is null (an Authorization value never
 * leaves the page).
 */
export interface PageHeader {
  name: string;
  value: string | null;
}

/** One call as the page made it: what webRequest cannot see. */
export interface PageCall {
  api: PageApi;
  /** Absolute URL, resolved the way the API resolves it (against the document's base URL). */
  url: string;
  /** Normalized as Fetch normalizes it (`get` → `GET`, `patch` stays `patch`). */
  method: string;
  /** null when the page passed something the API rejects (the call then fails in JavaScript). */
  mode: RequestMode | null;
  credentials: CredentialsMode | null;
  redirect: RedirectMode | null;
  headers: PageHeader[];
  /** A request body was given (and the method can carry one). */
  body: boolean;
  /** The body is a ReadableStream. */
  streamBody: boolean;
  /** XHR only: the upload object had event listeners at send(), which forces a preflight. */
  uploadListener: boolean;
  /** Epoch milliseconds (performance.timeOrigin + performance.now()), comparable with webRequest's timeStamp. */
  at: number;
  /**
   * The page's own stack frames at the call, innermost first (src/shared/call-stack.ts); empty when
   * they could not be read. Absent on records made before the observer sent them.
   */
  stack?: StackFrame[];
}

/** What JavaScript got back. */
export type JsOutcome =
  /** fetch resolved / XHR fired `load` / EventSource fired `open`. `type` is null where the API hides it (XHR, EventSource). */
  | { kind: 'response'; type: JsResponseType | null; status: number; redirected: boolean; url: string }
  /** fetch rejected / XHR fired `error`, `abort` or `timeout` or threw / EventSource failed before opening. */
  | { kind: 'error'; name: string; message: string }
  /** sendBeacon returned: whether the browser queued the beacon. */
  | { kind: 'queued'; accepted: boolean };

export type PageMessage =
  | ({ kind: 'start'; call: number } & PageCall)
  | { kind: 'end'; call: number; at: number; outcome: JsOutcome }
  /** The page's Content-Security-Policy refused the call (its securitypolicyviolation event, which fires after the rejection). */
  | { kind: 'csp'; call: number; directive: string };

/**
 * A report as the observer sends it. A start carries the stack as V8 printed it, not parsed: the
 * page's own String and RegExp methods are not to be trusted (or called) in its world, so the
 * worker parses it into `stack`.
 */
export type PageReport =
  | ({ kind: 'start'; call: number; stackText: string | null } & Omit<PageCall, 'stack'>)
  | Extract<PageMessage, { kind: 'end' | 'csp' }>;

/**
 * The page's facts as kept on an exchange record. `frameOrigin` is not the page's word: it is the
 * browser's (the relay port's sender.origin), `"null"` for opaque origins.
 */
export interface PageFacts {
  /** 'page-and-network': joined to a webRequest exchange; 'page-only': no network request was seen (refused in the renderer). */
  seen: 'page-and-network' | 'page-only';
  frameOrigin: string;
  call: PageCall;
  outcome: JsOutcome | null;
  endedAt: number | null;
  /** The page's Content-Security-Policy refused the call: the directive that did (`connect-src`). */
  cspViolation?: { directive: string };
}

/** Names whose safelist rules read the value (Fetch's, plus Chromium's safelisted client hints). */
export const PAGE_VALUE_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'range',
  'device-memory',
  'dpr',
  'width',
  'viewport-width',
  'rtt',
  'downlink',
  'save-data',
]);

const APIS: readonly PageApi[] = ['fetch', 'xhr', 'eventsource', 'beacon'];
const MODES: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'];
const CREDENTIALS: readonly CredentialsMode[] = ['omit', 'same-origin', 'include'];
const REDIRECTS: readonly RedirectMode[] = ['follow', 'error', 'manual'];
const RESPONSE_TYPES: readonly JsResponseType[] = ['basic', 'cors', 'opaque', 'opaqueredirect', 'default', 'error'];
/** A CSP directive name (https://w3c.github.io/webappsec-csp/#framework-directives). */
const DIRECTIVE = /^[a-z][a-z-]{0,63}$/;
/** An HTTP method is a token (RFC 9110 §5.6.2). */
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/;

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const oneOf = <T>(v: unknown, allowed: readonly T[]): v is T => allowed.includes(v as T);
const nullableOneOf = <T>(v: unknown, allowed: readonly T[]): v is T | null => v === null || oneOf(v, allowed);
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const callId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function absoluteUrl(v: unknown): v is string {
  if (!text(v, PAGE_LIMITS.urlChars)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

function parseHeaders(v: unknown): PageHeader[] | null {
  if (!Array.isArray(v) || v.length > PAGE_LIMITS.headers) return null;
  const out: PageHeader[] = [];
  for (const h of v) {
    if (!isObject(h) || !text(h.name, PAGE_LIMITS.headerNameChars) || h.name === '') return null;
    if (h.value !== null && !text(h.value, PAGE_LIMITS.headerValueChars)) return null;
    // A value the observer should not have sent is forgotten, not trusted.
    out.push({ name: h.name, value: PAGE_VALUE_HEADERS.has(h.name.toLowerCase()) ? h.value : null });
  }
  return out;
}

function parseCall(m: Raw): PageCall | null {
  const headers = parseHeaders(m.headers);
  if (
    !headers ||
    !oneOf(m.api, APIS) ||
    !absoluteUrl(m.url) ||
    !text(m.method, 32) ||
    !METHOD.test(m.method) ||
    !nullableOneOf(m.mode, MODES) ||
    !nullableOneOf(m.credentials, CREDENTIALS) ||
    !nullableOneOf(m.redirect, REDIRECTS) ||
    typeof m.body !== 'boolean' ||
    typeof m.streamBody !== 'boolean' ||
    typeof m.uploadListener !== 'boolean' ||
    !time(m.at)
  )
    return null;
  return {
    api: m.api,
    url: m.url,
    method: m.method,
    mode: m.mode,
    credentials: m.credentials,
    redirect: m.redirect,
    headers,
    body: m.body,
    streamBody: m.streamBody,
    uploadListener: m.uploadListener,
    at: m.at,
    // A stack too long or out of shape costs the call site, not the report.
    stack: parseStack(m.stackText),
  };
}

function parseOutcome(o: unknown): JsOutcome | null {
  if (!isObject(o)) return null;
  if (o.kind === 'response') {
    if (
      !(o.type === null || oneOf(o.type, RESPONSE_TYPES)) ||
      typeof o.status !== 'number' ||
      !Number.isInteger(o.status) ||
      o.status < 0 ||
      o.status > 999
    )
      return null;
    if (typeof o.redirected !== 'boolean' || !(o.url === '' || absoluteUrl(o.url))) return null;
    return { kind: 'response', type: o.type, status: o.status, redirected: o.redirected, url: o.url };
  }
  if (o.kind === 'error') {
    if (!text(o.name, 128) || !text(o.message, PAGE_LIMITS.textChars)) return null;
    return { kind: 'error', name: o.name, message: o.message };
  }
  if (o.kind === 'queued' && typeof o.accepted === 'boolean') return { kind: 'queued', accepted: o.accepted };
  return null;
}

/** One report, validated; null when anything about it is out of shape. */
export function parsePageMessage(v: unknown): PageMessage | null {
  if (!isObject(v) || !callId(v.call)) return null;
  if (v.kind === 'start') {
    const call = parseCall(v);
    return call ? { kind: 'start', call: v.call, ...call } : null;
  }
  if (v.kind === 'end') {
    const outcome = parseOutcome(v.outcome);
    return outcome && time(v.at) ? { kind: 'end', call: v.call, at: v.at, outcome } : null;
  }
  if (v.kind === 'csp')
    return text(v.directive, 64) && DIRECTIVE.test(v.directive)
      ? { kind: 'csp', call: v.call, directive: v.directive }
      : null;
  return null;
}

/**
 * A batch as the relay forwards it (the JSON text the page dispatched). Returns the valid reports
 * and how many were dropped; a batch that is not a bounded JSON array is dropped whole.
 */
export function parsePageBatch(batch: unknown): { messages: PageMessage[]; dropped: number } {
  if (!text(batch, PAGE_LIMITS.batchChars)) return { messages: [], dropped: 1 };
  let items: unknown;
  try {
    items = JSON.parse(batch);
  } catch {
    return { messages: [], dropped: 1 };
  }
  if (!Array.isArray(items) || items.length > PAGE_LIMITS.messagesPerBatch) return { messages: [], dropped: 1 };
  const messages = items.map(parsePageMessage).filter((m): m is PageMessage => m !== null);
  return { messages, dropped: items.length - messages.length };
}

/** The page's headers in the engine's shape (values it did not keep become ''). */
export function pageHeadersAsObserved(headers: readonly PageHeader[]): Header[] {
  return headers.map((h) => ({ name: h.name, value: h.value ?? '' }));
}
