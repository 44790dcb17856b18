/**
 * One group of messages → a diagnosis in the engine's terms: the reason code when the words fix
 * exactly one, the explanation and fix the engine gives for it (explanations.ts, fix.ts), and what
 * the messages leave unknown. Nothing is filled in that the messages do not say.
 */
import { explain, EXPLANATIONS } from '../explanations.ts';
import { buildFix, hasHeaderFix } from '../fix.ts';
import { parseUrl } from '../origin.ts';
import type { CorsErrorCode } from '../reason-codes.ts';
import type { Fix } from '../types.ts';
import type { ConsoleDiagnosis, Reading } from './types.ts';

const NO_URL = '(URL not in the message)';
const NO_ORIGIN = "(the page's origin)";
const CREDENTIAL_CODES = new Set<CorsErrorCode>([
  'WildcardOriginNotAllowed',
  'PreflightWildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightInvalidAllowCredentials',
]);

const first = <K extends keyof Reading>(group: Reading[], key: K): Reading[K] | null =>
  group.find((r) => r[key] !== null)?.[key] ?? null;

/** [X, PreflightX]: the same check, the response unknown. */
function plainAndPreflight(codes: CorsErrorCode[]): [CorsErrorCode, CorsErrorCode] | null {
  return codes.length === 2 && codes[1] === `Preflight${codes[0]}` ? [codes[0]!, codes[1]!] : null;
}

function fixFor(
  code: CorsErrorCode,
  d: Pick<ConsoleDiagnosis, 'origin' | 'url' | 'method' | 'failedParameter' | 'where'>,
  preflight: boolean,
): Fix | null {
  if (!hasHeaderFix(code) || d.origin === null || !parseUrl(d.origin)) return null;
  const method =
    code === 'MethodDisallowedByPreflightResponse' && d.failedParameter ? d.failedParameter : (d.method ?? 'GET');
  return buildFix({
    code,
    origin: d.origin,
    pageOrigin: d.origin,
    url: d.url ?? '',
    method,
    requestHeaders:
      code === 'HeaderDisallowedByPreflightResponse' && d.failedParameter ? [d.failedParameter.toLowerCase()] : [],
    credentials: CREDENTIAL_CODES.has(code),
    preflightNeeded: preflight,
    hiddenHeaders: [],
    where: d.where ?? undefined,
  });
}

function fixUnknowns(code: CorsErrorCode, preflight: boolean, method: string | null): string[] {
  if (!hasHeaderFix(code)) return [];
  const out: string[] = [];
  if (!CREDENTIAL_CODES.has(code))
    out.push(
      "whether the request sends credentials (cookies, credentials: 'include'): the message does not say; with credentials the response also needs Access-Control-Allow-Credentials: true and a named origin, never '*'",
    );
  if (preflight && code !== 'MethodDisallowedByPreflightResponse' && method === null)
    out.push(
      'the method: the message does not name it; if it is not GET, HEAD or POST, list it in Access-Control-Allow-Methods too',
    );
  if (preflight && code !== 'HeaderDisallowedByPreflightResponse')
    out.push(
      "the request's other non-safelisted headers: the message names none; each must be in Access-Control-Allow-Headers",
    );
  return out;
}

export function diagnose(group: Reading[]): ConsoleDiagnosis {
  const main = group.find((r) => r.kind === 'reason') ?? group[0]!;
  const candidates = main.codes;
  const code = candidates.length === 1 ? candidates[0]! : null;
  const preflight = group.some((r) => r.preflightSeen) || (code?.startsWith('Preflight') ?? false);
  const d = {
    url: first(group, 'url'),
    redirectedFrom: first(group, 'redirectedFrom'),
    origin: first(group, 'origin'),
    requestKind: first(group, 'requestKind'),
    method: first(group, 'method'),
    status: main.status ?? first(group, 'status'),
    failedParameter: main.failedParameter,
    header: main.header,
    where: code?.startsWith('Preflight') ? 'preflight' : main.where,
  } satisfies Partial<ConsoleDiagnosis>;
  const ctx = {
    origin: d.origin ?? NO_ORIGIN,
    url: d.url ?? NO_URL,
    method: d.method ?? (code === 'MethodDisallowedByPreflightResponse' ? (d.failedParameter ?? '') : ''),
    failedParameter: d.failedParameter ?? '',
    status: d.status,
    location: code === 'RedirectContainsCredentials' ? d.failedParameter : null,
  };
  const pair = plainAndPreflight(candidates);
  let text: { title: string; explanation: string; howToFix: string };
  if (main.custom) {
    text = {
      title: main.custom.title,
      explanation: `Access to ${ctx.url} from origin '${ctx.origin}' was blocked because ${main.custom.because}.`,
      howToFix: `To fix this, ${main.custom.fix}.`,
    };
    if (main.verdict === 'failed' || main.verdict === 'unknown')
      text.explanation = `The request to ${ctx.url} failed: ${main.custom.because}.`;
  } else if (code) {
    text = explain(code, ctx);
  } else if (pair) {
    // Same check, response unknown: the plain explanation, and the fix that covers both responses.
    text = { ...explain(pair[0], ctx), howToFix: explain(pair[1], ctx).howToFix };
  } else {
    text = {
      title: 'CORS request blocked',
      explanation: `Access to ${ctx.url} was blocked; the message fits ${candidates.join(', ')}.`,
      howToFix: `To fix this, see each: ${candidates.map((c) => EXPLANATIONS[c].title).join('; ')}.`,
    };
  }
  const unknowns = [...new Set(group.flatMap((r) => r.unknowns))];
  if (code === null && candidates.length > 0 && !unknowns.length)
    unknowns.push(`which of ${candidates.join(', ')}: the message fits each`);
  if (d.origin === null && !unknowns.some((u) => u.startsWith("the page's origin")))
    unknowns.push("the page's origin: the message does not name it");
  if (d.url === null) unknowns.push('the URL: the message does not name it');
  const fix = code && main.verdict !== 'failed' ? fixFor(code, d, preflight) : null;
  if (code && main.verdict !== 'failed') unknowns.push(...fixUnknowns(code, preflight, d.method));
  return {
    browser: main.browser,
    messages: group.map((r) => r.text),
    verdict: main.verdict,
    code,
    candidates,
    ...d,
    title: text.title,
    explanation: text.explanation,
    howToFix: text.howToFix,
    fix,
    unknowns,
  };
}
