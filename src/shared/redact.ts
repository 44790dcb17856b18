/**
 * Sanitizing header lists for anything that leaves the browser (reports, HAR, Markdown): like
 * Chrome's "Export HAR (sanitized)", the values of Cookie, Set-Cookie and Authorization are replaced.
 */
import type { Header } from '../cors/types.ts';

export const SENSITIVE_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);
export const REDACTED = '[redacted]';

export function redactHeaders(headers: Header[]): Header[] {
  return headers.map((h) => (SENSITIVE_HEADERS.has(h.name.toLowerCase()) ? { name: h.name, value: REDACTED } : h));
}
