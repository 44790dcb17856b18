/**
 * Firefox's console messages: every CORS string of dom/locales/en-US/chrome/security/security.properties
 * ("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at %1$S.
 * (Reason: …)", logged by netwerk/protocol/http/nsCORSListenerProxy.cpp), in the current and the older
 * wordings ("preflight channel", "missing token", no status code). Firefox names neither the page's
 * origin nor whether the preflight or the actual response failed; both are stated as unknown.
 */
import type { CorsErrorCode } from '../reason-codes.ts';
import type { Reason } from '../types.ts';
import { accessCodes, reading, refusedAllowOrigin, scriptError, statusOf } from './reading.ts';
import type { ConsoleVerdict, CustomText, Reading } from './types.ts';

const ACAO = 'Access-Control-Allow-Origin';
const WHICH_RESPONSE =
  'whether the preflight (OPTIONS) or the actual response failed: Firefox prints the same words for both (DevTools → Network shows an OPTIONS row for this URL when there was a preflight)';
const NO_ORIGIN = "the page's origin: Firefox's message does not name it";

const HEAD =
  /Cross-Origin Request (Blocked|Warning): The Same Origin Policy (?:disallows|will disallow) reading the remote resource at '?(.+?)'?(?: soon)?\. \(Reason: (.*)$/;

interface Said {
  codes: CorsErrorCode[];
  verdict?: ConsoleVerdict;
  header?: string;
  where?: Reason['where'];
  failedParameter?: string | null;
  unknowns?: string[];
  custom?: CustomText;
  preflightSeen?: boolean;
}

function preflightFailure(status: number | null): Said {
  if (status !== null && status >= 300 && status < 400)
    return { codes: ['PreflightDisallowedRedirect'], where: 'preflight', preflightSeen: true };
  if (status !== null && (status < 200 || status > 299))
    return { codes: ['PreflightInvalidStatus'], where: 'preflight', preflightSeen: true };
  return {
    codes: ['PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'InvalidResponse'],
    where: 'preflight',
    preflightSeen: true,
    custom: {
      title: 'The preflight failed',
      because:
        'the preflight (OPTIONS) request did not get a 2xx answer without a redirect; a preflight must be answered 2xx, at this URL, by the CORS layer',
      fix: 'answer OPTIONS for this URL with 204 and the CORS headers, before any authentication, routing or redirect that would answer it otherwise',
    },
    unknowns: [
      'why the preflight failed: Firefox gives no HTTP status here, so a non-2xx answer, a redirect and a network error all fit',
    ],
  };
}

const REASONS: [RegExp, (m: RegExpExecArray, status: number | null) => Said][] = [
  [
    /^CORS disabled$/i,
    () => ({
      codes: [],
      custom: {
        title: 'CORS is disabled in this Firefox profile',
        because:
          'the preference content.cors.disable is true, so Firefox refuses every cross-origin read; no server header can change that',
        fix: 'set content.cors.disable back to false in about:config (or use a profile without it)',
      },
    }),
  ],
  [
    /^CORS request did not succeed$/i,
    () => ({
      codes: [],
      verdict: 'failed',
      custom: {
        title: 'The request failed before any CORS check',
        because:
          'no usable HTTP response arrived (the server is down or refused the connection, a TLS or DNS error, mixed content, an extension blocked it, or a redirect went to a URL with user:password@ or to a non-http scheme); Firefox words network failures this way, and prints it again after a failed preflight, but on its own no CORS header was checked',
        fix: 'make the request succeed first: check that the server is running and reachable at this URL (DevTools → Network shows the underlying error)',
      },
    }),
  ],
  [
    /^CORS header 'Origin' cannot be added$/i,
    () => ({
      codes: [],
      custom: {
        title: 'Firefox could not add the Origin header',
        because:
          'the request was made by privileged code (an add-on or a browser feature) that may not carry an Origin header',
        fix: 'make the request from the page itself, or from the extension without CORS',
      },
    }),
  ],
  [
    /^CORS request external redirect not allowed$/i,
    () => ({ codes: ['PreflightDisallowedRedirect'], where: 'preflight', preflightSeen: true }),
  ],
  [/^CORS request not http$/i, () => ({ codes: ['CorsDisabledScheme'], where: 'request' })],
  [
    /^CORS header 'Access-Control-Allow-Origin' missing$/i,
    () => ({ codes: accessCodes('MissingAllowOriginHeader', null), header: ACAO, unknowns: [WHICH_RESPONSE] }),
  ],
  [
    /^Multiple CORS headers? 'Access-Control-Allow-Origin' not allowed$/i,
    () => ({
      codes: accessCodes('MultipleAllowOriginValues', null),
      header: ACAO,
      unknowns: [WHICH_RESPONSE, 'the values: Firefox does not print them'],
    }),
  ],
  [
    /^CORS header 'Access-Control-Allow-Origin' does not match '(.*)'$/i,
    (m) => ({
      codes: accessCodes(refusedAllowOrigin(m[1]!, null), null),
      header: ACAO,
      failedParameter: m[1]!,
      unknowns: [WHICH_RESPONSE],
    }),
  ],
  [
    /^Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '\*'$/i,
    () => ({ codes: accessCodes('WildcardOriginNotAllowed', null), header: ACAO, unknowns: [WHICH_RESPONSE] }),
  ],
  [
    /^Did not find method in CORS header 'Access-Control-Allow-Methods'$/i,
    () => ({
      codes: ['MethodDisallowedByPreflightResponse'],
      header: 'Access-Control-Allow-Methods',
      where: 'preflight',
      preflightSeen: true,
      unknowns: ['the method: Firefox does not name it (it is the method your code passes to fetch or open)'],
    }),
  ],
  [
    /^expected 'true' in CORS header 'Access-Control-Allow-Credentials'$/i,
    () => ({
      codes: accessCodes('InvalidAllowCredentials', null),
      header: 'Access-Control-Allow-Credentials',
      unknowns: [WHICH_RESPONSE, "the header's actual value: Firefox does not print it"],
    }),
  ],
  [/^CORS preflight (?:response|channel) did not succeed$/i, (_m, status) => preflightFailure(status)],
  [
    /^invalid token '(.*)' in CORS header 'Access-Control-Allow-Methods'$/i,
    (m) => ({
      codes: ['InvalidAllowMethodsPreflightResponse'],
      header: 'Access-Control-Allow-Methods',
      where: 'preflight',
      preflightSeen: true,
      failedParameter: m[1]!,
    }),
  ],
  [
    /^invalid token '(.*)' in CORS header 'Access-Control-Allow-Headers'$/i,
    (m) => ({
      codes: ['InvalidAllowHeadersPreflightResponse'],
      header: 'Access-Control-Allow-Headers',
      where: 'preflight',
      preflightSeen: true,
      failedParameter: m[1]!,
    }),
  ],
  [
    /^(?:header|missing token) '(.*)' (?:is not allowed according to header|in CORS header) 'Access-Control-Allow-Headers' from CORS preflight (?:response|channel)$/i,
    (m) => ({
      codes: ['HeaderDisallowedByPreflightResponse'],
      header: 'Access-Control-Allow-Headers',
      where: 'preflight',
      preflightSeen: true,
      failedParameter: m[1]!,
    }),
  ],
  [
    /^When the 'Access-Control-Allow-Headers' is '\*', the 'Authorization' header is not covered\./i,
    () => ({
      codes: ['HeaderDisallowedByPreflightResponse'],
      verdict: 'warning',
      header: 'Access-Control-Allow-Headers',
      where: 'preflight',
      preflightSeen: true,
      failedParameter: 'authorization',
      unknowns: [
        "nothing is blocked yet: Firefox warns, and Chromium 156 lets '*' cover Authorization too (measured: scenario acah-star-authorization), but the Fetch standard says '*' never covers Authorization (a CORS non-wildcard request-header name) and browsers are removing the leniency",
      ],
    }),
  ],
];

/**
 * An access-check reason on a 3xx answer: Firefox checks the redirect's CORS headers before it
 * refuses a redirected preflight, so it was either the actual request's redirect (the plain code,
 * as Chromium reports it) or a redirected preflight, which Chromium reports as
 * PreflightDisallowedRedirect (measured: scenarios pf-redirect-no-acao and rd-3xx-no-acao).
 */
function redirected(said: Said, status: number | null): Said {
  const plain = said.codes[0];
  const pair = said.codes.length === 2 && plain !== undefined && said.codes[1] === `Preflight${plain}`;
  if (!pair || status === null || status < 300 || status > 399) return said;
  return {
    ...said,
    codes: [plain, 'PreflightDisallowedRedirect'],
    unknowns: [
      `whether the ${status} answered the request (a redirect needs the CORS headers too) or its preflight (a preflight may not be redirected at all)`,
      ...(said.unknowns ?? []).filter((u) => u !== WHICH_RESPONSE),
    ],
  };
}

/** Reads one line as a Firefox message, or null when it is not one. */
export function readFirefox(line: string): Reading | null {
  const m = HEAD.exec(line);
  if (m) {
    const tail = m[3]!.replace(/`/g, "'");
    // "<reason>). Status code: 200." — the reason ends at the ")" the rest of the line allows.
    const parts = /^(.*?)\)(?:\.? ?Status code: (\S+?))?\.?\s*(?:\[Learn More\])?$/.exec(tail.trim());
    if (!parts) return null;
    const status = statusOf(parts[2]);
    for (const [re, build] of REASONS) {
      const r = re.exec(parts[1]!.trim());
      if (!r) continue;
      const said = redirected(build(r, status), status);
      return reading('firefox', 'reason', line.slice(m.index), {
        codes: said.codes,
        verdict: m[1] === 'Warning' ? 'warning' : (said.verdict ?? 'blocked'),
        url: m[2]!,
        status,
        failedParameter: said.failedParameter ?? null,
        header: said.header ?? null,
        where: said.where ?? null,
        unknowns: [...(said.unknowns ?? []), NO_ORIGIN],
        custom: said.custom ?? null,
        preflightSeen: said.preflightSeen ?? false,
      });
    }
    return null;
  }
  if (/TypeError: NetworkError when attempting to fetch resource\.?/.test(line))
    return reading('firefox', 'context', 'TypeError: NetworkError when attempting to fetch resource.', {
      verdict: 'unknown',
      custom: scriptError('Firefox', 'TypeError: NetworkError when attempting to fetch resource.'),
    });
  return null;
}

export function startsFirefox(line: string): boolean {
  return /Cross-Origin Request (?:Blocked|Warning):/.test(line);
}
