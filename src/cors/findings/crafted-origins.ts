/**
 * Findings from requests sent with crafted Origin headers (the active probe). Pure: the probe does
 * the I/O and hands its attempts over as plain data; the passive rules run on each attempt too.
 */
import { CHROMIUM } from '../browser-rules.ts';
import { combinedHeader, quote } from '../headers.ts';
import { checkPreflightResponse } from '../preflight-response.ts';
import type { Finding, Header, ObservedExchange, ObservedPreflight } from '../types.ts';
import { exchangeFindings } from './exchange-findings.ts';
import { mergeFindings } from './merge.ts';
import {
  ACAC,
  ACAO,
  allowsCredentials,
  bypassFinding,
  foreignPreflightFinding,
  insecureOriginFinding,
  originReflectedFinding,
  type BypassCode,
  type TrustedOrigin,
} from './trust.ts';

/** The classes of crafted origins (see cors-reference §5.3 for the scanners that use each). */
export type CraftedKind =
  | 'foreign'
  | 'null'
  | 'preflight'
  | 'http-twin'
  | 'prefix'
  | 'suffix'
  | 'any-subdomain'
  | 'unescaped-dot'
  | 'special-chars';

export interface CraftedRequest {
  kind: CraftedKind;
  /** The Origin header sent, byte for byte. */
  origin: string;
  method: 'GET' | 'OPTIONS';
  /** Access-Control-Request-Method of a preflight. */
  requestMethod?: string;
}

export interface CraftedAttempt {
  request: CraftedRequest;
  /** Null when no response arrived. */
  status: number | null;
  headers: Header[];
  error: string | null;
}

const BYPASS_CODES: Partial<Record<CraftedKind, BypassCode>> = {
  prefix: 'origin-prefix-match',
  suffix: 'origin-suffix-match',
  'unescaped-dot': 'origin-unescaped-dot',
  'special-chars': 'origin-special-chars',
  'any-subdomain': 'any-subdomain-trusted',
};

function asPreflight(url: string, a: CraftedAttempt): ObservedPreflight | null {
  if (a.status === null) return null;
  const headers = [
    { name: 'Origin', value: a.request.origin },
    { name: 'Access-Control-Request-Method', value: a.request.requestMethod ?? '' },
  ];
  return {
    request: { method: 'OPTIONS', url, headers },
    response: { status: a.status, headers: a.headers },
    outcome: { kind: 'completed' },
  };
}

/** The attempt as the engine's input, so every passive rule applies to it unchanged. */
function asExchange(url: string, a: CraftedAttempt): ObservedExchange {
  const request = {
    method: a.request.requestMethod ?? a.request.method,
    url,
    headers: [{ name: 'Origin', value: a.request.origin }],
  };
  if (a.request.method === 'OPTIONS')
    return {
      initiator: a.request.origin,
      request,
      preflight: asPreflight(url, a),
      response: null,
      outcome: { kind: 'headers-only' },
    };
  const response = a.status === null ? null : { status: a.status, headers: a.headers };
  return { initiator: a.request.origin, request, response, outcome: { kind: 'completed' } };
}

/** The server trusts the crafted origin: a browser on that origin would pass the Access-Control-Allow-Origin check. */
export function isTrusted(a: CraftedAttempt): boolean {
  return a.status !== null && combinedHeader(a.headers, ACAO) === a.request.origin;
}

/** Whether a browser on the crafted origin would pass this preflight, and with credentials or not. */
function preflightApproval(url: string, a: CraftedAttempt): 'with-credentials' | 'without-credentials' | null {
  const pf = asPreflight(url, a);
  if (!pf) return null;
  const passes = (credentials: boolean) =>
    !checkPreflightResponse(pf, a.request.origin, a.request.requestMethod ?? '', [], credentials, CHROMIUM).failure;
  return passes(true) ? 'with-credentials' : passes(false) ? 'without-credentials' : null;
}

function trustedOf(attempts: readonly CraftedAttempt[], ...kinds: CraftedKind[]): TrustedOrigin[] {
  return attempts
    .filter((a) => kinds.includes(a.request.kind) && isTrusted(a))
    .map((a) => ({ origin: a.request.origin, acac: combinedHeader(a.headers, ACAC) }));
}

/**
 * Findings for one probed URL. `reference` is the legitimate origin the crafted ones imitate.
 * Specific findings come first so that, on equal severity, they win over the passive wording.
 */
export function craftedOriginFindings(url: string, reference: string, attempts: readonly CraftedAttempt[]): Finding[] {
  const specific: Finding[] = [];
  // The preflight also comes from the foreign origin: echoing it there proves reflection as well.
  const foreign = trustedOf(attempts, 'foreign', 'preflight').filter(
    (t, i, all) => all.findIndex((x) => x.origin === t.origin) === i,
  );
  if (foreign.length) specific.push(originReflectedFinding(foreign));
  for (const twin of trustedOf(attempts, 'http-twin')) {
    specific.push(
      insecureOriginFinding(twin.origin, allowsCredentials(twin.acac), `(the http: twin of ${quote(reference)})`),
    );
  }
  for (const [kind, code] of Object.entries(BYPASS_CODES) as [CraftedKind, BypassCode][]) {
    const trusted = trustedOf(attempts, kind);
    if (trusted.length) specific.push(bypassFinding(code, trusted, reference));
  }
  for (const a of attempts.filter((x) => x.request.kind === 'preflight')) {
    const approval = preflightApproval(url, a);
    if (approval)
      specific.push(
        foreignPreflightFinding(
          a.request.origin,
          a.request.requestMethod ?? '',
          combinedHeader(a.headers, 'Access-Control-Allow-Methods'),
          approval === 'with-credentials',
        ),
      );
  }
  const passive = attempts.flatMap((a) =>
    exchangeFindings(asExchange(url, a), {
      origin: a.request.origin,
      effectiveOrigin: a.request.origin,
      credentialsIncluded: false,
      preflightNeeded: a.request.method === 'OPTIONS',
    }),
  );
  return mergeFindings([...specific, ...passive]);
}
