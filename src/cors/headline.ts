/**
 * The first line of an explanation: one plain sentence that names the cause and the header ("The
 * response has no Access-Control-Allow-Origin header"), where DevTools' Issues lead with a generic
 * title ("Ensure CORS response header values are valid") and leave the cause for the third line.
 *
 * And the most common CORS report of all, which is not a header problem: the server answered an
 * error (401, 404, 500, 502) from a path that never runs its CORS code, so the error response has
 * no CORS headers and the browser reports a CORS error. When that is what happened, it is said
 * first. Quoted values are cut: a header value can be a megabyte long.
 */
import type { CorsErrorCode } from './reason-codes.ts';
import type { Reason, Verdict } from './types.ts';

export interface HeadlineInput {
  /** `pending`: still in flight (readers show live requests so). */
  verdict: Verdict | 'pending';
  reason: Pick<Reason, 'code' | 'failedParameter' | 'where'> | null;
  /** The engine's sentence for a failure outside CORS. */
  failure: string | null;
  /** The origin the failing response was checked against (`null` after a tainting redirect). */
  origin: string | null;
  /**
   * The status of the response the reason is about: the preflight's for a preflight reason, the
   * redirect's for a redirect reason, else the final response's; null when none arrived.
   */
  status: number | null;
  /** Whether that response carried any Access-Control-Allow-* header. */
  corsHeaders: boolean;
}

/** The server answered an error, and that error is what the browser reports as a CORS error. */
export interface ServerFailure {
  status: number;
  /** The error was the preflight's answer. */
  preflight: boolean;
  sentence: string;
  advice: string;
}

export interface Headline {
  sentence: string;
  serverFailure: ServerFailure | null;
}

const QUOTE_LIMIT = 60;

/** A value quoted for a sentence, cut when long (with its length, so nothing is hidden silently). */
export function quoted(value: string): string {
  return value.length > QUOTE_LIMIT
    ? `'${value.slice(0, QUOTE_LIMIT)}…' (${value.length.toLocaleString('en-US')} characters)`
    : `'${value}'`;
}

const SUBJECTS: Record<Reason['where'], string> = {
  response: 'The response',
  preflight: 'The preflight (OPTIONS) response',
  redirect: 'The redirect response',
  request: 'The request',
};

type Sentence = (subject: string, i: HeadlineInput & { reason: NonNullable<HeadlineInput['reason']> }) => string;

const missing: Sentence = (s) => `${s} has no Access-Control-Allow-Origin header.`;
const multiple: Sentence = (s, i) =>
  `${s} has more than one Access-Control-Allow-Origin value (${quoted(i.reason.failedParameter)}); it must have exactly one.`;
const invalid: Sentence = (s, i) =>
  `${s} has Access-Control-Allow-Origin ${quoted(i.reason.failedParameter)}, which is not a valid origin.`;
const mismatch: Sentence = (s, i) =>
  `${s} allows the origin ${quoted(i.reason.failedParameter)}, not ${i.origin === 'null' ? "the request's origin 'null' (a redirect changed it)" : `this page's origin ${quoted(i.origin ?? '')}`}.`;
const wildcard: Sentence = (s) => `${s} allows any origin ('*'), which a request with credentials may not use.`;
const credentials: Sentence = (s, i) =>
  `${s} does not allow credentials: Access-Control-Allow-Credentials is ${i.reason.failedParameter === '' ? 'missing' : quoted(i.reason.failedParameter)}, not 'true'.`;

const SENTENCES = {
  MissingAllowOriginHeader: missing,
  PreflightMissingAllowOriginHeader: missing,
  MultipleAllowOriginValues: multiple,
  PreflightMultipleAllowOriginValues: multiple,
  InvalidAllowOriginValue: invalid,
  PreflightInvalidAllowOriginValue: invalid,
  AllowOriginMismatch: mismatch,
  PreflightAllowOriginMismatch: mismatch,
  WildcardOriginNotAllowed: wildcard,
  PreflightWildcardOriginNotAllowed: wildcard,
  InvalidAllowCredentials: credentials,
  PreflightInvalidAllowCredentials: credentials,
  PreflightInvalidStatus: (_s, i) =>
    `The preflight (OPTIONS) was answered with ${i.status ?? 'an error'}, not with a 2xx status.`,
  PreflightDisallowedRedirect: () =>
    'The preflight (OPTIONS) was answered with a redirect, which a preflight may not follow.',
  InvalidResponse: () => 'The preflight (OPTIONS) failed before any response arrived.',
  MethodDisallowedByPreflightResponse: (_s, i) =>
    `The preflight response does not allow the method ${quoted(i.reason.failedParameter)} (Access-Control-Allow-Methods).`,
  HeaderDisallowedByPreflightResponse: (_s, i) =>
    `The preflight response does not allow the request header ${quoted(i.reason.failedParameter)} (Access-Control-Allow-Headers).`,
  InvalidAllowMethodsPreflightResponse: () =>
    "The preflight response's Access-Control-Allow-Methods cannot be parsed as a list of methods.",
  InvalidAllowHeadersPreflightResponse: () =>
    "The preflight response's Access-Control-Allow-Headers cannot be parsed as a list of header names.",
  RedirectContainsCredentials: () => 'The request was redirected to a URL with a user name or password in it.',
  DisallowedByMode: () => "A mode: 'same-origin' request went to another origin.",
  CorsDisabledScheme: (_s, i) =>
    `The URL's scheme${i.reason.failedParameter ? ` (${quoted(`${i.reason.failedParameter}:`)})` : ''} cannot be used with CORS.`,
  NoCorsRedirectModeNotFollow: () => "A mode: 'no-cors' request must follow redirects (redirect: 'follow').",
  PreflightMissingAllowExternal: () =>
    'The preflight response lacks Access-Control-Allow-External (an obsolete private-network check).',
  PreflightInvalidAllowExternal: () =>
    "The preflight response's Access-Control-Allow-External is not 'true' (an obsolete private-network check).",
  InsecureLocalNetwork: () => 'A page that is not a secure context asked for a more private network address.',
  InvalidLocalNetworkAccess: () => "The request's targetAddressSpace does not match the server's address space.",
  LocalNetworkAccessPermissionDenied: () => 'The user has not allowed this site to reach the local network.',
} satisfies Record<CorsErrorCode, Sentence>;

const NOT_BLOCKED: Record<Exclude<HeadlineInput['verdict'], 'blocked' | 'failed'>, string> = {
  allowed: "The page's JavaScript can read this response.",
  opaque: 'A no-cors request: JavaScript gets an opaque response (status 0, no headers, no body).',
  'not-cors': 'CORS does not apply to this request.',
  unfinished: 'The end of this request was not seen, so there is no verdict.',
  pending: 'Waiting for the response…',
};

const OUTERMOST =
  'Make CORS the outermost layer — before authentication, routing and error handling — so that 401, 404 and 500 responses pass through it too; the fix below shows where it goes.';
const ANSWER_OPTIONS_FIRST =
  'Let the CORS layer answer OPTIONS itself with 204, before authentication and the route’s own handler can fail it.';

/** An error status that is itself why the read failed, or null. */
export function serverFailure(i: HeadlineInput): ServerFailure | null {
  const where = i.reason?.where;
  if (i.verdict !== 'blocked' || i.status === null || i.status < 400 || (where !== 'response' && where !== 'preflight'))
    return null;
  const preflight = where === 'preflight';
  if (!i.corsHeaders) {
    const sentence = preflight
      ? `The server answered the preflight (OPTIONS) with ${i.status} and no CORS headers: something before your CORS code (authentication, a router without an OPTIONS route, a proxy) answered it — fix that, and answer OPTIONS with the CORS headers first.`
      : `The server answered ${i.status}; its error responses carry no CORS headers — fix the error, and make the error path send the same CORS headers.`;
    return { status: i.status, preflight, sentence, advice: OUTERMOST };
  }
  if (i.reason?.code !== 'PreflightInvalidStatus') return null;
  return {
    status: i.status,
    preflight,
    sentence: `The server answered the preflight (OPTIONS) with ${i.status}: a preflight needs a 2xx status, whatever CORS headers it carries — fix the error on OPTIONS.`,
    advice: ANSWER_OPTIONS_FIRST,
  };
}

export function headline(i: HeadlineInput): Headline {
  const failure = serverFailure(i);
  if (failure) return { sentence: failure.sentence, serverFailure: failure };
  if (i.verdict === 'blocked' && i.reason) {
    const write: Sentence = SENTENCES[i.reason.code];
    return { sentence: write(SUBJECTS[i.reason.where], { ...i, reason: i.reason }), serverFailure: null };
  }
  if (i.verdict === 'blocked') return { sentence: 'The browser blocked the read.', serverFailure: null };
  if (i.verdict === 'failed')
    return { sentence: i.failure ?? 'The request failed before CORS could decide.', serverFailure: null };
  return { sentence: NOT_BLOCKED[i.verdict], serverFailure: null };
}
