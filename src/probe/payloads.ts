/**
 * The crafted Origin headers sent to one URL, most telling first (so a low request cap keeps the
 * checks that matter). Each imitates `reference`, the origin the site legitimately serves pages
 * from, the way the scanners in cors-reference §5.3 do (Corsy, CORScanner, nuclei, ZAP 40040).
 */
import type { CraftedKind, CraftedRequest } from '../cors/findings/index.ts';
import { isSerializedOrigin, siteOf } from '../cors/findings/index.ts';

/** Characters some origin checks treat as "end of host" (corben.io advanced CORS; nuclei; ZAP sends %60). */
export const SPECIAL_CHARACTERS = ['_', '-', '`', '%60', '!', '$', '~'] as const;

/** The state-changing method the preflight asks for. */
export const PREFLIGHT_METHOD = 'DELETE';

/** Where crafted hosts live: `.test` is reserved (RFC 6761), so no real site is ever named. */
const EVIL_DOMAIN = 'evil.test';

export interface PayloadPlan {
  requests: CraftedRequest[];
  /** Crafted origins that cannot be formed for this reference (e.g. suffix tricks on an IP address). */
  unusable: { kind: CraftedKind; origin: string; reason: string }[];
}

/** @param token a random label that makes the foreign origin and the subdomain unguessable. */
export function planPayloads(reference: URL, token: string): PayloadPlan {
  const port = reference.port ? `:${reference.port}` : '';
  const scheme = reference.protocol;
  const host = reference.hostname;
  const site = siteOf(host);
  const foreign = `https://cors-probe-${token}.test`;
  const get = (kind: CraftedKind, origin: string): CraftedRequest => ({ kind, origin, method: 'GET' });
  // Host-derived origins must be real origins a browser could send, or they prove nothing.
  const derived: CraftedRequest[] = [
    ...(scheme === 'https:' ? [get('http-twin', `http://${host}${port}`)] : []),
    get('prefix', `${scheme}//${host}.${EVIL_DOMAIN}${port}`),
    get('suffix', `${scheme}//evil${site}${port}`),
    get('any-subdomain', `${scheme}//cors-probe-${token}.${site}${port}`),
    get('unescaped-dot', `${scheme}//${host.replace('.', 'x')}${port}`),
  ];
  const usable = derived.filter((r) => isSerializedOrigin(r.origin) && r.origin !== reference.origin);
  const unusable = derived
    .filter((r) => !usable.includes(r))
    .map((r) => ({
      kind: r.kind,
      origin: r.origin,
      reason: isSerializedOrigin(r.origin)
        ? 'the same as the reference origin'
        : `the host ${host} cannot form a valid origin this way`,
    }));
  // Special characters are sent raw on purpose: the point is what the server's parser makes of them.
  const special = SPECIAL_CHARACTERS.map((ch) => get('special-chars', `${scheme}//${host}${ch}.${EVIL_DOMAIN}${port}`));
  const requests: CraftedRequest[] = [
    get('foreign', foreign),
    get('null', 'null'),
    { kind: 'preflight', origin: foreign, method: 'OPTIONS', requestMethod: PREFLIGHT_METHOD },
    ...usable,
    ...special,
  ];
  return { requests, unusable };
}
