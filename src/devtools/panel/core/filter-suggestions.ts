/**
 * Autocomplete for the filter box, as DevTools' FilterSuggestionBuilder offers: keys while a word
 * is typed, then the values that occur in the log (or the fixed set a key takes).
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { FILTER_KEYS } from './filter-query.ts';

export interface Suggestions {
  /** The part of the query the chosen item replaces. */
  from: number;
  to: number;
  items: string[];
}

const LIMIT = 12;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Values seen in the log for a key; keys with a fixed set use it. */
const OBSERVED: Record<string, (r: ExchangeRecord) => string[]> = {
  method: (r) => [r.method],
  domain: (r) => [hostOf(r.url)],
  'status-code': (r) => (r.response ? [String(r.response.status)] : []),
  scheme: (r) => [r.url.slice(0, Math.max(0, r.url.indexOf(':')))],
  origin: (r) => [r.initiator],
  'has-response-header': (r) => (r.response?.headers ?? []).map((h) => h.name.toLowerCase()),
  'has-request-header': (r) => r.requestHeaders.map((h) => h.name.toLowerCase()),
  findings: (r) => ['yes', 'no', ...r.evaluation.findings.map((f) => f.code)],
  reason: (r) => (r.evaluation.reason ? [r.evaluation.reason.code] : []),
};

function valuesFor(key: string, records: readonly ExchangeRecord[]): string[] {
  const fixed = FILTER_KEYS[key]?.values;
  if (fixed) return [...fixed];
  const observe = OBSERVED[key];
  if (!observe) return [];
  const seen = new Set<string>();
  for (const r of records) for (const v of observe(r)) if (v) seen.add(v);
  // Only what the log holds: a value that matches nothing is no suggestion (reason codes included).
  return [...seen].sort();
}

export function suggest(query: string, caret: number, records: readonly ExchangeRecord[]): Suggestions | null {
  const start = query.slice(0, caret).search(/\S*$/);
  let end = caret;
  while (end < query.length && !/\s/.test(query[end]!)) end++;
  const word = query.slice(start, end);
  const from = word.startsWith('-') ? start + 1 : start;
  const token = query.slice(from, end);
  // Nothing typed yet, or a regular expression: nothing to suggest.
  if (token === '' || token.startsWith('/')) return null;
  const colon = token.indexOf(':');
  let items: string[];
  if (colon < 0) {
    items = Object.keys(FILTER_KEYS)
      .filter((k) => k.startsWith(token.toLowerCase()))
      .map((k) => `${k}:`);
  } else {
    const key = token.slice(0, colon).toLowerCase();
    const typed = token.slice(colon + 1).toLowerCase();
    items = valuesFor(key, records)
      .filter((v) => v.toLowerCase().startsWith(typed) && v.toLowerCase() !== typed)
      .map((v) => `${key}:${v}`);
  }
  items = items.slice(0, LIMIT);
  return items.length ? { from, to: end, items } : null;
}
