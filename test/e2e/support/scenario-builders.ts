/** Short names for the scenario tables, so each row reads as the HTTP it describes. */
import type { ChromiumResult, HeaderList, PageCall, Reply } from './scenario-types.ts';

type Pair = readonly [string, string];

export const acao = (value: string): Pair => ['Access-Control-Allow-Origin', value];
export const acac = (value: string): Pair => ['Access-Control-Allow-Credentials', value];
export const acam = (value: string): Pair => ['Access-Control-Allow-Methods', value];
export const acah = (value: string): Pair => ['Access-Control-Allow-Headers', value];
export const aceh = (value: string): Pair => ['Access-Control-Expose-Headers', value];
export const maxAge = (value: string): Pair => ['Access-Control-Max-Age', value];
export const location = (value: string): Pair => ['Location', value];

/** The page's own origin in ACAO. */
export const ACAO_PAGE = acao('{page}');

export const reply = (status: number, ...headers: Pair[]): Reply => ({
  status,
  headers: headers as HeaderList,
  body: status === 204 || status === 304 ? undefined : `status ${status}`,
});
export const ok = (...headers: Pair[]): Reply => reply(200, ...headers);
/** A preflight answer: 204 plus the given headers. */
export const preflightOk = (...headers: Pair[]): Reply => reply(204, ...headers);
export const redirect = (status: number, to: string, ...headers: Pair[]): Reply =>
  reply(status, location(to), ...headers);

export const fetchCall = (url: string, init: Omit<PageCall, 'api' | 'url'> = {}): PageCall => ({
  api: 'fetch',
  url,
  ...init,
});
export const xhrCall = (url: string, init: Omit<PageCall, 'api' | 'url'> = {}): PageCall => ({
  api: 'xhr',
  url,
  ...init,
});

/** The resource every single-endpoint scenario calls: `r` on the cross-site api origin. */
export const API_R = '{api}{base}/r';
export const API2_R = '{api2}{base}/r';

export const ALLOWED: ChromiumResult = { verdict: 'allowed' };
export const OPAQUE: ChromiumResult = { verdict: 'opaque' };
export const NOT_CORS: ChromiumResult = { verdict: 'not-cors' };
export const blocked = (corsError: string, failedParameter = ''): ChromiumResult => ({
  verdict: 'blocked',
  corsError,
  failedParameter,
});
export const failed = (netError: string): ChromiumResult => ({ verdict: 'failed', netError });

const fill = (n: number, ch: string) => ch.repeat(n);
/** Safelisted headers filled in order, 128 bytes at most each: Fetch's and Chromium's client hints (not Accept-Language, which the network stack also sets). */
const FILLERS: [string, (n: number) => string][] = [
  ['Accept', (n) => fill(n, 'a')],
  ['Content-Language', (n) => fill(n, 'a')],
  ['Content-Type', (n) => `text/plain;p=${fill(n - 'text/plain;p='.length, 'a')}`],
  ['DPR', (n) => fill(n, '1')],
  ['Device-Memory', (n) => fill(n, '1')],
  ['Width', (n) => fill(n, '1')],
  ['Viewport-Width', (n) => fill(n, '1')],
  ['RTT', (n) => fill(n, '1')],
  ['Downlink', (n) => fill(n, '1')],
];

/** CORS-safelisted request headers (in Chromium) whose values total exactly `n` bytes (n ≤ 1152), for the 1024-byte rule. */
export function safelistedTotalling(n: number): [string, string][] {
  const out: [string, string][] = [];
  let left = n;
  for (const [name, make] of FILLERS) {
    if (left <= 0) break;
    const size = Math.min(128, left);
    out.push([name, make(size)]);
    left -= size;
  }
  return out;
}
