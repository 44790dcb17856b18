/** Rules about whom Access-Control-Allow-Origin trusts, one response at a time. */
import { mismatchHint } from '../access-check.ts';
import { combinedHeader, headerValues, quote } from '../headers.ts';
import { parseUrl } from '../origin.ts';
import type { Finding } from '../types.ts';
import { codeHostOf, hostnameOf, isLoopbackHostname, isSerializedOrigin } from './origin-kinds.ts';
import { whereLabel, type ResponseView } from './response-view.ts';
import { ACAC, ACAO, bySeverity, finding, insecureOriginFinding, type Evidence } from './trust.ts';

export type ResponseRule = (v: ResponseView) => Finding | null;

function acaoEvidence(v: ResponseView, withOrigin = false): Evidence {
  const evidence: Evidence = [];
  if (withOrigin && v.origin !== null) evidence.push({ header: 'Origin', value: v.origin });
  evidence.push({ header: ACAO, value: v.acao ?? '' });
  if (v.credentialed) evidence.push({ header: ACAC, value: 'true' });
  return evidence;
}

/**
 * On one exchange an echoed Origin cannot be told from a correct allow-list; only several
 * unrelated origins (session) or a foreign one (probe) prove reflection. Burp rates this
 * passive observation as information too.
 */
export const reflectionSuspected: ResponseRule = (v) => {
  if (!v.credentialed || v.origin === null || v.origin === 'null' || v.acao !== v.origin) return null;
  return finding(
    'origin-reflection-suspected',
    'info',
    `${whereLabel(v)} echoes the request's Origin ${quote(v.origin)} with credentials allowed, which is what a server that trusts every origin looks like (a correct allow-list looks the same on one request).`,
    acaoEvidence(v, true),
    'Make sure the Origin is checked against an explicit allow-list before it is echoed; `cors-inspector probe` sends foreign origins to tell the two apart.',
  );
};

export const wildcardWithCredentials: ResponseRule = (v) => {
  if (v.acao !== '*' || !v.credentialed) return null;
  return finding(
    'wildcard-with-credentials',
    'low',
    `${whereLabel(v)} pairs Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true, which browsers refuse for credentialed requests; the pair shows a misunderstanding that is often "fixed" by reflecting every origin.`,
    acaoEvidence(v),
    'For credentialed access send one allow-listed origin (with Vary: Origin); for public data keep * and drop Access-Control-Allow-Credentials.',
  );
};

export const nullOriginAllowed: ResponseRule = (v) => {
  if (v.acao !== 'null') return null;
  return finding(
    'null-origin-allowed',
    bySeverity(v.credentialed, 'high', 'medium'),
    `${whereLabel(v)} allows the origin null, which sandboxed iframes, data: URLs and redirected requests carry, so any attacker page can obtain it${v.credentialed ? " and read with the visitor's cookies" : ''}.`,
    acaoEvidence(v, true),
    'Never allow-list null: fix the sandboxed or redirected caller instead.',
  );
};

/** An https: endpoint that trusts an http: origin gives a network attacker its data (loopback origins cannot be intercepted). */
export const insecureOriginTrusted: ResponseRule = (v) => {
  const acao = v.acao;
  if (acao === null || parseUrl(v.url)?.protocol !== 'https:' || !isSerializedOrigin(acao) || !acao.startsWith('http:'))
    return null;
  if (isLoopbackHostname(hostnameOf(acao) ?? '')) return null;
  return insecureOriginFinding(acao, v.credentialed, 'on an https: endpoint');
};

/** https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches: a per-origin ACAO needs Vary: Origin. */
export const varyOriginMissing: ResponseRule = (v) => {
  if (v.where !== 'response' || v.acao === null || !isSerializedOrigin(v.acao)) return null;
  const vary = (combinedHeader(v.headers, 'Vary') ?? '').split(',').map((t) => t.trim().toLowerCase());
  if (vary.includes('origin') || vary.includes('*')) return null;
  return finding(
    'vary-origin-missing',
    'low',
    `The response names one origin (${quote(v.acao)}) in Access-Control-Allow-Origin without Vary: Origin, so if that value depends on the request's Origin a shared cache can serve it to the wrong origin.`,
    [
      { header: ACAO, value: v.acao },
      { header: 'Vary', value: combinedHeader(v.headers, 'Vary') ?? '(absent)' },
    ],
    'Send Vary: Origin on every response whose Access-Control-Allow-Origin depends on the request (including responses that omit it).',
  );
};

export const thirdPartyOriginTrusted: ResponseRule = (v) => {
  if (v.acao === null || !isSerializedOrigin(v.acao)) return null;
  const host = codeHostOf(hostnameOf(v.acao) ?? '');
  if (!host) return null;
  const message = host.shared
    ? `${whereLabel(v)} trusts ${quote(v.acao)}, a code playground where anyone's snippet runs on that origin${v.credentialed ? " and can read with the visitor's cookies" : ''}.`
    : `${whereLabel(v)} trusts ${quote(v.acao)} on ${host.domain}, where anyone can get a subdomain, so make sure the server does not trust the whole domain.`;
  return finding(
    'third-party-origin-trusted',
    host.shared ? bySeverity(v.credentialed, 'high', 'medium') : 'low',
    message,
    acaoEvidence(v),
    `Remove ${host.domain} from the allow-list; demos that need the API should use a dedicated, public endpoint.`,
  );
};

/** Chromium rejects a value holding a space or comma (cors.cc: MultipleAllowOriginValues), whatever it was compared with. */
export const acaoMultipleValues: ResponseRule = (v) => {
  const values = headerValues(v.headers, ACAO);
  if (v.acao === null || (values.length < 2 && !/[ ,]/.test(v.acao))) return null;
  return finding(
    'acao-multiple-values',
    'low',
    `${whereLabel(v)} sends several Access-Control-Allow-Origin values (${quote(v.acao)}), which browsers reject, so a different client or proxy may read them differently.`,
    values.map((value) => ({ header: ACAO, value })),
    'Send exactly one Access-Control-Allow-Origin: the allow-listed origin that made the request, or *.',
  );
};

export const acaoInvalid: ResponseRule = (v) => {
  const acao = v.acao;
  // An echo of the request's own Origin is as valid as that Origin (only a probe sends malformed ones).
  if (
    acao === null ||
    acao === '*' ||
    acao === 'null' ||
    acao === v.origin ||
    /[ ,]/.test(acao) ||
    isSerializedOrigin(acao)
  )
    return null;
  const parsed = parseUrl(acao);
  const hint = parsed && parsed.origin !== 'null' ? mismatchHint(acao, parsed.origin).replace(/^: /, '') : '';
  return finding(
    'acao-invalid',
    'low',
    `${whereLabel(v)} sends Access-Control-Allow-Origin ${quote(acao)}, which is not *, null or a serialized origin${hint ? ` (${hint})` : ''}, so no origin ever matches it.`,
    [{ header: ACAO, value: acao }],
    'Send the origin exactly as browsers serialize it: scheme://host[:port], lower-case, no path and no trailing slash.',
  );
};
