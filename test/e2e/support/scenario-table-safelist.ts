/**
 * Which requests Chromium preflights (Fetch "CORS-safelisted request-header", method, the
 * use-CORS-preflight flag). The endpoint refuses every preflight (405, no CORS headers) and allows
 * the actual request, so Chromium's verdict itself says whether a preflight was sent.
 */
import {
  ACAO_PAGE,
  ALLOWED,
  API_R,
  acao,
  blocked,
  fetchCall,
  ok,
  preflightOk,
  safelistedTotalling,
  xhrCall,
} from './scenario-builders.ts';
import type { HeaderList, PageCall, Scenario } from './scenario-types.ts';

/** What Chromium reports when it sends a preflight to an endpoint that refuses it. */
const PREFLIGHTED = blocked('PreflightMissingAllowOriginHeader');

const probe = (id: string, description: string, call: PageCall, preflighted: boolean): Scenario => ({
  id,
  description,
  endpoints: { r: { actual: ok(acao('*')) } },
  calls: [call],
  chromium: preflighted ? PREFLIGHTED : ALLOWED,
});
const withHeaders = (id: string, description: string, headers: HeaderList, preflighted: boolean): Scenario =>
  probe(id, description, fetchCall(API_R, { headers }), preflighted);

const bytes = (n: number) => 'a'.repeat(n);

export const SAFELIST_SCENARIOS: Scenario[] = [
  withHeaders(
    'sl-text-plain-charset',
    'Content-Type text/plain;charset=utf-8 (parameters allowed)',
    [['Content-Type', 'text/plain;charset=utf-8']],
    false,
  ),
  withHeaders(
    'sl-form-urlencoded',
    'Content-Type application/x-www-form-urlencoded',
    [['Content-Type', 'application/x-www-form-urlencoded']],
    false,
  ),
  withHeaders(
    'sl-multipart',
    'Content-Type multipart/form-data with a boundary',
    [['Content-Type', 'multipart/form-data; boundary=x']],
    false,
  ),
  withHeaders(
    'sl-content-type-essence-case',
    'Content-Type TEXT/PLAIN (essence compared case-insensitively)',
    [['Content-Type', 'TEXT/PLAIN']],
    false,
  ),
  withHeaders(
    'sl-content-type-unsafe-byte',
    'Content-Type with a quote (CORS-unsafe byte)',
    [['Content-Type', 'text/plain; a="b"']],
    true,
  ),
  withHeaders('sl-content-type-json', 'Content-Type application/json', [['Content-Type', 'application/json']], true),
  withHeaders('sl-accept-128', 'Accept of exactly 128 bytes', [['Accept', bytes(128)]], false),
  withHeaders('sl-accept-129', 'Accept of 129 bytes', [['Accept', bytes(129)]], true),
  withHeaders('sl-accept-unsafe-byte', "Accept with '(' (CORS-unsafe byte)", [['Accept', 'text/(html']], true),
  withHeaders(
    'sl-accept-language-ok',
    'Accept-Language de-DE, en;q=0.5',
    [['Accept-Language', 'de-DE, en;q=0.5']],
    false,
  ),
  withHeaders(
    'sl-accept-language-bad',
    "Accept-Language with '_' (not in its byte set)",
    [['Accept-Language', 'en_US']],
    true,
  ),
  withHeaders('sl-content-language-ok', 'Content-Language de-DE', [['Content-Language', 'de-DE']], false),
  withHeaders('sl-content-language-bad', "Content-Language with '/'", [['Content-Language', 'de/DE']], true),
  withHeaders('sl-range-open', "Range 'bytes=0-'", [['Range', 'bytes=0-']], false),
  withHeaders('sl-range-closed', "Range 'bytes=0-99'", [['Range', 'bytes=0-99']], false),
  withHeaders('sl-range-suffix', "Range 'bytes=-500' (suffix ranges are not simple)", [['Range', 'bytes=-500']], true),
  withHeaders('sl-range-multi', "Range 'bytes=0-1,3-4' (one range only)", [['Range', 'bytes=0-1,3-4']], true),
  withHeaders('sl-range-uppercase', "Range 'Bytes=0-' (unit case)", [['Range', 'Bytes=0-']], true),
  withHeaders('sl-range-reversed', "Range 'bytes=5-2' (first > last)", [['Range', 'bytes=5-2']], true),
  withHeaders('sl-custom-header', 'a custom header', [['X-Requested-With', 'XMLHttpRequest']], true),
  withHeaders('sl-client-hint-dpr', "'DPR: 2' (a client hint Chromium safelists)", [['DPR', '2']], false),
  withHeaders('sl-client-hint-dpr-bad', "'DPR: two' (not a number)", [['DPR', 'two']], true),
  withHeaders('sl-client-hint-save-data', "'Save-Data: on'", [['Save-Data', 'on']], false),
  withHeaders('sl-client-hint-width', "'Width: 800'", [['Width', '800']], false),
  withHeaders('sl-client-hint-ect', "'ECT: 3g'", [['ECT', '3g']], false),
  withHeaders(
    'sl-client-hint-downlink-bad',
    "'Downlink: 1.' (a decimal needs digits after the dot)",
    [['Downlink', '1.']],
    true,
  ),
  withHeaders(
    'sl-intervention',
    "'Intervention: x' (Chromium safelists it, any value)",
    [['Intervention', 'x']],
    false,
  ),
  withHeaders(
    'sl-total-1024',
    'safelisted values totalling exactly 1024 bytes (the limit is > 1024)',
    safelistedTotalling(1024),
    false,
  ),
  withHeaders(
    'sl-total-1025',
    'safelisted values totalling 1025 bytes: all of them become CORS-unsafe',
    safelistedTotalling(1025),
    true,
  ),
  probe('sl-put', 'PUT is not a safelisted method', fetchCall(API_R, { method: 'PUT' }), true),
  probe('sl-post-lower', "'post' is normalized to POST", fetchCall(API_R, { method: 'post', body: 'x' }), false),
  probe(
    'sl-xhr-upload-listener',
    'XHR POST with an upload listener (use-CORS-preflight flag)',
    xhrCall(API_R, { method: 'POST', body: 'x', uploadListener: true }),
    true,
  ),
  probe(
    'sl-xhr-no-upload-listener',
    'XHR POST without an upload listener',
    xhrCall(API_R, { method: 'POST', body: 'x' }),
    false,
  ),
  {
    id: 'sl-xhr-upload-listener-ok',
    description: 'XHR POST with an upload listener, preflight answered',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE), actual: ok(ACAO_PAGE) } },
    calls: [xhrCall(API_R, { method: 'POST', body: 'x', uploadListener: true })],
    chromium: ALLOWED,
  },
];
