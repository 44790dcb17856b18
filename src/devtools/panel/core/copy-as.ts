/**
 * "Copy as cURL" and "Copy as fetch" for one exchange. The cURL form replays the preflight first,
 * with the Origin and Access-Control-Request-* the browser sent (or would have sent), because the
 * preflight is usually where a CORS failure is decided. Header values come from the wire and may be
 * hostile, so every value is quoted for the language it lands in. Pure; no DOM.
 */
import type { Header } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { whyNoRequestHeaders } from '../../../shared/exchange-summary.ts';

/** Headers curl manages itself, or that cannot be replayed meaningfully. */
const CURL_SKIPS = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'expect',
  'te',
  'accept-encoding',
]);

/**
 * A bash word that reads back as exactly `value`. Plain single quotes when safe; ANSI-C `$'…'`
 * quoting when the value holds a quote, `!` or a control character (the same rule as DevTools'
 * `escapeStringPosix` in NetworkLogView.ts), so no value can end the word or run a command.
 */
export function shellQuote(value: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f!']/.test(value)) return `'${value}'`;
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/[\u0000-\u001f\u007f-\u009f!]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `$'${escaped}'`;
}

const headerName = (h: Header) => h.name.toLowerCase();

/** `curl -i [-g] [-X METHOD] 'URL'`, then one `-H 'Name: value'` per line, as DevTools lays it out. */
function curlCommand(method: string, url: string, headers: readonly Header[]): string {
  const first = ['curl', '-i'];
  // curl treats [] and {} in URLs as glob ranges unless told not to.
  if (/[[\]{}]/.test(url)) first.push('-g');
  if (method === 'HEAD') first.push('-I');
  else if (method !== 'GET') first.push('-X', shellQuote(method));
  first.push(shellQuote(url));
  const lines = [first.join(' ')];
  for (const h of headers) {
    if (h.name.startsWith(':') || CURL_SKIPS.has(headerName(h))) continue;
    lines.push(`-H ${shellQuote(`${h.name}: ${h.value}`)}`);
  }
  return lines.join(' \\\n  ');
}

/** The preflight's request headers: as captured, else as the browser would build them. */
function preflightHeaders(r: ExchangeRecord): Header[] | null {
  if (r.preflight) return r.preflight.requestHeaders;
  if (!r.evaluation.preflight.needed) return null;
  const acrh = r.evaluation.preflight.requestHeaders;
  return [
    { name: 'Origin', value: r.initiator },
    { name: 'Access-Control-Request-Method', value: r.method },
    ...(acrh ? [{ name: 'Access-Control-Request-Headers', value: acrh }] : []),
  ];
}

const hasBody = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

export function toCurl(r: ExchangeRecord): string {
  const blocks: string[] = [];
  const preflight = preflightHeaders(r);
  if (preflight) {
    const how = r.preflight
      ? 'as the browser sent it'
      : r.evaluation.preflight.cached
        ? 'the browser reused a cached one; this is the request it would send'
        : 'the browser needed one; this is the request it would send';
    blocks.push(`# 1. The CORS preflight (${how})\n${curlCommand('OPTIONS', r.preflight?.url ?? r.url, preflight)}`);
  }
  const comments = [`# ${preflight ? '2. ' : ''}The ${r.method} request`];
  let headers = r.requestHeaders;
  if (headers.length === 0) {
    // Never sent (a failed preflight stops it before onSendHeaders), or its headers went with a stopped worker.
    comments.push(
      `# Its headers were not captured (${whyNoRequestHeaders(r)}); Origin is what it ${r.interruptions?.length ? 'carried' : 'would carry'}.`,
    );
    headers = r.initiator ? [{ name: 'Origin', value: r.initiator }] : [];
  }
  if (hasBody(r.method)) comments.push("# The request body is not captured; add --data-raw '…' to send one.");
  blocks.push(`${comments.join('\n')}\n${curlCommand(r.method, r.url, headers)}`);
  return blocks.join('\n\n');
}

/**
 * Forbidden request headers (https://fetch.spec.whatwg.org/#forbidden-request-header): fetch() would
 * silently drop them, so they are left out; the browser adds its own.
 */
const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'user-agent',
]);
const isForbidden = (name: string) =>
  FORBIDDEN.has(name) || name.startsWith('proxy-') || name.startsWith('sec-') || name.startsWith(':');

function credentialsOf(r: ExchangeRecord): RequestCredentials {
  const known = r.evaluation.credentials.mode;
  if (known !== 'unknown') return known;
  return r.requestHeaders.some((h) => headerName(h) === 'cookie') ? 'include' : 'same-origin';
}

/**
 * JSON is valid JavaScript and JSON.stringify escapes quotes and control characters; U+2028/U+2029
 * are escaped too because they end a line comment.
 */
function js(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export function toFetch(r: ExchangeRecord): string {
  const headers: Record<string, string> = {};
  for (const h of r.requestHeaders) if (!isForbidden(headerName(h))) headers[h.name] = h.value;
  const referrer = r.requestHeaders.find((h) => headerName(h) === 'referer')?.value;
  const mode = r.evaluation.mode.mode;
  const init = {
    method: r.method,
    headers,
    ...(referrer ? { referrer } : {}),
    mode: mode === 'no-cors' || mode === 'same-origin' ? mode : 'cors',
    credentials: credentialsOf(r),
  };
  const lines = [
    `// Run it in the console of a page on ${js(r.initiator || 'the same origin')}: the browser adds Origin and the preflight.`,
  ];
  if (hasBody(r.method)) lines.push('// The request body is not captured; add a `body` to send one.');
  lines.push(`fetch(${js(r.url)}, ${js(init, 2)});`);
  return lines.join('\n');
}
