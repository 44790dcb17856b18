/**
 * The fix: the response headers that, sent by the server, make this exact request pass — split into
 * the preflight's and the actual response's — plus server snippets and notes. Secure by default:
 * the one observed origin from an allow-list, never `*`, never `null`, Max-Age ≤ 600 s.
 */
import { isSafelistedMethod, isUnnormalizedLowercase, normalizeMethod } from './methods.ts';
import type { CorsErrorCode } from './reason-codes.ts';
import { MAX_AGE_SECONDS } from './snippets.ts';
import { detectStacks, stackOrder, type StackDetection, type StackEvidenceResponse } from './stack-detection.ts';
import { STACKS } from './stacks.ts';
import type { Fix, FixHeader, Reason } from './types.ts';

export interface FixInput {
  code: CorsErrorCode;
  /** The origin the failing response was checked against (`null` after a tainting redirect). */
  origin: string;
  /** The page's own origin (differs from `origin` after a tainting redirect). */
  pageOrigin: string;
  /** The URL whose response failed. */
  url: string;
  method: string;
  /** Lower-cased names of the request's non-safelisted headers (the preflight's Access-Control-Request-Headers). */
  requestHeaders: string[];
  credentials: boolean;
  preflightNeeded: boolean;
  /** Response headers the page may want to read but cannot (hidden by the CORS filter). */
  hiddenHeaders: string[];
  /** Which response carried the problem; a redirect needs the headers too. */
  where?: Reason['where'];
  /** The status of the response that carried the problem, when one arrived. */
  status?: number | null;
  /** The exchange's responses, for telling which server stack answered. */
  responses?: readonly StackEvidenceResponse[];
}

/** Codes no response header can fix: the page, the URL or a user permission must change. */
const NOT_A_HEADER_PROBLEM: Partial<Record<CorsErrorCode, string>> = {
  DisallowedByMode: "Use mode: 'cors' (the default) for this cross-origin request.",
  CorsDisabledScheme: 'Request an http(s) URL; other schemes cannot take part in CORS.',
  NoCorsRedirectModeNotFollow: "Drop redirect: 'manual'/'error' from this no-cors request, or use mode: 'cors'.",
  RedirectContainsCredentials: 'Make the server redirect to a Location without user:password@.',
  PreflightDisallowedRedirect:
    'Request the final URL directly: preflights cannot follow redirects (often http→https or a missing trailing slash).',
  LocalNetworkAccessPermissionDenied:
    'This is a browser permission (Local Network Access), not a header: the user must allow it.',
  InsecureLocalNetwork: 'Serve the page over https so Local Network Access can be granted.',
  InvalidLocalNetworkAccess: 'Fix or remove targetAddressSpace on the request.',
};

/** False for the codes whose fix is on the page, the URL or a permission (no server header helps). */
export function hasHeaderFix(code: CorsErrorCode): boolean {
  return NOT_A_HEADER_PROBLEM[code] === undefined;
}

const ANSWERED_BEFORE_CORS =
  'Something other than your CORS middleware answered the OPTIONS preflight (authentication, a router without an OPTIONS route, a proxy). Register CORS first — auth before CORS rejects the preflight, because preflights never carry cookies or Authorization.';

/** What to check on the server for each header problem, beyond sending the headers listed. */
const SERVER_HINTS: Partial<Record<CorsErrorCode, (f: FixInput) => string>> = {
  MissingAllowOriginHeader: () =>
    'No CORS headers reached the browser: the CORS middleware did not run for this response (registered after the route, or an error page, CDN or proxy answered). Register it before every route.',
  AllowOriginMismatch: (f) =>
    `The value must equal ${f.origin} byte for byte (scheme, host and port; no path, no trailing slash). Echo the request's Origin only after finding it in the allow-list; a value hard-coded for another environment fails here.`,
  MultipleAllowOriginValues: () =>
    "Two layers each add Access-Control-Allow-Origin (typically a proxy and the application). Answer CORS in one layer only; the nginx snippet drops the upstream's CORS headers (proxy_hide_header).",
  InvalidAllowOriginValue: () =>
    "Access-Control-Allow-Origin takes one serialized origin (scheme://host[:port]) or '*', never a bare host name, a pattern or a list.",
  WildcardOriginNotAllowed: () =>
    "'*' never works with credentials: the snippets name the origin and send Access-Control-Allow-Credentials: true. If the endpoint is public and needs no cookies, remove credentials: 'include' from the page instead.",
  InvalidAllowCredentials: () =>
    "Access-Control-Allow-Credentials must be exactly 'true' (lower case) on every response to this credentialed request.",
  PreflightInvalidStatus: () => ANSWERED_BEFORE_CORS,
  MethodDisallowedByPreflightResponse: (f) =>
    `The preflight response must list ${normalizeMethod(f.method)} in Access-Control-Allow-Methods (method names are case-sensitive; '*' counts only without credentials).`,
  HeaderDisallowedByPreflightResponse: () =>
    "The preflight response must list every requested header in Access-Control-Allow-Headers ('*' counts only without credentials, and never for Authorization).",
  InvalidAllowMethodsPreflightResponse: () =>
    'Access-Control-Allow-Methods must be method names separated by commas: no semicolons, quotes or descriptions.',
  InvalidAllowHeadersPreflightResponse: () =>
    'Access-Control-Allow-Headers must be header names separated by commas: no semicolons, quotes or descriptions.',
};

const PREFLIGHT_ACCESS_CODES = new Set<CorsErrorCode>([
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightWildcardOriginNotAllowed',
  'PreflightInvalidAllowCredentials',
]);
const PREFLIGHT_CODES = new Set<CorsErrorCode>([
  ...PREFLIGHT_ACCESS_CODES,
  'PreflightInvalidStatus',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
]);

function serverHint(f: FixInput): string | null {
  if (PREFLIGHT_ACCESS_CODES.has(f.code)) {
    const plain = SERVER_HINTS[f.code.slice('Preflight'.length) as CorsErrorCode];
    return `${ANSWERED_BEFORE_CORS}${plain ? ` ${plain(f)}` : ''}`;
  }
  return SERVER_HINTS[f.code]?.(f) ?? null;
}

/** Proxies and gateways that write 502/503/504 themselves. */
const GATEWAY_STACKS = ['nginx', 'apache', 'caddy', 'aws-api-gateway', 'aws-cloudfront', 'cloudflare-workers'];

/**
 * The most common CORS report is an error response from a path that never ran the CORS code
 * (an auth layer, an error handler, a proxy): say so, and where the headers must come from.
 */
function errorPathNote(f: FixInput, detected: readonly StackDetection[]): string | null {
  const status = f.status;
  if (status === undefined || status === null || status < 400 || PREFLIGHT_CODES.has(f.code)) return null;
  if (status === 502 || status === 503 || status === 504) {
    const proxy = detected.find((d) => GATEWAY_STACKS.includes(d.stack));
    return `This ${status} was most likely written by ${proxy ? STACKS[proxy.stack].name : 'a proxy or gateway in front of the application'} because the application failed or is down, so the application's CORS code never ran. Add the headers at that layer for its own errors too (nginx add_header ... always, Apache Header always, Caddy handle_errors, API Gateway gateway responses), and fix what made the application fail.`;
  }
  return `The response is a ${status}: error responses need the CORS headers too, or the page sees a CORS error instead of the ${status}. Something answered without running the CORS code (an authentication layer before CORS, an error handler, a missing route); the snippets put CORS outermost, so 401, 404 and 500 responses carry the headers.`;
}

interface FixHeaders {
  preflight: FixHeader[];
  actual: FixHeader[];
}

function headersFor(f: FixInput, origin: string, preflight: boolean): FixHeaders {
  const method = normalizeMethod(f.method);
  const acao: FixHeader = {
    name: 'Access-Control-Allow-Origin',
    value: origin,
    why: 'the exact origin, echoed only when it is in the allow-list',
  };
  const acac: FixHeader[] = f.credentials
    ? [{ name: 'Access-Control-Allow-Credentials', value: 'true', why: 'the request carries credentials' }]
    : [];
  const vary: FixHeader = {
    name: 'Vary',
    value: 'Origin',
    why: 'the headers depend on the Origin, so caches must key on it',
  };
  const actual: FixHeader[] = [
    acao,
    ...acac,
    ...(f.hiddenHeaders.length
      ? [
          {
            name: 'Access-Control-Expose-Headers',
            value: f.hiddenHeaders.join(', '),
            why: 'lets JavaScript read these response headers',
          },
        ]
      : []),
    vary,
  ];
  if (!preflight) return { preflight: [], actual };
  return {
    preflight: [
      acao,
      ...acac,
      ...(isSafelistedMethod(method)
        ? []
        : [{ name: 'Access-Control-Allow-Methods', value: method, why: `${method} is not a CORS-safelisted method` }]),
      ...(f.requestHeaders.length
        ? [
            {
              name: 'Access-Control-Allow-Headers',
              value: f.requestHeaders.join(', '),
              why: 'these request headers are not CORS-safelisted',
            },
          ]
        : []),
      {
        name: 'Access-Control-Max-Age',
        value: String(MAX_AGE_SECONDS),
        why: 'caches the preflight for 10 minutes, so a corrected policy takes effect soon',
      },
      vary,
    ],
    actual,
  };
}

export function buildFix(f: FixInput): Fix {
  const detectedStacks = detectStacks(f.responses ?? []);
  const stacks = stackOrder(detectedStacks);
  const noServerChange = (note: string): Fix => ({
    preflightHeaders: [],
    responseHeaders: [],
    notes: [note],
    snippetInput: null,
    stacks,
    detectedStacks,
  });
  const pageSide = NOT_A_HEADER_PROBLEM[f.code];
  if (pageSide) return noServerChange(pageSide);

  const opaquePage = f.pageOrigin === 'null';
  if (opaquePage) {
    return noServerChange(
      "The page has an opaque origin (a sandboxed iframe, a data: or file: URL), so it sends Origin: null. 'Access-Control-Allow-Origin: null' would pass, but any sandboxed page anywhere can send Origin: null: serve the page from a real origin and allow-list that one.",
    );
  }

  const notes: string[] = [];
  // A tainting redirect turns the Origin into 'null'; allowing 'null' would let any sandboxed page in.
  const origin = f.origin === 'null' ? f.pageOrigin : f.origin;
  if (f.origin === 'null') {
    notes.push(
      `A redirect to another origin changed the Origin to 'null'. 'Access-Control-Allow-Origin: null' would pass but lets any sandboxed page read the response: request the final URL from ${f.pageOrigin} directly; these headers and snippets are for that request.`,
    );
  }
  const hint = serverHint(f);
  if (hint) notes.push(hint);
  const errorPath = errorPathNote(f, detectedStacks);
  if (errorPath) notes.push(errorPath);
  if (f.where === 'redirect')
    notes.push(
      'The redirect response itself must carry these headers: CORS has to run for the route that redirects, not only for the final one.',
    );
  if (isUnnormalizedLowercase(f.method)) {
    notes.push(
      `The page sends '${f.method}' in lower case; browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT, and Node's and nginx's HTTP parsers answer a lower-case method with 400. Send '${f.method.toUpperCase()}' from the page.`,
    );
  }
  if (f.credentials)
    notes.push(
      "With credentials, '*' is not allowed in Access-Control-Allow-Origin, -Headers, -Methods or -Expose-Headers: list each value.",
    );
  const preflight = f.preflightNeeded || PREFLIGHT_CODES.has(f.code);
  if (preflight && f.code !== 'PreflightInvalidStatus' && !PREFLIGHT_ACCESS_CODES.has(f.code)) {
    notes.push('Answer OPTIONS with 204 before authentication: preflights never carry cookies or Authorization.');
  }

  const headers = headersFor(f, origin, preflight);
  const method = normalizeMethod(f.method);
  return {
    preflightHeaders: headers.preflight,
    responseHeaders: headers.actual,
    notes,
    snippetInput: {
      origin,
      url: f.url,
      credentials: f.credentials,
      methods: isSafelistedMethod(method) ? [] : [method],
      headers: f.requestHeaders,
      expose: f.hiddenHeaders,
    },
    stacks,
    detectedStacks,
  };
}
