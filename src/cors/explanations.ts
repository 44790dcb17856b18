/**
 * One explanation per reason code, in the DevTools Issues shape (front_end/models/issues_manager/
 * descriptions/cors*.md): a title that says what to ensure, "… was blocked because …", and
 * "To fix this, …". Also Chromium's console text and Firefox's console message for the same failure
 * (Firefox's security.properties, en-US, as Firefox ESR 153 prints it: test/firefox compares them
 * with Firefox's own console). `satisfies Record<CorsErrorCode, …>` keeps it exhaustive.
 */
import type { CorsErrorCode } from './reason-codes.ts';

export interface ExplanationContext {
  origin: string;
  url: string;
  method: string;
  failedParameter: string;
  status: number | null;
  /** The redirect Location involved (RedirectContainsCredentials), when known. */
  location?: string | null;
  /** The ACAM/ACAH item that is not a token (InvalidAllow*PreflightResponse), when known. */
  invalidToken?: string | null;
}

interface Text {
  title: string;
  because: (c: ExplanationContext) => string;
  fix: (c: ExplanationContext) => string;
  /** Chromium's console sentence after "has been blocked by CORS policy: ". */
  console: (c: ExplanationContext) => string;
  /** Firefox's console message, or null where Firefox has no such check. */
  firefox: ((c: ExplanationContext) => string) | null;
}

const PRE = "Response to preflight request doesn't pass access control check: ";
/** Firefox's message for a CORS failure of the response at `c.url`: "…at URL. (Reason: REASON)." */
const ff = (c: ExplanationContext, reason: string) => `${FF_BLOCKED}${c.url}. (Reason: ${reason}).`;
/** The messages Firefox ends with the response's status (CORSMissingAllowOrigin2, CORSPreflightDidNotSucceed3, CORSDidNotSucceed2). */
const ffStatus = (c: ExplanationContext, reason: string) =>
  `${FF_BLOCKED}${c.url}. (Reason: ${reason}). Status code: ${c.status ?? '(null)'}.`;
const FF_BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ';

const missing: Text = {
  title: 'Ensure CORS response header values are valid',
  because: (c) =>
    `the response has no Access-Control-Allow-Origin header, so the browser may not let ${c.origin} read it`,
  fix: (c) =>
    `send \`Access-Control-Allow-Origin: ${c.origin}\` (or \`*\` for a public resource fetched without credentials) on this response`,
  console: () => "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
  firefox: (c) => ffStatus(c, 'CORS header ‘Access-Control-Allow-Origin’ missing'),
};
const multiple: Text = {
  title: 'Ensure CORS response header values are valid',
  because: (c) =>
    `Access-Control-Allow-Origin holds several values ('${c.failedParameter}'); it must hold exactly one origin or '*'`,
  fix: (c) =>
    `send a single \`Access-Control-Allow-Origin: ${c.origin}\` header (check for a proxy or framework adding a second one)`,
  console: (c) =>
    `The 'Access-Control-Allow-Origin' header contains multiple values '${c.failedParameter}', but only one is allowed.`,
  firefox: (c) => ff(c, 'Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed'),
};
const invalid: Text = {
  title: 'Ensure CORS response header values are valid',
  because: (c) => `Access-Control-Allow-Origin is '${c.failedParameter}', which is neither a valid origin nor '*'`,
  fix: (c) =>
    `send \`Access-Control-Allow-Origin: ${c.origin}\` exactly (scheme, host and port, no path, no trailing slash)`,
  console: (c) => `The 'Access-Control-Allow-Origin' header contains the invalid value '${c.failedParameter}'.`,
  firefox: (c) => ff(c, `CORS header ‘Access-Control-Allow-Origin’ does not match ‘${c.failedParameter}’`),
};
const mismatch: Text = {
  title: "Ensure CORS requesting origin matches resource's allowed origin",
  because: (c) =>
    `Access-Control-Allow-Origin is '${c.failedParameter}', which is not byte-for-byte equal to the request's origin '${c.origin}'`,
  fix: (c) =>
    `send \`Access-Control-Allow-Origin: ${c.origin}\` for this origin (check it against an allow-list, and add \`Vary: Origin\`)`,
  console: (c) =>
    `The 'Access-Control-Allow-Origin' header has a value '${c.failedParameter}' that is not equal to the supplied origin.`,
  firefox: (c) => ff(c, `CORS header ‘Access-Control-Allow-Origin’ does not match ‘${c.failedParameter}’`),
};
const wildcard: Text = {
  title: 'Ensure credentialed requests are not sent to CORS resources with origin wildcards',
  because: () =>
    `the request includes credentials (cookies, HTTP auth or client certificates) and Access-Control-Allow-Origin is '*', which is not allowed for credentialed requests`,
  fix: (c) =>
    `either send \`Access-Control-Allow-Origin: ${c.origin}\` together with \`Access-Control-Allow-Credentials: true\`, or make the request without credentials (\`credentials: 'omit'\` / \`withCredentials = false\`)`,
  console: () =>
    "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
  // The one message that quotes the URL (CORSNotSupportingCredentials).
  firefox: (c) =>
    `${FF_BLOCKED}‘${c.url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
};
const credentials: Text = {
  title: 'Ensure credentialed requests are allowed by the resource',
  because: (c) =>
    `the request includes credentials but Access-Control-Allow-Credentials is ${c.failedParameter === '' ? 'absent' : `'${c.failedParameter}'`}; it must be exactly 'true'`,
  fix: () =>
    'send `Access-Control-Allow-Credentials: true` (lower-case) with the specific origin, or make the request without credentials',
  console: (c) =>
    `The value of the 'Access-Control-Allow-Credentials' header in the response is '${c.failedParameter}' which must be 'true' when the request's credentials mode is 'include'.`,
  firefox: (c) => ff(c, 'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’'),
};
const preflightOf = (t: Text): Text => ({
  ...t,
  because: (c) => `the preflight (OPTIONS) response failed the CORS check: ${t.because(c)}`,
  fix: (c) =>
    `${t.fix(c)} — on the OPTIONS response too. If an authentication or routing layer answers OPTIONS before your CORS middleware, move CORS first`,
  console: (c) => PRE + t.console(c),
});

export const EXPLANATIONS = {
  MissingAllowOriginHeader: missing,
  MultipleAllowOriginValues: multiple,
  InvalidAllowOriginValue: invalid,
  AllowOriginMismatch: mismatch,
  WildcardOriginNotAllowed: wildcard,
  InvalidAllowCredentials: credentials,
  PreflightMissingAllowOriginHeader: preflightOf(missing),
  PreflightMultipleAllowOriginValues: preflightOf(multiple),
  PreflightInvalidAllowOriginValue: preflightOf(invalid),
  PreflightAllowOriginMismatch: preflightOf(mismatch),
  PreflightWildcardOriginNotAllowed: preflightOf(wildcard),
  PreflightInvalidAllowCredentials: preflightOf(credentials),
  PreflightInvalidStatus: {
    title: 'Ensure preflight responses are valid',
    because: (c) =>
      `the preflight (OPTIONS) request was answered with HTTP ${c.status ?? '?'}; a preflight must get a 2xx status`,
    fix: () =>
      'answer OPTIONS for this URL with 204 (or 200) and the CORS headers, before any authentication or routing that would reject it',
    console: () => `${PRE}It does not have HTTP ok status.`,
    firefox: (c) => ffStatus(c, 'CORS preflight response did not succeed'),
  },
  PreflightDisallowedRedirect: {
    title: 'Ensure preflight responses are valid',
    because: () => 'the preflight (OPTIONS) request was answered with a redirect; preflights may not be redirected',
    fix: () =>
      'answer OPTIONS at this exact URL (no redirect to https, a trailing slash or a login page) and make the page request the final URL directly',
    console: () => `${PRE}Redirect is not allowed for a preflight request.`,
    // Firefox refuses to follow it before any other check (CORSExternalRedirectNotAllowed).
    firefox: (c) => ff(c, 'CORS request external redirect not allowed'),
  },
  PreflightMissingAllowExternal: {
    title: 'Ensure preflight responses are valid',
    because: () => 'a legacy private-network experiment header was missing from the preflight response',
    fix: () => 'this check is obsolete in current Chrome; update the browser',
    console: () =>
      `${PRE}No 'Access-Control-Allow-External' header was present in the preflight response for this external request.`,
    firefox: null,
  },
  PreflightInvalidAllowExternal: {
    title: 'Ensure preflight responses are valid',
    because: () => 'a legacy private-network experiment header had an invalid value',
    fix: () => 'this check is obsolete in current Chrome; update the browser',
    console: () => `${PRE}The 'Access-Control-Allow-External' header in the preflight response must be 'true'.`,
    firefox: null,
  },
  InvalidAllowMethodsPreflightResponse: {
    title: 'Ensure CORS response header values are valid',
    because: () =>
      "the preflight's Access-Control-Allow-Methods could not be parsed: it must be a comma-separated list of method tokens",
    fix: (c) =>
      `send \`Access-Control-Allow-Methods: ${c.method}\` (tokens separated by commas, no quotes, slashes or spaces inside a name)`,
    console: () => 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.',
    firefox: (c) => ff(c, `invalid token ‘${c.invalidToken ?? ''}’ in CORS header ‘Access-Control-Allow-Methods’`),
  },
  InvalidAllowHeadersPreflightResponse: {
    title: 'Ensure CORS response header values are valid',
    because: () =>
      "the preflight's Access-Control-Allow-Headers could not be parsed: it must be a comma-separated list of header names",
    fix: () => 'send the header names separated by commas, with no quotes, colons or spaces inside a name',
    console: () => 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.',
    firefox: (c) => ff(c, `invalid token ‘${c.invalidToken ?? ''}’ in CORS header ‘Access-Control-Allow-Headers’`),
  },
  MethodDisallowedByPreflightResponse: {
    title: 'Ensure CORS request uses allowed method',
    because: (c) =>
      `the method ${c.failedParameter} is not listed in the preflight's Access-Control-Allow-Methods (GET, HEAD and POST never need to be)`,
    fix: (c) =>
      `add \`${c.failedParameter}\` to \`Access-Control-Allow-Methods\` on the OPTIONS response (method names are case-sensitive)`,
    console: (c) => `Method ${c.failedParameter} is not allowed by Access-Control-Allow-Methods in preflight response.`,
    firefox: (c) => ff(c, 'Did not find method in CORS header ‘Access-Control-Allow-Methods’'),
  },
  HeaderDisallowedByPreflightResponse: {
    title: 'Ensure CORS request includes only allowed headers',
    because: (c) =>
      `the request header '${c.failedParameter}' is not CORS-safelisted and is not listed in the preflight's Access-Control-Allow-Headers${c.failedParameter === 'authorization' ? " (a '*' never covers Authorization)" : ''}`,
    fix: (c) =>
      `add \`${c.failedParameter}\` to \`Access-Control-Allow-Headers\` on the OPTIONS response, or stop sending that header`,
    console: (c) =>
      `Request header field ${c.failedParameter} is not allowed by Access-Control-Allow-Headers in preflight response.`,
    firefox: (c) =>
      ff(
        c,
        `header ‘${c.failedParameter}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response`,
      ),
  },
  RedirectContainsCredentials: {
    title: 'Ensure CORS requests are not redirected to URLs with credentials',
    because: () =>
      'the request was redirected to a URL that contains a username or password, which CORS requests may not follow',
    fix: () => 'remove the `user:password@` part from the Location the server sends',
    console: (c) =>
      `Redirect location '${c.location ?? ''}' contains a username and password, which is disallowed for cross-origin requests.`,
    // Firefox follows it, fails the request (NS_ERROR_NET_ON_RECEIVING_FROM) and names the URL that
    // redirected, without a status (measured in ESR 153: scenario rd-userinfo).
    firefox: (c) => ffStatus({ ...c, status: null }, 'CORS request did not succeed'),
  },
  DisallowedByMode: {
    title: 'Ensure CORS requests are made on supported schemes and modes',
    because: () => "the request was made with `mode: 'same-origin'` to another origin",
    fix: () => "use `mode: 'cors'` (the default) for cross-origin requests",
    console: () => 'Cross origin requests are not allowed by request mode.',
    firefox: (c) => ff(c, 'CORS request not http'),
  },
  CorsDisabledScheme: {
    title: 'Ensure CORS requests are made on supported schemes',
    because: (c) =>
      c.location
        ? `the request was redirected to '${c.location}', whose scheme does not support CORS (only http and https do)`
        : `the URL '${c.url}' uses a scheme that does not support CORS (only http and https do)`,
    fix: (c) =>
      c.location
        ? 'make the server redirect to an http(s) URL (a link to another scheme belongs in the page, not in a Location header)'
        : 'serve the resource over http(s); `file:` pages should be served from a local web server',
    console: () =>
      'Cross origin requests are only supported for protocol schemes: chrome-extension, data, http, https.',
    // Firefox names the URL it would not load: the redirect's target (measured: scenario rd-to-mailto).
    firefox: (c) => ff({ ...c, url: c.location ?? c.url }, 'CORS request not http'),
  },
  NoCorsRedirectModeNotFollow: {
    title: 'Ensure no-cors requests follow redirects',
    because: () => "a `mode: 'no-cors'` request must use `redirect: 'follow'`",
    fix: () => "drop the `redirect` option (or set it to `follow`), or use `mode: 'cors'`",
    console: () => "Redirect mode of no-cors requests must be 'follow'.",
    firefox: null,
  },
  InvalidResponse: {
    title: 'Ensure preflight responses are valid',
    because: () => 'the preflight request failed with a network error before any response arrived',
    fix: () => 'make sure the server answers OPTIONS for this URL instead of closing the connection',
    console: () => `${PRE}The response is invalid.`,
    firefox: (c) => ffStatus(c, 'CORS request did not succeed'),
  },
  InsecureLocalNetwork: {
    title: 'Ensure local network requests come from secure contexts',
    because: () =>
      'a page in a non-secure context requested a more private address space (Local Network Access); this is not a server CORS problem',
    fix: () => 'serve the page over https; the user must then grant the Local Network Access permission',
    console: () => 'The request client is not a secure context and the resource is in more-private address space.',
    firefox: null,
  },
  InvalidLocalNetworkAccess: {
    title: 'Ensure the target address space matches',
    because: () => "the request's `targetAddressSpace` did not match the address space the server is actually in",
    fix: () => 'set `targetAddressSpace` to the real space (`local` or `loopback`) or remove it',
    console: () => "The request's targetAddressSpace does not match the resource's address space.",
    firefox: null,
  },
  LocalNetworkAccessPermissionDenied: {
    title: 'Ensure the user granted Local Network Access',
    because: () =>
      'the request went to a local or loopback address and the user has not granted the Local Network Access permission; no server header can fix this',
    fix: () =>
      'ask the user to allow "Local network access" for this site (a browser permission), or serve the resource from a public address',
    console: () => 'Permission was denied for this request to access the `local` address space.',
    firefox: null,
  },
} satisfies Record<CorsErrorCode, Text>;

export function explain(code: CorsErrorCode, c: ExplanationContext) {
  const t: Text = EXPLANATIONS[code];
  return {
    title: t.title,
    explanation: `Access to ${c.url} from origin '${c.origin}' was blocked because ${t.because(c)}.`,
    howToFix: `To fix this, ${t.fix(c)}.`,
    consoleMessage: `Access to fetch at '${c.url}' from origin '${c.origin}' has been blocked by CORS policy: ${t.console(c)}`,
    firefoxReason: t.firefox ? t.firefox(c) : null,
  };
}
