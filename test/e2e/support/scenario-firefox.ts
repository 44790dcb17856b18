/**
 * What Firefox ESR did for each scenario of the table, one entry per call: its verdict and its first
 * "Cross-Origin Request Blocked" console message. Recorded, not written by hand: run
 * `RECORD_FIREFOX_RESULTS=1 npx vitest run --project firefox` after `npm run build` (firefox-results.ts).
 */
import type { FirefoxResult } from './firefox-results.ts';

export const FIREFOX_RESULTS: Record<string, FirefoxResult[]> = {
  'acao-exact': [{ verdict: 'allowed' }],
  'acao-star': [{ verdict: 'allowed' }],
  'acao-star-padded': [{ verdict: 'allowed' }],
  'acao-missing': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    },
  ],
  'acao-trailing-slash': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{page}/’).',
    },
  ],
  'acao-scheme-case': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘HTTP://{page-host}’).',
    },
  ],
  'acao-other-port': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://127.0.0.1:1’).',
    },
  ],
  'acao-https': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://{page-host}’).',
    },
  ],
  'acao-null-top': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘null’).',
    },
  ],
  'acao-with-path': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{page}/app’).',
    },
  ],
  'acao-two-headers': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).',
    },
  ],
  'acao-comma-list': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{page}, http://example.test’).',
    },
  ],
  'acao-not-url': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘not-an-origin’).',
    },
  ],
  'acao-empty': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘’).',
    },
  ],
  'status-404-no-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.',
    },
  ],
  'status-404-acao': [{ verdict: 'allowed' }],
  'status-500-no-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500.',
    },
  ],
  'post-text-plain': [{ verdict: 'allowed' }],
  'head-simple': [{ verdict: 'allowed' }],
  'same-origin-no-acao': [{ verdict: 'not-cors' }],
  'cred-star-no-cookie': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{api}{base}/r’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    },
  ],
  'cred-star-cookie': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{api2}{base}/r’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    },
  ],
  'cred-acac-True': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).',
    },
  ],
  'cred-acac-absent': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).',
    },
  ],
  'cred-ok-cookie': [{ verdict: 'allowed' }],
  'cred-same-origin-star': [{ verdict: 'allowed' }],
  'xhr-allowed': [{ verdict: 'allowed' }],
  'xhr-missing': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    },
  ],
  'xhr-with-credentials-star': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{api}{base}/r’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    },
  ],
  'xhr-with-credentials-ok': [{ verdict: 'allowed' }],
  'sandbox-star': [{ verdict: 'allowed' }],
  'sandbox-null': [{ verdict: 'allowed' }],
  'sandbox-page-origin': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{page}’).',
    },
  ],
  'sandbox-missing': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    },
  ],
  'sandbox-cred-null': [{ verdict: 'allowed' }],
  'sandbox-put-preflight-null': [{ verdict: 'allowed' }],
  'xhr-put-preflight': [{ verdict: 'allowed' }],
  'sandbox-cred-star': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{api}{base}/r’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    },
  ],
  'put-ok': [{ verdict: 'allowed' }],
  'put-acao-star': [{ verdict: 'allowed' }],
  'put-actual-missing-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    },
  ],
  'pf-missing-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.',
    },
  ],
  'pf-acao-mismatch': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://127.0.0.1:1’).',
    },
  ],
  'pf-acao-multiple': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).',
    },
  ],
  'pf-acao-invalid': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘nope’).',
    },
  ],
  'pf-cred-star': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{api2}{base}/r’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    },
  ],
  'pf-cred-acac-absent': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api2}{base}/r. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).',
    },
  ],
  'pf-cred-ok': [{ verdict: 'allowed' }],
  'pf-status-500-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS preflight response did not succeed). Status code: 500.',
    },
  ],
  'pf-status-500-no-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500.',
    },
  ],
  'pf-status-404-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS preflight response did not succeed). Status code: 404.',
    },
  ],
  'pf-status-200': [{ verdict: 'allowed' }],
  'pf-redirect-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS request external redirect not allowed).',
    },
  ],
  'pf-redirect-no-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 302.',
    },
  ],
  'acam-absent': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'acam-lower-put': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'patch-lower-acam-upper': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'patch-lower-acam-lower': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 400.',
    },
  ],
  'patch-upper-acam-lower': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'delete-lower': [{ verdict: 'allowed' }],
  'acam-star': [{ verdict: 'allowed' }],
  'acam-double-comma': [{ verdict: 'allowed' }],
  'acam-empty': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'acam-quoted': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: invalid token ‘"PUT"’ in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'acam-space-inside': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: invalid token ‘PUT DELETE’ in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'acam-other-method': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'acam-star-credentials': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api2}{base}/r. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    },
  ],
  'acah-absent': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: header ‘x-custom’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'acah-two-missing': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: header ‘x-alpha’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'acah-two-missing-in-order': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: header ‘x-alpha’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'acah-one-of-two': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: header ‘x-zeta’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'acah-listed-case': [{ verdict: 'allowed' }],
  'acah-star': [{ verdict: 'allowed' }],
  'acah-star-credentials': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api2}{base}/r. (Reason: header ‘x-custom’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'acah-star-authorization': [{ verdict: 'allowed' }],
  'acah-authorization-listed': [{ verdict: 'allowed' }],
  'acah-star-and-authorization': [{ verdict: 'allowed' }],
  'acah-empty-items': [{ verdict: 'allowed' }],
  'acah-quoted': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: invalid token ‘"x-custom"’ in CORS header ‘Access-Control-Allow-Headers’).',
    },
  ],
  'acah-colon': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: invalid token ‘x-custom:’ in CORS header ‘Access-Control-Allow-Headers’).',
    },
  ],
  'acah-empty': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: header ‘x-custom’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'json-no-acah': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: header ‘content-type’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'json-acah': [{ verdict: 'allowed' }],
  'sl-text-plain-charset': [{ verdict: 'allowed' }],
  'sl-form-urlencoded': [{ verdict: 'allowed' }],
  'sl-multipart': [{ verdict: 'allowed' }],
  'sl-content-type-essence-case': [{ verdict: 'allowed' }],
  'sl-content-type-unsafe-byte': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-content-type-json': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-accept-128': [{ verdict: 'allowed' }],
  'sl-accept-129': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-accept-unsafe-byte': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-accept-language-ok': [{ verdict: 'allowed' }],
  'sl-accept-language-bad': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-content-language-ok': [{ verdict: 'allowed' }],
  'sl-content-language-bad': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-range-open': [{ verdict: 'allowed' }],
  'sl-range-closed': [{ verdict: 'allowed' }],
  'sl-range-suffix': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-range-multi': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-range-uppercase': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-range-reversed': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-custom-header': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-client-hint-dpr': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-client-hint-dpr-bad': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-client-hint-save-data': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-client-hint-width': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-client-hint-ect': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-client-hint-downlink-bad': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-intervention': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-total-1024': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-total-1025': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-put': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-post-lower': [{ verdict: 'allowed' }],
  'sl-xhr-upload-listener': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 405.',
    },
  ],
  'sl-xhr-no-upload-listener': [{ verdict: 'allowed' }],
  'sl-xhr-upload-listener-ok': [{ verdict: 'allowed' }],
  'rd-same-origin-ok': [{ verdict: 'allowed' }],
  'rd-3xx-no-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/a. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 302.',
    },
  ],
  'rd-3xx-acao-mismatch': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/a. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://127.0.0.1:1’).',
    },
  ],
  'rd-target-no-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/b. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    },
  ],
  'rd-taint-target-page': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api2}{base}/b. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{page}’).',
    },
  ],
  'rd-taint-target-null': [{ verdict: 'allowed' }],
  'rd-taint-target-star': [{ verdict: 'allowed' }],
  'rd-taint-target-reflect': [{ verdict: 'allowed' }],
  'rd-back-to-page-origin': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {page}{base}/b. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    },
  ],
  'rd-same-origin-first': [{ verdict: 'allowed' }],
  'rd-same-origin-first-missing': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/b. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    },
  ],
  'rd-307': [{ verdict: 'allowed' }],
  'rd-taint-credentials-null': [{ verdict: 'allowed' }],
  'rd-taint-credentials-star': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{api2}{base}/b’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    },
  ],
  'rd-userinfo': [
    {
      verdict: 'failed',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/a. (Reason: CORS request did not succeed). Status code: (null).',
    },
  ],
  'rd-userinfo-same-origin': [
    {
      verdict: 'failed',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/a. (Reason: CORS request did not succeed). Status code: (null).',
    },
  ],
  'rd-to-mailto': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at mailto:a@example.com. (Reason: CORS request not http).',
    },
  ],
  'rd-to-data-url': [
    {
      verdict: 'failed',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/a. (Reason: CORS request did not succeed). Status code: (null).',
    },
  ],
  'rd-20-hops': [{ verdict: 'allowed' }],
  'rd-21-hops': [
    {
      verdict: 'failed',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/h20. (Reason: CORS request did not succeed). Status code: (null).',
    },
  ],
  'rd-put-preflight-each-url': [{ verdict: 'allowed' }],
  'rd-put-second-preflight-fails': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/b. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.',
    },
  ],
  'ex-default': [{ verdict: 'allowed' }],
  'ex-listed': [{ verdict: 'allowed' }],
  'ex-star': [{ verdict: 'allowed' }],
  'ex-star-credentials': [{ verdict: 'allowed' }],
  'ex-listed-credentials': [{ verdict: 'allowed' }],
  'ex-set-cookie': [{ verdict: 'allowed' }],
  'cache-max-age-hit': [{ verdict: 'allowed' }, { verdict: 'allowed' }],
  'cache-max-age-zero': [{ verdict: 'allowed' }, { verdict: 'allowed' }],
  'cache-header-not-covered': [
    { verdict: 'allowed' },
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: header ‘x-custom’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    },
  ],
  'concurrent-identical': [{ verdict: 'allowed' }, { verdict: 'allowed' }],
  'no-cors-opaque': [{ verdict: 'opaque' }],
  'no-cors-with-acao': [{ verdict: 'opaque' }],
  'no-cors-redirect': [{ verdict: 'opaque' }],
  'no-cors-post': [{ verdict: 'opaque' }],
  'status-304-no-acao': [
    {
      verdict: 'blocked',
      message:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {api}{base}/r. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 304.',
    },
  ],
  'status-304-acao': [{ verdict: 'allowed' }],
};
