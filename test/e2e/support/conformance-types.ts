/**
 * The conformance corpus's vocabulary: one call per case, made by the page exactly as declared,
 * against canned replies (scenario-types.ts Endpoint), with what Chromium 156 did when the case was
 * written. Unlike the matrix, calls may be refused before any request exists, use non-http(s) URLs
 * and blob: URLs, and be same-origin (which the extension may leave out, issue item 10).
 */
import type { ChromiumResult, Endpoint, HeaderList } from './scenario-types.ts';

export interface ConformanceCall {
  api: 'fetch' | 'xhr';
  /**
   * URL template (scenario-server.ts expandTemplate), or `blob:own` / `blob:revoked` for a blob:
   * URL the page creates (and revokes) just before the call.
   */
  url: string;
  method?: string;
  headers?: HeaderList;
  body?: string;
  mode?: 'cors' | 'no-cors' | 'same-origin';
  redirect?: 'follow' | 'error' | 'manual';
  /** XMLHttpRequest.open()'s user and password arguments. */
  xhrUser?: readonly [string, string];
}

export interface ConformanceCase {
  /** Unique; also the path prefix `/s/<id>/` of its endpoints. */
  id: string;
  /** The item of issue 14 ("Agree with Chromium on requests nobody here wrote") the case belongs to, 1–10. */
  item: number;
  description: string;
  endpoints?: Record<string, Endpoint>;
  call: ConformanceCall;
  chromium: ChromiumResult;
  /**
   * Whether the extension lists the call. Default: the call's URL is cross-origin. A same-origin
   * call that never leaves its origin may stay out (issue item 10); set this where the rule differs.
   */
  recorded?: boolean;
}
