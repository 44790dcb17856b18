/**
 * DevTools' own search (Ctrl/⌘+F, relayed from `ExtensionPanel.onSearch`): a plain, case-insensitive
 * substring looked for in everything a row shows and in every header name and value.
 */
import type { Header } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { statusText } from '../../../shared/exchange-summary.ts';

const inHeaders = (headers: readonly Header[] | undefined, needle: string) =>
  !!headers?.some((h) => h.name.toLowerCase().includes(needle) || h.value.toLowerCase().includes(needle));

/** A predicate for the query, or null when there is nothing to search for. */
export function searchMatcher(query: string): ((r: ExchangeRecord) => boolean) | null {
  const needle = query.trim().toLowerCase();
  if (needle === '') return null;
  return (r) =>
    [
      r.url,
      r.method,
      r.initiator,
      statusText(r),
      r.evaluation.reason?.code ?? '',
      r.evaluation.reason?.title ?? '',
    ].some((s) => s.toLowerCase().includes(needle)) ||
    inHeaders(r.requestHeaders, needle) ||
    inHeaders(r.response?.headers, needle) ||
    inHeaders(r.preflight?.requestHeaders, needle) ||
    inHeaders(r.preflight?.responseHeaders, needle);
}
