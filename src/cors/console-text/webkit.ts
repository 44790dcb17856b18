/**
 * Safari's (WebKit's) console messages, from WebKit's source strings:
 * - Source/WebCore/loader/CrossOriginAccessControl.cpp (passesAccessControlCheck, validatePreflightResponse):
 *   "Origin %s is not allowed by Access-Control-Allow-Origin. Status code: %d", "Cannot use wildcard in
 *   Access-Control-Allow-Origin when credentials flag is true.", "Access-Control-Allow-Origin cannot contain
 *   more than one origin.", "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".",
 *   "Preflight response is not successful. Status code: %d";
 * - Source/WebCore/loader/CrossOriginPreflightResultCache.cpp: "Method %s is not allowed by
 *   Access-Control-Allow-Methods.", "Request header field %s is not allowed by Access-Control-Allow-Headers.",
 *   "Header Access-Control-Allow-Methods|Headers has an invalid value: %s";
 * - Source/WebKit/NetworkProcess/NetworkCORSPreflightChecker.cpp: "Preflight response is not successful"
 *   (a redirected preflight, no status);
 * - Source/WebKit/NetworkProcess/NetworkLoadChecker.cpp: "Cross-origin redirection to %s denied by
 *   Cross-Origin Resource Sharing policy: %s", "Unsafe attempt to load URL %s from origin %s. Domains,
 *   protocols and ports must match.";
 * - the loaders' wrapper line: "<Fetch API|XMLHttpRequest|EventSource|Beacon API> cannot load %s due to
 *   access control checks." (Safari prints the reason as its own message, before the wrapper).
 * WebKit uses the same sentences for the preflight and the actual response, and one sentence for a
 * missing, a mismatched and an invalid Access-Control-Allow-Origin.
 */
import type { CorsErrorCode } from '../reason-codes.ts';
import type { Reason } from '../types.ts';
import { accessCodes, reading, scriptError, statusOf } from './reading.ts';
import type { CustomText, Reading } from './types.ts';

const ACAO = 'Access-Control-Allow-Origin';
const WHICH_RESPONSE =
  "whether the preflight (OPTIONS) or the actual response failed: Safari prints the same words for both (Web Inspector → Network shows the OPTIONS request's headers)";

interface Said {
  codes: CorsErrorCode[];
  origin?: string;
  url?: string;
  status?: number | null;
  header?: string;
  where?: Reason['where'];
  failedParameter?: string;
  unknowns?: string[];
  custom?: CustomText;
  preflightSeen?: boolean;
}

const SENTENCES: [RegExp, (m: RegExpExecArray) => Said][] = [
  [
    /Origin (\S+) is not allowed by Access-Control-Allow-Origin\.(?: Status code: (\d{3}))?/,
    (m) => ({
      codes: [
        ...accessCodes('MissingAllowOriginHeader', null),
        ...accessCodes('AllowOriginMismatch', null),
        ...accessCodes('InvalidAllowOriginValue', null),
      ],
      origin: m[1]!,
      status: statusOf(m[2]),
      header: ACAO,
      custom: {
        title: 'Origin not allowed by Access-Control-Allow-Origin',
        because: `Access-Control-Allow-Origin on the response is missing, names another origin, or is not a valid origin (Safari prints this one sentence for all three); it must be exactly '${m[1]}'`,
        fix: `send \`Access-Control-Allow-Origin: ${m[1]}\` exactly (scheme, host and port; no path, no trailing slash) on the response, and on the OPTIONS response too if the request is preflighted`,
      },
      unknowns: [
        "which of missing, another origin or an invalid value it is: Safari's sentence is the same for all three",
        WHICH_RESPONSE,
      ],
    }),
  ],
  [
    /Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true\./,
    () => ({ codes: accessCodes('WildcardOriginNotAllowed', null), header: ACAO, unknowns: [WHICH_RESPONSE] }),
  ],
  [
    /Access-Control-Allow-Origin cannot contain more than one origin\./,
    () => ({
      codes: accessCodes('MultipleAllowOriginValues', null),
      header: ACAO,
      unknowns: [WHICH_RESPONSE, 'the values: Safari does not print them'],
    }),
  ],
  [
    /Credentials flag is true, but Access-Control-Allow-Credentials is not "true"\./,
    () => ({
      codes: accessCodes('InvalidAllowCredentials', null),
      header: 'Access-Control-Allow-Credentials',
      unknowns: [WHICH_RESPONSE, "the header's actual value: Safari does not print it"],
    }),
  ],
  [
    /Preflight response is not successful(?:\. Status code: (\d{3}))?/,
    (m) => {
      const status = statusOf(m[1]);
      if (status === null)
        return {
          codes: ['PreflightDisallowedRedirect', 'PreflightInvalidStatus'],
          where: 'preflight',
          preflightSeen: true,
          custom: {
            title: 'The preflight failed',
            because:
              'the preflight (OPTIONS) request was answered with a redirect or a non-2xx status; a preflight must be answered 2xx, at this URL',
            fix: 'answer OPTIONS for this exact URL with 204 and the CORS headers (no redirect to https, a trailing slash or a login page; no authentication before CORS)',
          },
          unknowns: [
            'why the preflight failed: without a status code Safari means a redirected preflight (current WebKit) or a non-2xx one (older WebKit)',
          ],
        };
      return {
        codes: [status >= 300 && status < 400 ? 'PreflightDisallowedRedirect' : 'PreflightInvalidStatus'],
        status,
        where: 'preflight',
        preflightSeen: true,
      };
    },
  ],
  [
    /Method (\S+) is not allowed by Access-Control-Allow-Methods\./,
    (m) => ({
      codes: ['MethodDisallowedByPreflightResponse'],
      header: 'Access-Control-Allow-Methods',
      where: 'preflight',
      preflightSeen: true,
      failedParameter: m[1]!,
    }),
  ],
  [
    /Request header field (\S+) is not allowed by Access-Control-Allow-Headers\./,
    (m) => ({
      codes: ['HeaderDisallowedByPreflightResponse'],
      header: 'Access-Control-Allow-Headers',
      where: 'preflight',
      preflightSeen: true,
      failedParameter: m[1]!,
    }),
  ],
  [
    /Header Access-Control-Allow-(Methods|Headers) has an invalid value: (.*)$/,
    (m) => ({
      codes: [m[1] === 'Methods' ? 'InvalidAllowMethodsPreflightResponse' : 'InvalidAllowHeadersPreflightResponse'],
      header: `Access-Control-Allow-${m[1]}`,
      where: 'preflight',
      preflightSeen: true,
      failedParameter: m[2]!.trim(),
    }),
  ],
  [
    /not allowed to follow a cross-origin CORS redirection with non CORS scheme/,
    () => ({ codes: ['CorsDisabledScheme'], where: 'redirect' }),
  ],
  [
    /redirection URL (\S+) has credentials/,
    (m) => ({ codes: ['RedirectContainsCredentials'], header: 'Location', where: 'redirect', failedParameter: m[1]! }),
  ],
  [
    /Unsafe attempt to load URL (\S+) from origin (\S+)\. Domains, protocols and ports must match\./,
    (m) => ({ codes: ['DisallowedByMode'], url: m[1]!, origin: m[2]!, where: 'request' }),
  ],
  [
    /(?:Preflight response was blocked|CORS-preflight request was blocked)/,
    () => ({
      codes: [],
      custom: {
        title: 'A content blocker stopped the preflight',
        because:
          'Safari blocked the preflight (OPTIONS) request itself (a content blocker or a blocked URL), so no CORS header was checked',
        fix: 'allow this URL in the content blocker, or test without it',
      },
    }),
  ],
];

const WRAPPER =
  /(Fetch API|XMLHttpRequest|EventSource|Beacon API) cannot load (\S+?)(?: due to access control checks\.|\. )/;
const ELEMENT =
  /Cross-origin (script|image|text track|stylesheet) load denied by Cross-Origin Resource Sharing policy\./;
const REDIRECTION = /Cross-origin redirection to (\S+) denied by Cross-Origin Resource Sharing policy: /;

/** Reads one line as a Safari message, or null when it is not one. */
export function readWebKit(line: string): Reading | null {
  const wrapper = WRAPPER.exec(line);
  const redirect = REDIRECTION.exec(line);
  for (const [re, build] of SENTENCES) {
    const m = re.exec(line);
    if (!m) continue;
    const said = build(m);
    const start = Math.min(m.index, wrapper?.index ?? m.index, redirect?.index ?? m.index);
    return reading('webkit', 'reason', line.slice(start).replace(/^Failed to load resource: /, ''), {
      codes: said.codes,
      url: said.url ?? wrapper?.[2] ?? null,
      origin: said.origin ?? null,
      requestKind: wrapper?.[1] ?? null,
      status: said.status ?? null,
      failedParameter: said.failedParameter ?? null,
      header: said.header ?? null,
      where: redirect ? 'redirect' : (said.where ?? null),
      unknowns: [
        ...(said.unknowns ?? []),
        ...(redirect
          ? [`the redirect went to ${redirect[1]}; the response that carried the redirect is the one to fix`]
          : []),
      ],
      custom: said.custom ?? null,
      preflightSeen: said.preflightSeen ?? false,
    });
  }
  if (wrapper)
    return reading('webkit', 'context', line.slice(wrapper.index), {
      verdict: 'blocked',
      url: wrapper[2]!,
      requestKind: wrapper[1]!,
      custom: {
        title: 'Safari blocked the read; the reason is not in the pasted text',
        because:
          'Safari prints the reason as its own console message just before this line (for example "Origin … is not allowed by Access-Control-Allow-Origin. Status code: 200")',
        fix: 'paste that message too',
      },
    });
  const element = ELEMENT.exec(line);
  if (element)
    return reading('webkit', 'context', element[0], {
      verdict: 'blocked',
      requestKind: element[1]!,
      custom: {
        title: `Cross-origin ${element[1]} refused by CORS`,
        because: `the element has a crossorigin attribute, so its cross-origin ${element[1]} must be served with CORS headers, and this one was not (or failed the check)`,
        fix: "send `Access-Control-Allow-Origin` for the page's origin on that resource, or remove the crossorigin attribute if the page does not need to read it",
      },
    });
  if (/TypeError: Load failed\b/.test(line))
    return reading('webkit', 'context', 'TypeError: Load failed', {
      verdict: 'unknown',
      custom: scriptError('Safari', 'TypeError: Load failed'),
    });
  return null;
}

export function startsWebKit(line: string): boolean {
  return /cannot load \S+ due to|Cross-origin redirection to|is not allowed by Access-Control-Allow-/.test(line);
}
