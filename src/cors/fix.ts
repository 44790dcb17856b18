/**
 * The fix: the minimal response headers that, sent by the server, make this exact request pass,
 * split into the preflight's and the actual response's, plus server snippets and notes.
 */
import { isSafelistedMethod, isUnnormalizedLowercase, normalizeMethod } from './methods.ts';
import type { CorsErrorCode } from './reason-codes.ts';
import { buildSnippets } from './snippets.ts';
import type { Fix, FixHeader } from './types.ts';

export interface FixInput {
  code: CorsErrorCode;
  /** The origin the failing response was checked against. */
  origin: string;
  /** The page's own origin (differs from `origin` after a tainting redirect). */
  pageOrigin: string;
  url: string;
  method: string;
  requestHeaders: string[];
  credentials: boolean;
  preflightNeeded: boolean;
  /** Response headers the page may want to read but cannot (hidden by the CORS filter). */
  hiddenHeaders: string[];
}

/** Codes no response header can fix: the page, the URL or a user permission must change. */
const NOT_A_HEADER_PROBLEM: Partial<Record<CorsErrorCode, string>> = {
  DisallowedByMode: "Use mode: 'cors' (the default) for this cross-origin request.",
  CorsDisabledScheme: 'Request an http(s) URL; other schemes cannot take part in CORS.',
  NoCorsRedirectModeNotFollow: "Drop redirect: 'manual'/'error' from this no-cors request, or use mode: 'cors'.",
  RedirectContainsCredentials: 'Make the server redirect to a Location without user:password@.',
  PreflightDisallowedRedirect: 'Request the final URL directly: preflights cannot follow redirects (often http→https or a missing trailing slash).',
  LocalNetworkAccessPermissionDenied: 'This is a browser permission (Local Network Access), not a header: the user must allow it.',
  InsecureLocalNetwork: 'Serve the page over https so Local Network Access can be granted.',
  InvalidLocalNetworkAccess: 'Fix or remove targetAddressSpace on the request.',
};

export function buildFix(f: FixInput): Fix {
  const notes: string[] = [];
  const method = normalizeMethod(f.method);
  const methods = isSafelistedMethod(method) ? [] : [method];
  const actual: FixHeader[] = [
    { name: 'Access-Control-Allow-Origin', value: f.origin, why: `the exact origin${f.origin === 'null' ? " ('null' because a redirect tainted it)" : ''}, from an allow-list` },
    ...(f.credentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true', why: 'the request carries credentials' }] : []),
    ...(f.hiddenHeaders.length ? [{ name: 'Access-Control-Expose-Headers', value: f.hiddenHeaders.join(', '), why: 'lets JavaScript read these response headers' }] : []),
    { name: 'Vary', value: 'Origin', why: 'ACAO depends on the Origin, so caches must key on it' },
  ];
  const preflight: FixHeader[] = f.preflightNeeded
    ? [
        actual[0]!,
        ...(f.credentials ? [actual[1]!] : []),
        ...(methods.length ? [{ name: 'Access-Control-Allow-Methods', value: methods.join(', '), why: `${method} is not a CORS-safelisted method` }] : []),
        ...(f.requestHeaders.length ? [{ name: 'Access-Control-Allow-Headers', value: f.requestHeaders.join(', '), why: 'these request headers are not CORS-safelisted' }] : []),
        { name: 'Vary', value: 'Origin', why: 'ACAO depends on the Origin' },
      ]
    : [];
  const pageSide = NOT_A_HEADER_PROBLEM[f.code];
  if (pageSide) notes.push(pageSide);
  if (f.origin === 'null' && f.pageOrigin !== 'null') {
    notes.push(`A cross-origin redirect changed the Origin to 'null'. Prefer requesting the final URL from ${f.pageOrigin} directly over allowing 'null' (any sandboxed page can send Origin: null).`);
  }
  if (isUnnormalizedLowercase(f.method)) {
    notes.push(`The page sends '${f.method}' in lower case; browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT. Send '${f.method.toUpperCase()}' from the page.`);
  }
  if (f.credentials) notes.push("With credentials, '*' is not allowed in Access-Control-Allow-Origin, -Headers, -Methods or -Expose-Headers: list each value.");
  if (f.preflightNeeded) notes.push('Answer OPTIONS with 204 before authentication: preflights never carry cookies or Authorization.');
  const snippets = buildSnippets({
    origin: f.origin,
    url: f.url,
    credentials: f.credentials,
    methods,
    headers: f.requestHeaders,
    expose: f.hiddenHeaders,
    preflight: f.preflightNeeded,
  });
  return {
    preflightHeaders: pageSide ? [] : preflight,
    responseHeaders: pageSide ? [] : actual,
    snippets,
    notes,
  };
}
