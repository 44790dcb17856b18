/** Header lookup with HTTP semantics: names are case-insensitive, repeated headers combine. */
import type { Header } from './types.ts';

export function headerValues(headers: readonly Header[] | undefined, name: string): string[] {
  if (!headers) return [];
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers)
    if (typeof h?.name === 'string' && h.name.toLowerCase() === lower) out.push(String(h.value ?? ''));
  return out;
}

/**
 * The combined value the way Chromium's HttpResponseHeaders::GetNormalizedHeader builds it:
 * repeated headers joined with ", ", each trimmed of HTTP whitespace. Null when absent.
 */
export function combinedHeader(headers: readonly Header[] | undefined, name: string): string | null {
  const values = headerValues(headers, name);
  if (values.length === 0) return null;
  return values.map(trimHttpWhitespace).join(', ');
}

export function hasHeader(headers: readonly Header[] | undefined, name: string): boolean {
  return headerValues(headers, name).length > 0;
}

/** HTTP whitespace: space, tab, CR, LF (Fetch "HTTP whitespace"). */
export function trimHttpWhitespace(value: string): string {
  return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Visible rendering of a value for traces: quotes it and shows control bytes. */
export function quote(value: string, max = 120): string {
  let shown = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    shown += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
    if (shown.length > max) {
      shown = `${shown.slice(0, max)}… (${value.length} chars)`;
      break;
    }
  }
  return `'${shown}'`;
}

/** RFC 9110 token characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/**
 * Parses an `Access-Control-Allow-Methods`/`-Headers`/`-Expose-Headers` value the way Chromium's
 * ParseAccessControlAllowList does: split on commas, trim whitespace, every item must be a token.
 * Returns the items, or the first invalid item.
 */
export function parseTokenList(value: string | null): { ok: true; items: string[] } | { ok: false; bad: string } {
  if (value === null) return { ok: true, items: [] };
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = trimHttpWhitespace(raw);
    if (item === '') continue;
    if (!isToken(item)) return { ok: false, bad: item };
    items.push(item);
  }
  return { ok: true, items };
}
