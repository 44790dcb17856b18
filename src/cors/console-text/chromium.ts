/**
 * Chromium's console messages. The reason sentences are Blink's
 * (third_party/blink/renderer/platform/loader/cors/cors_error_string.cc, GetErrorStringForConsoleMessage:
 * "Access to <kind> at '<url>' [(redirected from '<url0>')] from origin '<origin>' has been blocked by
 * CORS policy: [Response to preflight request doesn't pass access control check: ]<reason>"), in every
 * wording Chromium has printed: the Local Network Access era, the Private Network Access era (legacy,
 * no current code), and the pre-2019 "Failed to load <url>: … Origin '<o>' is therefore not allowed
 * access." form. Blink escapes non-printable bytes of the quoted value as \uXXXX (EncodeHint).
 */
import type { AccessCheckCode, CorsErrorCode } from '../reason-codes.ts';
import type { Reason } from '../types.ts';
import { accessCodes, reading, scriptError, statusOf } from './reading.ts';
import type { CustomText, Reading } from './types.ts';

const PREFLIGHT = "Response to preflight request doesn't pass access control check: ";
const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';

/** Blink's EncodeHint writes control and non-ASCII characters as \uXXXX (upper-case hex). */
function decodeHint(value: string): string {
  return value.replace(/\\u([0-9A-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

interface Sentence {
  re: RegExp;
  /** An access-check failure (plain or Preflight* by the preflight prefix), or a fixed code. */
  access?: AccessCheckCode;
  code?: CorsErrorCode;
  header?: string;
  where?: Reason['where'];
  /** Which capture group holds the offending value. */
  value?: number;
  /** Which capture group holds a status code (legacy wording only). */
  status?: number;
  custom?: CustomText;
}

const LEGACY_PNA: CustomText = {
  title: 'Legacy Private Network Access check',
  because:
    'Chrome 104–141 required a Private Network Access preflight for requests from a public page to a private or local address; Chrome 142 replaced it with the Local Network Access permission, and current Chrome never prints this',
  fix: 'update Chrome, then let the user grant "Local network access" to the page (a browser permission, not a header); the Access-Control-Allow-Private-Network header is no longer read',
};

const SENTENCES: Sentence[] = [
  { re: /^Cross origin requests are not allowed by request mode\./, code: 'DisallowedByMode', where: 'request' },
  { re: /^The response is invalid\./, code: 'InvalidResponse', where: 'preflight' },
  {
    re: /^The request client is not a secure context and the resource is in more-private address space `(\w+)`\./,
    code: 'InsecureLocalNetwork',
    where: 'request',
  },
  {
    re: /^The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '\*' when the request's credentials mode is 'include'\./,
    access: 'WildcardOriginNotAllowed',
    header: ACAO,
  },
  {
    re: /^No 'Access-Control-Allow-Origin' header is present on the requested resource\./,
    access: 'MissingAllowOriginHeader',
    header: ACAO,
  },
  {
    re: /^The 'Access-Control-Allow-Origin' header contains multiple values '(.*)', but only one is allowed\./,
    access: 'MultipleAllowOriginValues',
    header: ACAO,
    value: 1,
  },
  {
    re: /^The 'Access-Control-Allow-Origin' header contains the invalid value '(.*)'\./,
    access: 'InvalidAllowOriginValue',
    header: ACAO,
    value: 1,
  },
  {
    re: /^The 'Access-Control-Allow-Origin' header has a value '(.*)' that is not equal to the supplied origin\./,
    access: 'AllowOriginMismatch',
    header: ACAO,
    value: 1,
  },
  {
    re: /^The value of the 'Access-Control-Allow-Credentials' header in the response is '(.*)' which must be 'true' when the request's credentials mode is 'include'\./,
    access: 'InvalidAllowCredentials',
    header: ACAC,
    value: 1,
  },
  // Chromium ≤ 72 wording of the same check.
  {
    re: /^Credentials flag is 'true', but the 'Access-Control-Allow-Credentials' header is '(.*)'\. It must be 'true' to allow credentials\./,
    access: 'InvalidAllowCredentials',
    header: ACAC,
    value: 1,
  },
  {
    re: /^Cross origin requests are only supported for protocol schemes: .*?\./,
    code: 'CorsDisabledScheme',
    where: 'request',
  },
  { re: /^It does not have HTTP ok status\./, code: 'PreflightInvalidStatus', where: 'preflight' },
  {
    re: /^Response for preflight has invalid HTTP status code (\d{3})/,
    code: 'PreflightInvalidStatus',
    where: 'preflight',
    status: 1,
  },
  { re: /^Redirect is not allowed for a preflight request\./, code: 'PreflightDisallowedRedirect', where: 'preflight' },
  { re: /^Response for preflight is invalid \(redirect\)/, code: 'PreflightDisallowedRedirect', where: 'preflight' },
  {
    re: /^No 'Access-Control-Allow-External' header was present in the preflight response/,
    code: 'PreflightMissingAllowExternal',
    where: 'preflight',
  },
  {
    re: /^The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '(.*)',\s+not 'true'/,
    code: 'PreflightInvalidAllowExternal',
    where: 'preflight',
    value: 1,
  },
  {
    re: /^Cannot parse Access-Control-Allow-Methods response header field in preflight response\./,
    code: 'InvalidAllowMethodsPreflightResponse',
    header: 'Access-Control-Allow-Methods',
    where: 'preflight',
  },
  {
    re: /^Cannot parse Access-Control-Allow-Headers response header field in preflight response\./,
    code: 'InvalidAllowHeadersPreflightResponse',
    header: 'Access-Control-Allow-Headers',
    where: 'preflight',
  },
  {
    re: /^Method (.+?) is not allowed by Access-Control-Allow-Methods in preflight response\./,
    code: 'MethodDisallowedByPreflightResponse',
    header: 'Access-Control-Allow-Methods',
    where: 'preflight',
    value: 1,
  },
  {
    re: /^Request header field (.+?) is not allowed by Access-Control-Allow-Headers in preflight response\./,
    code: 'HeaderDisallowedByPreflightResponse',
    header: 'Access-Control-Allow-Headers',
    where: 'preflight',
    value: 1,
  },
  {
    re: /^Redirect location '(.*)' contains a username and password, which is disallowed for cross-origin requests\./,
    code: 'RedirectContainsCredentials',
    header: 'Location',
    where: 'redirect',
    value: 1,
  },
  {
    re: /^Request had a target IP address space of `(\w+)` yet the resource is in address space `(\w+)`\./,
    code: 'InvalidLocalNetworkAccess',
    where: 'request',
  },
  {
    re: /^Permission was denied for this request to access the `(\w+)` address space\./,
    code: 'LocalNetworkAccessPermissionDenied',
    where: 'request',
  },
  { re: /^No 'Access-Control-Allow-Private-Network' header was present/, custom: LEGACY_PNA },
  { re: /^The 'Access-Control-Allow-Private-Network' header in the preflight response/, custom: LEGACY_PNA },
  { re: /^Request had no target IP address space, yet the resource is in address space/, custom: LEGACY_PNA },
  { re: /^No 'Private-Network-Access-(?:Id|Name)' header was present/, custom: LEGACY_PNA },
  { re: /^Unable to ask for permission to access the `\w+` IP address space\./, custom: LEGACY_PNA },
];

/** The current head, and Chromium 71–72's redirect head. */
const HEAD =
  /Access to (.+?) at '(.+?)' (?:\(redirected from '(.+?)'\) )?from origin '(.*?)' has been blocked by CORS policy: (.*)$/;
const REDIRECT_HEAD = /Redirect from '(.+?)' to '(.+?)' has been blocked by CORS policy: (.*)$/;
/** Chromium ≤ 72 ("Failed to load <url>: …") and ≤ 63 ("XMLHttpRequest cannot load <url>. …"). */
const LEGACY_HEAD =
  /(?:Failed to load|XMLHttpRequest cannot load) '?((?:https?|[a-z][a-z0-9+.-]*):\/\/\S+?|[a-z-]+:\S+?)'?[:.] (.*)$/;
/** DevTools' network line ("GET <url> net::ERR_FAILED 200 (OK)") and CDP's raw form of it. */
const NET_LINE = /\b([A-Z]{3,12}) (https?:\/\/\S+) net::(ERR_[A-Z0-9_]+)(?: (\d{3})\b)?/;
const RAW_NET_LINE = /Failed to load resource: net::(ERR_[A-Z0-9_]+)/;
const TYPE_ERROR = /TypeError: Failed to fetch\b/;

/** Chrome's network line without the CORS line: the reason is elsewhere in the console. */
const NET_FAILED: CustomText = {
  title: 'Chrome blocked the request; the reason is not in the pasted text',
  because:
    'Chrome reports a CORS block as net::ERR_FAILED (other failures can end the same way), and prints the reason on its own console line starting "Access to … has been blocked by CORS policy"',
  fix: 'paste that line too, or run `cors-inspector audit <page URL>` to record the exchange with its headers',
};

function networkFailure(error: string): CustomText {
  return {
    title: 'The request failed before any CORS check',
    because: `the browser got no usable response (net::${error}), so no CORS header was checked; no CORS header can fix it`,
    fix: 'make the request reach the server first (is it running, is the host name and port right, is the certificate valid?)',
  };
}

interface Head {
  /** Where the message starts in the line (console decorations come before it). */
  start: number;
  requestKind: string | null;
  url: string;
  redirectedFrom: string | null;
  origin: string | null;
  rest: string;
}

function head(line: string): Head | null {
  const m = HEAD.exec(line);
  if (m)
    return { start: m.index, requestKind: m[1]!, url: m[2]!, redirectedFrom: m[3] ?? null, origin: m[4]!, rest: m[5]! };
  const r = REDIRECT_HEAD.exec(line);
  if (r) return { start: r.index, requestKind: null, url: r[2]!, redirectedFrom: r[1]!, origin: null, rest: r[3]! };
  const l = LEGACY_HEAD.exec(line);
  if (l && l[2]!.length > 0) {
    const origin = /Origin '(.*?)' is therefore not allowed access/.exec(l[2]!)?.[1] ?? null;
    const requestKind = line.includes('XMLHttpRequest cannot load') ? 'XMLHttpRequest' : null;
    return { start: l.index, requestKind, url: l[1]!, redirectedFrom: null, origin, rest: l[2]! };
  }
  return null;
}

function reasonReading(line: string, h: Head): Reading | null {
  const preflight = h.rest.startsWith(PREFLIGHT);
  const sentence = preflight ? h.rest.slice(PREFLIGHT.length) : h.rest;
  for (const s of SENTENCES) {
    const m = s.re.exec(sentence);
    if (!m) continue;
    const legacyStatus = /The response had HTTP status code (\d{3})\./.exec(h.rest)?.[1];
    const codes = s.access ? accessCodes(s.access, preflight) : s.code ? [s.code] : [];
    // Chromium names the scheme of a request it refuses, and none when a redirect led there (measured: rd-to-mailto).
    const scheme =
      s.code === 'CorsDisabledScheme'
        ? h.redirectedFrom
          ? ''
          : (/^([a-z][a-z0-9+.-]*):/i.exec(h.url)?.[1] ?? null)
        : null;
    return reading('chromium', 'reason', line, {
      codes,
      url: h.url,
      redirectedFrom: h.redirectedFrom,
      origin: h.origin,
      requestKind: h.requestKind,
      status: statusOf(s.status ? m[s.status] : legacyStatus),
      failedParameter: s.value ? decodeHint(m[s.value]!) : scheme,
      header: s.header ?? null,
      // The failing response is the one from the URL the message names, after any redirects.
      where: s.access ? (preflight ? 'preflight' : 'response') : (s.where ?? null),
      preflightSeen: preflight || s.where === 'preflight',
      custom: s.custom ?? null,
    });
  }
  return null;
}

/** Reads one line as a Chromium message, or null when it is not one. */
export function readChromium(line: string): Reading | null {
  const h = head(line);
  if (h) return reasonReading(line.slice(h.start), h);
  const net = NET_LINE.exec(line);
  if (net) {
    const [, method, url, error, status] = net;
    return reading('chromium', 'context', net[0], {
      verdict: error === 'ERR_FAILED' ? 'unknown' : 'failed',
      url: url!,
      method: method!,
      status: statusOf(status),
      failedParameter: `net::${error}`,
      custom: error === 'ERR_FAILED' ? NET_FAILED : networkFailure(error!),
    });
  }
  const raw = RAW_NET_LINE.exec(line);
  if (raw)
    return reading('chromium', 'context', raw[0], {
      verdict: raw[1] === 'ERR_FAILED' ? 'unknown' : 'failed',
      failedParameter: `net::${raw[1]}`,
      custom: raw[1] === 'ERR_FAILED' ? NET_FAILED : networkFailure(raw[1]!),
    });
  if (TYPE_ERROR.test(line))
    return reading('chromium', 'context', 'TypeError: Failed to fetch', {
      verdict: 'unknown',
      custom: scriptError('Chrome', 'TypeError: Failed to fetch'),
    });
  return null;
}

/** True when the line begins a Chromium CORS message (used to join a message a paste wrapped). */
export function startsChromium(line: string): boolean {
  return /Access to .+? at '|Redirect from '.+?' to '|Failed to load (?:https?|[a-z-]+):|XMLHttpRequest cannot load /.test(
    line,
  );
}
