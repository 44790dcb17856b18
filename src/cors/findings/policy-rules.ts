/** Rules about what else a CORS policy grants: methods, header lists, cache lifetime, private network. */
import { CHROMIUM, FIREFOX } from '../browser-rules.ts';
import { combinedHeader, headerValues, parseTokenList } from '../headers.ts';
import type { ResponseRule } from './origin-rules.ts';
import { whereLabel } from './response-view.ts';
import { ACAC, ACAO, finding } from './trust.ts';

/** Past ten minutes a wrong preflight answer outlives its rollback (see the CORS explainers in the project seeds). */
const MAX_AGE_LIMIT_SECONDS = 600;

export const maxAgeTooLong: ResponseRule = (v) => {
  const raw = combinedHeader(v.headers, 'Access-Control-Max-Age');
  if (v.where !== 'preflight' || v.acao === null || raw === null || !/^\d+$/.test(raw.trim())) return null;
  const seconds = Number(raw.trim());
  if (seconds <= MAX_AGE_LIMIT_SECONDS) return null;
  return finding(
    'max-age-too-long',
    'low',
    `The preflight may be cached for ${seconds} s (Chromium keeps it ${CHROMIUM.preflightMaxAge(raw)} s, Firefox ${FIREFOX.preflightMaxAge(raw)} s), so a wrong policy stays in browsers that long after it is fixed.`,
    [{ header: 'Access-Control-Max-Age', value: raw }],
    `Keep Access-Control-Max-Age at ${MAX_AGE_LIMIT_SECONDS} or less until the policy is settled.`,
  );
};

function wildcardItems(value: string | null): boolean {
  const list = parseTokenList(value);
  return list.ok && list.items.includes('*');
}

/** With credentials, `*` in ACAM/ACAH/ACEH is a literal name (Fetch: "for requests without credentials"). */
export const wildcardListsWithCredentials: ResponseRule = (v) => {
  if (!v.credentialed) return null;
  const names =
    v.where === 'preflight'
      ? ['Access-Control-Allow-Methods', 'Access-Control-Allow-Headers']
      : ['Access-Control-Expose-Headers'];
  const evidence = names.flatMap((name) => {
    const value = combinedHeader(v.headers, name);
    return wildcardItems(value) ? [{ header: name, value: value! }] : [];
  });
  if (evidence.length === 0) return null;
  return finding(
    'wildcard-lists-with-credentials',
    'low',
    `${whereLabel(v)} allows credentials yet uses * in ${evidence.map((e) => e.header).join(' and ')}, where * is only a literal name, not "all".`,
    [...evidence, { header: ACAC, value: 'true' }],
    'List the methods and header names explicitly on credentialed endpoints.',
  );
};

const STATE_CHANGING = new Set(['PUT', 'DELETE', 'PATCH']);

export const stateChangingMethodsAnyOrigin: ResponseRule = (v) => {
  if (v.where !== 'preflight' || v.acao !== '*') return null;
  const acam = combinedHeader(v.headers, 'Access-Control-Allow-Methods');
  const list = parseTokenList(acam);
  const methods = list.ok ? list.items.filter((m) => m === '*' || STATE_CHANGING.has(m.toUpperCase())) : [];
  if (methods.length === 0) return null;
  return finding(
    'state-changing-methods-any-origin',
    'medium',
    `The preflight lets any origin send ${methods.join(', ')} requests, so every website a visitor opens can change data on this endpoint wherever access is decided by network position rather than credentials.`,
    [
      { header: ACAO, value: '*' },
      { header: 'Access-Control-Allow-Methods', value: acam ?? '' },
    ],
    'Allow state-changing methods only for allow-listed origins, and require authentication for them.',
  );
};

const REQUEST_PNA = 'Access-Control-Request-Private-Network';
const ALLOW_PNA = 'Access-Control-Allow-Private-Network';

/** Chrome replaced Private Network Access preflights with the Local Network Access permission (Chrome 142). */
export const privateNetworkLegacy: ResponseRule = (v) => {
  const evidence = [
    ...headerValues(v.requestHeaders, REQUEST_PNA).map((value) => ({ header: REQUEST_PNA, value })),
    ...headerValues(v.headers, ALLOW_PNA).map((value) => ({ header: ALLOW_PNA, value })),
  ];
  if (evidence.length === 0) return null;
  return finding(
    'private-network-legacy',
    'info',
    `${whereLabel(v)} uses the legacy Private Network Access headers; Chrome now gates requests to local addresses with the Local Network Access permission prompt instead, so these headers no longer grant anything there.`,
    evidence,
    'Keep the header for older browsers if needed, but expect Chrome users to be asked for the Local Network Access permission; a denied permission is not a server CORS problem.',
  );
};
