/**
 * Makes any input safe to evaluate: the engine is fed by webRequest, HAR files and page-side hints,
 * so headers may be missing, duplicated, huge, binary or of the wrong type. Nothing here throws.
 */
import type {
  BrowserOutcome,
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedRequest,
  ObservedResponse,
  RecordingGaps,
  RedirectHop,
} from './types.ts';

/** Any value as a string; values that refuse conversion (Object.create(null), a throwing toString) become ''. */
function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  try {
    return String(v);
  } catch {
    return '';
  }
}

/** Any value as a finite integer, else `fallback` (Number() throws on symbols and null-prototype objects). */
function int(v: unknown, fallback: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

export function sanitizeHeaders(headers: unknown): Header[] {
  if (!Array.isArray(headers)) return [];
  const out: Header[] = [];
  for (const h of headers) {
    if (!h || typeof h !== 'object') continue;
    const name = str((h as Header).name).trim();
    if (name === '') continue;
    out.push({ name, value: str((h as Header).value) });
  }
  return out;
}

function sanitizeRequest(r: unknown): ObservedRequest {
  const o = (r && typeof r === 'object' ? r : {}) as Partial<ObservedRequest>;
  return { method: str(o.method) || 'GET', url: str(o.url), headers: sanitizeHeaders(o.headers) };
}

function sanitizeResponse(r: unknown): ObservedResponse | null {
  if (!r || typeof r !== 'object') return null;
  const o = r as Partial<ObservedResponse>;
  return {
    status: int(o.status, 0),
    statusLine: o.statusLine === undefined ? undefined : str(o.statusLine),
    headers: sanitizeHeaders(o.headers),
    // Stack detection reads only the beginning of a body.
    body: typeof o.body === 'string' ? o.body.slice(0, MAX_BODY_CHARS) : undefined,
  };
}

const MAX_BODY_CHARS = 4096;

function sanitizeOutcome(o: unknown): BrowserOutcome {
  const kind = (o as BrowserOutcome | undefined)?.kind;
  if (kind === 'completed') return { kind };
  if (kind === 'failed') return { kind, error: str((o as { error?: unknown }).error) || 'net::ERR_FAILED' };
  if (kind === 'headers-only') return { kind };
  return { kind: 'unknown' };
}

function sanitizePreflight(p: unknown): ObservedPreflight | null {
  if (!p || typeof p !== 'object') return null;
  const o = p as Partial<ObservedPreflight>;
  return {
    request: sanitizeRequest(o.request),
    response: sanitizeResponse(o.response),
    outcome: sanitizeOutcome(o.outcome),
    ...(o.redirectedTo !== undefined ? { redirectedTo: str(o.redirectedTo) } : {}),
  };
}

function sanitizeHops(h: unknown): RedirectHop[] {
  if (!Array.isArray(h)) return [];
  return h
    .filter((x) => x && typeof x === 'object')
    .map((x: Partial<RedirectHop>) => ({
      url: str(x.url),
      status: int(x.status, 0),
      headers: sanitizeHeaders(x.headers),
      location: str(x.location),
      ...(x.requestHeaders ? { requestHeaders: sanitizeHeaders(x.requestHeaders) } : {}),
    }));
}

function sanitizeGaps(g: RecordingGaps): RecordingGaps {
  const out: RecordingGaps = {};
  for (const key of ['preflight', 'response', 'requestHeaders', 'outcome'] as const) if (g[key]) out[key] = str(g[key]);
  return out;
}

const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined =>
  allowed.includes(v as T) ? (v as T) : undefined;

export function sanitizeExchange(input: unknown): ObservedExchange {
  const o = (input && typeof input === 'object' ? input : {}) as Partial<ObservedExchange>;
  return {
    initiator: o.initiator === undefined || o.initiator === null ? undefined : str(o.initiator),
    ...(o.initiatorSource !== undefined ? { initiatorSource: str(o.initiatorSource) } : {}),
    request: sanitizeRequest(o.request),
    preflight: sanitizePreflight(o.preflight),
    redirects: sanitizeHops(o.redirects),
    response: sanitizeResponse(o.response),
    outcome: sanitizeOutcome(o.outcome),
    credentials: oneOf(o.credentials, ['omit', 'same-origin', 'include'] as const),
    mode: oneOf(o.mode, ['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'] as const),
    ...(o.modeSource !== undefined ? { modeSource: str(o.modeSource) } : {}),
    preflightCached: o.preflightCached === true,
    forcedPreflight: o.forcedPreflight === true,
    browser: oneOf(o.browser, ['chromium', 'firefox'] as const),
    redirectMode: oneOf(o.redirectMode, ['follow', 'error', 'manual'] as const),
    ...(typeof o.observer === 'string' && o.observer !== '' ? { observer: o.observer.slice(0, 100) } : {}),
    ...(typeof o.hintsFrom === 'string' && o.hintsFrom !== '' ? { hintsFrom: o.hintsFrom.slice(0, 300) } : {}),
    ...(o.gaps && typeof o.gaps === 'object' ? { gaps: sanitizeGaps(o.gaps) } : {}),
    api: oneOf(o.api, ['fetch', 'xhr', 'eventsource', 'beacon'] as const),
    ...(o.cspViolation && typeof o.cspViolation === 'object'
      ? { cspViolation: { directive: str(o.cspViolation.directive).slice(0, 64) || 'connect-src' } }
      : {}),
  };
}
