/**
 * Messages no local scenario can make a browser print, read from the browsers' source strings
 * with realistic values filled in where the source has a placeholder:
 * - Chromium: third_party/blink/renderer/platform/loader/cors/cors_error_string.cc
 *   (GetErrorStringForConsoleMessage; the Local Network Access era, the Private Network Access era,
 *   and the pre-2019 "Failed to load … is therefore not allowed access" form, quoted from public pastes);
 * - Firefox: dom/locales/en-US/chrome/security/security.properties (current, and the older wording
 *   still in UXP's copy: "preflight channel", "missing token", "Multiple CORS headers");
 * - Safari: WebKit's Source/WebCore/loader/CrossOriginAccessControl.cpp, CrossOriginPreflightResultCache.cpp,
 *   Source/WebKit/NetworkProcess/NetworkCORSPreflightChecker.cpp and NetworkLoadChecker.cpp, in
 *   Safari's console layout ("[Error] …", the reason before "… cannot load … due to access control checks.").
 */
import { describe, expect, it } from 'vitest';
import { explainConsoleText, type ConsoleDiagnosis } from '../../../src/cors/console-text/index.ts';
import { CORS_ERROR_CODES } from '../../../src/cors/reason-codes.ts';
import chromiumFixture from '../../fixtures/console-text/chromium.json';
import type { ChromiumConsoleFixture } from '../../support/console-fixture.ts';

const PAGE = 'http://localhost:3000';
const API = 'https://api.example.test/v1/items';
const one = (text: string): ConsoleDiagnosis => {
  const { diagnoses, unrecognised } = explainConsoleText(text);
  expect(unrecognised).toEqual([]);
  expect(diagnoses).toHaveLength(1);
  return diagnoses[0]!;
};
const brief = (d: ConsoleDiagnosis) => ({
  verdict: d.verdict,
  code: d.code,
  candidates: d.candidates,
  failedParameter: d.failedParameter,
});
const chromium = (reason: string, kind = 'fetch') =>
  `Access to ${kind} at '${API}' from origin '${PAGE}' has been blocked by CORS policy: ${reason}`;

/** Every sentence of cors_error_string.cc for a code the loopback matrix cannot produce. */
const UNPRODUCIBLE = [
  ['Cross origin requests are not allowed by request mode.', 'DisallowedByMode', null],
  ['The response is invalid.', 'InvalidResponse', null],
  [
    'The request client is not a secure context and the resource is in more-private address space `local`.',
    'InsecureLocalNetwork',
    null,
  ],
  [
    'Cross origin requests are only supported for protocol schemes: chrome-extension, data, http, https.',
    'CorsDisabledScheme',
    'https',
  ],
  [
    "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').",
    'PreflightMissingAllowExternal',
    null,
  ],
  [
    "Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of 'yes',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').",
    'PreflightInvalidAllowExternal',
    'yes',
  ],
  [
    'Request had a target IP address space of `local` yet the resource is in address space `loopback`.',
    'InvalidLocalNetworkAccess',
    null,
  ],
  [
    'Permission was denied for this request to access the `loopback` address space.',
    'LocalNetworkAccessPermissionDenied',
    null,
  ],
] as const;

describe('Chromium reasons the local matrix cannot produce (cors_error_string.cc)', () => {
  it.each(UNPRODUCIBLE)('%s', (reason, code, failedParameter) => {
    expect(brief(one(chromium(reason)))).toEqual({ verdict: 'blocked', code, candidates: [code], failedParameter });
  });

  it('with the recorded matrix, covers every CorsError that has a console sentence', () => {
    const recorded = (chromiumFixture as ChromiumConsoleFixture).scenarios.flatMap((x) =>
      x.calls.flatMap((c) => (c.corsError ? [c.corsError] : [])),
    );
    const read = new Set([...recorded, ...UNPRODUCIBLE.map(([, code]) => code)]);
    // NoCorsRedirectModeNotFollow is CDP-only: GetErrorStringForConsoleMessage has no case for it,
    // and fetch() rejects such a request in the renderer before any network request.
    expect(CORS_ERROR_CODES.filter((c) => !read.has(c))).toEqual(['NoCorsRedirectModeNotFollow']);
  });

  it('names the XHR credentials hint and the "no-cors" suggestion of older builds without changing the reading', () => {
    const xhr = one(
      chromium(
        "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.",
        'XMLHttpRequest',
      ),
    );
    expect([xhr.code, xhr.requestKind]).toEqual(['WildcardOriginNotAllowed', 'XMLHttpRequest']);
    const old = one(
      chromium(
        "No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
      ),
    );
    expect(old.code).toBe('MissingAllowOriginHeader');
  });

  it('decodes the \\uXXXX escapes Blink writes for control bytes in the quoted value', () => {
    const d = one(
      chromium("The 'Access-Control-Allow-Origin' header contains the invalid value 'http://localhost:3000\\u0009x'."),
    );
    expect([d.code, d.failedParameter]).toEqual(['InvalidAllowOriginValue', 'http://localhost:3000\tx']);
  });

  it('reads the Private Network Access era as legacy, with no current code', () => {
    const d = one(
      chromium(
        "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `local` address space.",
      ),
    );
    expect([d.verdict, d.code, d.candidates, d.title]).toEqual([
      'blocked',
      null,
      [],
      'Legacy Private Network Access check',
    ]);
  });

  // Real pastes of Chromium ≤ 72's wording, as they appear in public repositories' notes and comments.
  it.each([
    [
      "Failed to load https://cors.io/?http://dublincitynoise.sonitussystems.com/applications/api/dublinnoisedata.php?location=1: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:8000' is therefore not allowed access. The response had HTTP status code 503.",
      'MissingAllowOriginHeader',
      'http://localhost:8000',
      503,
    ],
    [
      "Failed to load http://localhost:5001/fir-express-graphql/us-central1/api: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access. The response had HTTP status code 405. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
      'PreflightMissingAllowOriginHeader',
      'http://localhost:3000',
      405,
    ],
    [
      "XMLHttpRequest cannot load https://identity.uk-1.cloud.global.fujitsu.com/v3/auth/tokens. Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'http://localhost:3000' is therefore not allowed access. The response had HTTP status code 404.",
      'PreflightMissingAllowOriginHeader',
      'http://localhost:3000',
      404,
    ],
    [
      "XMLHttpRequest cannot load https://api2.branch.io/v1/open. No 'Access-Control-Allow-Origin' header is present on the requested resource. Origin 'null' is therefore not allowed access. The response had HTTP status code 400.",
      'MissingAllowOriginHeader',
      'null',
      400,
    ],
  ])('%s', (text, code, origin, status) => {
    const d = one(text);
    expect([d.browser, d.code, d.origin, d.status]).toEqual(['chromium', code, origin, status]);
  });
});

describe('Firefox reasons the local matrix cannot produce (security.properties)', () => {
  const ff = (reason: string, at = API) =>
    `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${at}. (Reason: ${reason}).`;

  it('CORSDisabled: a preference, not a header', () => {
    const d = one(ff('CORS disabled'));
    expect([d.verdict, d.code, d.title]).toEqual(['blocked', null, 'CORS is disabled in this Firefox profile']);
  });

  it('CORSOriginHeaderNotAdded', () => {
    expect(one(ff('CORS header ‘Origin’ cannot be added')).title).toBe('Firefox could not add the Origin header');
  });

  it('CORSRequestNotHttp', () => {
    expect(brief(one(ff('CORS request not http', 'file:///home/me/data.json')))).toEqual({
      verdict: 'blocked',
      code: 'CorsDisabledScheme',
      candidates: ['CorsDisabledScheme'],
      failedParameter: null,
    });
  });

  it('CORSAllowHeaderFromPreflightDeprecation: allowed today, what Chromium already blocks', () => {
    const d = one(
      `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${API} soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`,
    );
    expect(brief(d)).toEqual({
      verdict: 'warning',
      code: 'HeaderDisallowedByPreflightResponse',
      candidates: ['HeaderDisallowedByPreflightResponse'],
      failedParameter: 'authorization',
    });
  });

  it.each([
    [
      'CORS preflight channel did not succeed',
      ['PreflightInvalidStatus', 'PreflightDisallowedRedirect', 'InvalidResponse'],
    ],
    [
      'missing token ‘x-custom’ in CORS header ‘Access-Control-Allow-Headers’ from CORS preflight channel',
      ['HeaderDisallowedByPreflightResponse'],
    ],
    [
      'Multiple CORS headers ‘Access-Control-Allow-Origin’ not allowed',
      ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
    ],
    [
      'CORS header ‘Access-Control-Allow-Origin’ missing',
      ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
    ],
  ])('the older wording: %s', (reason, candidates) => {
    expect(one(ff(reason)).candidates).toEqual(candidates);
  });
});

describe("Safari's messages (WebKit source strings)", () => {
  const safari = (reason: string, kind = 'Fetch API', url = API) =>
    [
      `[Error] ${reason}`,
      `[Error] ${kind} cannot load ${url} due to access control checks.`,
      `[Error] Failed to load resource: ${reason} (items, line 0)`,
    ].join('\n');

  it('joins the reason, the "cannot load" line and the "Failed to load resource" repeat into one failure', () => {
    const d = one(safari(`Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200`));
    expect(d.messages).toHaveLength(3);
    expect([d.browser, d.url, d.origin, d.status, d.requestKind]).toEqual(['webkit', API, PAGE, 200, 'Fetch API']);
    // One sentence for missing, another origin and an invalid value, on either response: all six fit.
    expect(d.code).toBeNull();
    expect(d.candidates).toEqual([
      'MissingAllowOriginHeader',
      'PreflightMissingAllowOriginHeader',
      'AllowOriginMismatch',
      'PreflightAllowOriginMismatch',
      'InvalidAllowOriginValue',
      'PreflightInvalidAllowOriginValue',
    ]);
    expect(d.howToFix).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
    expect(d.unknowns.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    [
      'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
      ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
      null,
    ],
    [
      'Access-Control-Allow-Origin cannot contain more than one origin.',
      ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
      null,
    ],
    [
      'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
      ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
      null,
    ],
    ['Preflight response is not successful. Status code: 403', ['PreflightInvalidStatus'], null],
    ['Preflight response is not successful', ['PreflightDisallowedRedirect', 'PreflightInvalidStatus'], null],
    ['Method PATCH is not allowed by Access-Control-Allow-Methods.', ['MethodDisallowedByPreflightResponse'], 'PATCH'],
    [
      'Request header field X-Api-Key is not allowed by Access-Control-Allow-Headers.',
      ['HeaderDisallowedByPreflightResponse'],
      'X-Api-Key',
    ],
    [
      'Header Access-Control-Allow-Methods has an invalid value: GET;POST',
      ['InvalidAllowMethodsPreflightResponse'],
      'GET;POST',
    ],
    [
      'Header Access-Control-Allow-Headers has an invalid value: "x-api-key"',
      ['InvalidAllowHeadersPreflightResponse'],
      '"x-api-key"',
    ],
  ] as const)('%s', (reason, candidates, failedParameter) => {
    const d = one(safari(reason));
    expect([d.candidates, d.failedParameter, d.url]).toEqual([candidates, failedParameter, API]);
  });

  it('reads a refused redirect, naming the redirect as the response to fix', () => {
    const d = one(
      `[Error] Cross-origin redirection to https://login.example.test/?next=%2F denied by Cross-Origin Resource Sharing policy: Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 302`,
    );
    expect([d.where, d.status]).toEqual(['redirect', 302]);
    expect(d.unknowns.some((u) => u.includes('https://login.example.test/?next=%2F'))).toBe(true);
    const creds = one(
      '[Error] Cross-origin redirection to https://u:p@api.example.test/ denied by Cross-Origin Resource Sharing policy: redirection URL https://u:p@api.example.test/ has credentials',
    );
    expect([creds.code, creds.failedParameter]).toEqual([
      'RedirectContainsCredentials',
      'https://u:p@api.example.test/',
    ]);
  });

  it('reads mode "same-origin" to another origin as DisallowedByMode', () => {
    const d = one(
      `[Error] Unsafe attempt to load URL ${API} from origin ${PAGE}. Domains, protocols and ports must match.`,
    );
    expect([d.code, d.url, d.origin]).toEqual(['DisallowedByMode', API, PAGE]);
  });

  it('says so when only the "cannot load" line was pasted', () => {
    const d = one(`[Error] XMLHttpRequest cannot load ${API} due to access control checks.`);
    expect([d.verdict, d.code, d.candidates, d.url]).toEqual(['blocked', null, [], API]);
    expect(d.howToFix).toMatch(/paste that message/);
  });
});
