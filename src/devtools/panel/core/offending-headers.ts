/**
 * Which header lines explain the verdict, and on which message they travelled, so the Explanation
 * can quote them and the Headers tab can highlight them (DevTools' Issues link each CORS problem to
 * the highlighted header the same way).
 */
import { headerValues } from '../../../cors/headers.ts';
import type { Header } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';

export type HeaderSource = 'request' | 'response' | 'preflight-request' | 'preflight-response' | `redirect-${number}`;

export interface OffendingHeader {
  source: HeaderSource;
  name: string;
  values: string[];
}

function headersOf(r: ExchangeRecord, source: HeaderSource): readonly Header[] {
  if (source === 'request') return r.requestHeaders;
  if (source === 'response') return r.response?.headers ?? [];
  if (source === 'preflight-request') return r.preflight?.requestHeaders ?? [];
  if (source === 'preflight-response') return r.preflight?.responseHeaders ?? [];
  return r.redirects[Number(source.slice('redirect-'.length))]?.headers ?? [];
}

const SOURCE_LABELS: Record<'request' | 'response' | 'preflight-request' | 'preflight-response', string> = {
  request: 'request',
  response: 'response',
  'preflight-request': 'preflight request',
  'preflight-response': 'preflight response',
};

export function sourceLabel(source: HeaderSource): string {
  return source.startsWith('redirect-')
    ? `redirect ${Number(source.slice('redirect-'.length)) + 1}`
    : SOURCE_LABELS[source as keyof typeof SOURCE_LABELS];
}

function redirectSource(r: ExchangeRecord, name: string): HeaderSource {
  for (let i = r.redirects.length - 1; i >= 0; i--)
    if (headerValues(r.redirects[i]!.headers, name).length) return `redirect-${i}`;
  return `redirect-${Math.max(0, r.redirects.length - 1)}`;
}

export function offendingHeaders(r: ExchangeRecord): OffendingHeader[] {
  const reason = r.evaluation.reason;
  if (!reason) return [];
  const found: { source: HeaderSource; name: string }[] = [];
  if (reason.header) {
    const source: HeaderSource =
      reason.where === 'preflight'
        ? 'preflight-response'
        : reason.where === 'redirect'
          ? redirectSource(r, reason.header)
          : reason.where;
    found.push({ source, name: reason.header });
  }
  if (reason.code === 'HeaderDisallowedByPreflightResponse' && reason.failedParameter) {
    found.push(
      { source: 'preflight-request', name: 'Access-Control-Request-Headers' },
      { source: 'request', name: reason.failedParameter },
    );
  }
  if (reason.code === 'MethodDisallowedByPreflightResponse')
    found.push({ source: 'preflight-request', name: 'Access-Control-Request-Method' });
  return found.map((f) => ({ ...f, values: headerValues(headersOf(r, f.source), f.name) }));
}

/** The offending names of one header list: lower-cased name → the name as the engine spells it. */
export function offendingNames(offending: readonly OffendingHeader[], source: HeaderSource): Map<string, string> {
  return new Map(offending.filter((o) => o.source === source).map((o) => [o.name.toLowerCase(), o.name]));
}
