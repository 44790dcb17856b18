/**
 * The filter box language, DevTools' Network syntax plus CORS keys. Like DevTools
 * (front_end/panels/network/forward/UIFilter.ts FilterType, NetworkLogView.ts `requestDomainFilter`…):
 * whitespace-separated terms are ANDed, `key:value` picks a field, `-` negates a term, `/re/` is a
 * case-insensitive regular expression on the URL, any other word is a URL substring, and an unknown
 * key is plain text (so `http://host` still works). Pure; the panel's filter box is its only user.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict, hasPreflight } from '../../../shared/exchange-summary.ts';

export type Predicate = (r: ExchangeRecord) => boolean;

interface KeySpec {
  /** Shown in help and in error messages. */
  hint: string;
  /** Allowed values, when the key takes a fixed set (matched case-insensitively). */
  values?: readonly string[];
  make(value: string): Predicate;
}

const VERDICTS = ['allowed', 'blocked', 'opaque', 'not-cors', 'failed', 'unfinished', 'pending'] as const;

/** `*` matches any run of characters; everything else is literal; the match is whole and case-insensitive. */
export function wildcardMatcher(pattern: string): (value: string) => boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`, 'i');
  return (value) => re.test(value);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon > 0 ? url.slice(0, colon) : '';
}

const hasHeader = (headers: readonly { name: string }[] | undefined, name: string) =>
  !!headers?.some((h) => h.name.toLowerCase() === name.toLowerCase());

export const FILTER_KEYS: Readonly<Record<string, KeySpec>> = {
  method: { hint: 'method:PUT', make: (v) => (r) => r.method.toLowerCase() === v.toLowerCase() },
  domain: {
    hint: 'domain:*.example.com',
    make: (v) => {
      const m = wildcardMatcher(v);
      return (r) => m(hostOf(r.url));
    },
  },
  'status-code': { hint: 'status-code:404', make: (v) => (r) => String(r.response?.status ?? '') === v },
  scheme: { hint: 'scheme:https', make: (v) => (r) => schemeOf(r.url).toLowerCase() === v.toLowerCase() },
  url: { hint: 'url:/api/', make: (v) => (r) => r.url.toLowerCase().includes(v.toLowerCase()) },
  'has-response-header': {
    hint: 'has-response-header:vary',
    make: (v) => (r) => hasHeader(r.response?.headers, v) || hasHeader(r.preflight?.responseHeaders, v),
  },
  'has-request-header': {
    hint: 'has-request-header:authorization',
    make: (v) => (r) => hasHeader(r.requestHeaders, v),
  },
  cors: {
    hint: 'cors:blocked',
    values: VERDICTS,
    make: (v) => (r) => displayVerdict(r) === v,
  },
  reason: {
    hint: 'reason:AllowOriginMismatch',
    make: (v) => {
      const m = wildcardMatcher(v);
      return (r) => m(r.evaluation.reason?.code ?? '');
    },
  },
  preflight: {
    hint: 'preflight:yes',
    values: ['yes', 'no', 'sent', 'cached'],
    make: (v) => {
      if (v === 'sent') return (r) => r.preflight !== null;
      if (v === 'cached') return (r) => r.preflightCached || r.evaluation.preflight.cached;
      return v === 'yes' ? hasPreflight : (r) => !hasPreflight(r);
    },
  },
  origin: {
    hint: 'origin:https://app.example',
    make: (v) => {
      const m = wildcardMatcher(v);
      return (r) => m(r.initiator);
    },
  },
  findings: {
    hint: 'findings:yes or findings:origin-reflected',
    make: (v) => {
      if (v === 'yes') return (r) => r.evaluation.findings.length > 0;
      if (v === 'no') return (r) => r.evaluation.findings.length === 0;
      const m = wildcardMatcher(v);
      return (r) => r.evaluation.findings.some((f) => m(f.code) || m(f.severity));
    },
  },
};

export type FilterTerm =
  | { kind: 'key'; key: string; value: string; negated: boolean }
  | { kind: 'text'; value: string; negated: boolean }
  | { kind: 'regex'; value: string; negated: boolean };

export interface ParsedFilter {
  terms: FilterTerm[];
  /** One line per term that cannot match as written (the term then matches nothing). */
  errors: string[];
  test: Predicate;
}

/** Splits on whitespace, keeping `/a regex with spaces/` and `key:"quoted value"` in one token. */
export function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < query.length) {
    if (/\s/.test(query[i]!)) {
      i++;
      continue;
    }
    let j = i;
    const start = query[j] === '-' ? j + 1 : j;
    if (query[start] === '/') {
      const close = query.indexOf('/', start + 1);
      const end = close > start ? close + 1 : query.length;
      if (end === query.length || /\s/.test(query[end]!)) {
        tokens.push(query.slice(i, end));
        i = end;
        continue;
      }
    }
    let quoted = false;
    while (j < query.length && (quoted || !/\s/.test(query[j]!))) {
      if (query[j] === '"') quoted = !quoted;
      j++;
    }
    tokens.push(query.slice(i, j));
    i = j;
  }
  return tokens;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function parseTerm(token: string): FilterTerm | null {
  const negated = token.length > 1 && token.startsWith('-');
  const body = negated ? token.slice(1) : token;
  if (body.length > 2 && body.startsWith('/') && body.endsWith('/'))
    return { kind: 'regex', value: body.slice(1, -1), negated };
  const colon = body.indexOf(':');
  const key = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
  if (key in FILTER_KEYS) {
    const value = unquote(body.slice(colon + 1));
    // A key still being typed (`method:`) filters nothing yet rather than blanking the table.
    return value === '' ? null : { kind: 'key', key, value, negated };
  }
  return { kind: 'text', value: unquote(body), negated };
}

const NOTHING: Predicate = () => false;

function compileTerm(term: FilterTerm, errors: string[]): Predicate {
  if (term.kind === 'text') {
    const needle = term.value.toLowerCase();
    return (r) => r.url.toLowerCase().includes(needle);
  }
  if (term.kind === 'regex') {
    try {
      const re = new RegExp(term.value, 'i');
      return (r) => re.test(r.url);
    } catch (e) {
      errors.push(`/${term.value}/ is not a valid regular expression: ${(e as Error).message}`);
      return NOTHING;
    }
  }
  const spec = FILTER_KEYS[term.key]!;
  const value = spec.values ? term.value.toLowerCase() : term.value;
  if (spec.values && !spec.values.includes(value)) {
    errors.push(`${term.key}: expects ${spec.values.join(', ')}; got '${term.value}'`);
    return NOTHING;
  }
  return spec.make(value);
}

export function parseFilter(query: string): ParsedFilter {
  const terms = tokenize(query)
    .map(parseTerm)
    .filter((t): t is FilterTerm => t !== null);
  const errors: string[] = [];
  const predicates = terms.map((term) => {
    const before = errors.length;
    const p = compileTerm(term, errors);
    // A term that cannot match as written matches nothing, negated or not, so the error is noticed.
    if (errors.length > before) return NOTHING;
    return term.negated ? (r: ExchangeRecord) => !p(r) : p;
  });
  return { terms, errors, test: (r) => predicates.every((p) => p(r)) };
}

/** The quick chips under the filter box, each an ordinary query so they behave exactly like typing it. */
export const CHIPS = {
  all: { label: 'All', query: '' },
  blocked: { label: 'Blocked', query: 'cors:blocked' },
  preflighted: { label: 'Preflighted', query: 'preflight:yes' },
  findings: { label: 'Findings', query: 'findings:yes' },
} as const;

export type ChipId = keyof typeof CHIPS;
