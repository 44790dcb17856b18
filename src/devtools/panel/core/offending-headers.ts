/**
 * Which header lines explain the verdict, and on which message they travelled, so the Explanation
 * can quote them and the Headers tab can highlight them (DevTools' Issues link each CORS problem to
 * the highlighted header the same way).
 */
import { headerValues } from '../../../cors/headers.ts';
import type { Header } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { redirectHops, type Hop } from './redirect-hops.ts';

export type HeaderSource = 'request' | 'response' | 'preflight-request' | 'preflight-response' | `redirect-${number}`;

export interface OffendingHeader {
  source: HeaderSource;
  name: string;
  values: string[];
  /**
   * Set when the header is on a request that was never sent (its preflight failed): what is known
   * of it then comes from the page's own report, not from the wire.
   */
  notSent?: { setByPage: boolean };
}

function headersOf(r: ExchangeRecord, source: HeaderSource, hops: readonly Hop[]): readonly Header[] {
  if (source === 'request') return r.requestHeaders;
  if (source === 'response') return r.response?.headers ?? [];
  if (source === 'preflight-request') return r.preflight?.requestHeaders ?? [];
  if (source === 'preflight-response') return r.preflight?.responseHeaders ?? [];
  return hops[Number(source.slice('redirect-'.length))]?.headers ?? [];
}

/** A request header of a request the browser never sent: the page's word for it, if it reported one. */
function unsentRequestHeader(r: ExchangeRecord, name: string): Pick<OffendingHeader, 'values' | 'notSent'> {
  const lower = name.toLowerCase();
  const fromPage = r.pageFacts?.call.headers.filter((h) => h.name.toLowerCase() === lower) ?? [];
  return {
    // The page reports values only for the few headers whose safelist rules read them.
    values: fromPage.flatMap((h) => (h.value === null ? [] : [h.value])),
    notSent: { setByPage: fromPage.length > 0 },
  };
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

function redirectSource(hops: readonly Hop[], name: string): HeaderSource {
  for (let i = hops.length - 1; i >= 0; i--) if (headerValues(hops[i]!.headers, name).length) return `redirect-${i}`;
  return `redirect-${Math.max(0, hops.length - 1)}`;
}

export function offendingHeaders(r: ExchangeRecord): OffendingHeader[] {
  const reason = r.evaluation.reason;
  if (!reason) return [];
  const hops = reason.where === 'redirect' ? redirectHops(r) : [];
  const found: { source: HeaderSource; name: string }[] = [];
  if (reason.header) {
    const source: HeaderSource =
      reason.where === 'preflight'
        ? 'preflight-response'
        : reason.where === 'redirect'
          ? redirectSource(hops, reason.header)
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
  const requestSent = r.requestHeaders.length > 0;
  return found.map((f) =>
    f.source === 'request' && !requestSent
      ? { ...f, ...unsentRequestHeader(r, f.name) }
      : { ...f, values: headerValues(headersOf(r, f.source, hops), f.name) },
  );
}

/** The offending names of one header list: lower-cased name → the name as the engine spells it. */
export function offendingNames(offending: readonly OffendingHeader[], source: HeaderSource): Map<string, string> {
  return new Map(offending.filter((o) => o.source === source).map((o) => [o.name.toLowerCase(), o.name]));
}
