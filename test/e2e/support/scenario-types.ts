/**
 * The end-to-end matrix's vocabulary: a scenario is plain data — what the server answers on each
 * path, what the page calls, and what Chromium did when we recorded it. Templates in URLs, header
 * values and Locations are expanded by scenario-server.ts (`{page}`, `{api}`, `{api2}`, their
 * `{…-host}` forms, `{base}` = the scenario's own path prefix, and `{origin}` = the request's
 * Origin header, for replies that reflect it).
 */

/** Header pairs in wire order; a name may repeat (two ACAO headers are two entries). */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/** A canned HTTP reply. */
export interface Reply {
  status: number;
  headers?: HeaderList;
  body?: string;
}

/** What one path under the scenario's base answers, on whichever origin it is asked. */
export interface Endpoint {
  /** The reply to OPTIONS. Omitted: 405 with no CORS headers, which fails any preflight. */
  preflight?: Reply;
  /** The reply to every other method. Omitted: 200 with no CORS headers. */
  actual?: Reply;
}

/** The page-side request, made with fetch() or XMLHttpRequest exactly as declared. */
export interface PageCall {
  api: 'fetch' | 'xhr';
  /** URL template, e.g. `{api}{base}/a`. */
  url: string;
  /** Sent as written: `patch` stays `patch`. Default GET. */
  method?: string;
  headers?: HeaderList;
  body?: string;
  /** fetch credentials; for XHR, `include` sets withCredentials. */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** fetch only. */
  mode?: 'cors' | 'no-cors' | 'same-origin';
  /** fetch only. */
  redirect?: 'follow' | 'error' | 'manual';
  /** XHR only: an upload progress listener, which forces a preflight (Fetch "use-CORS-preflight flag"). */
  uploadListener?: boolean;
}

/** What Chromium did, as recorded when the scenario was written (the matrix re-checks it every run). */
export type ChromiumResult =
  | { verdict: 'allowed' }
  | { verdict: 'not-cors' }
  | { verdict: 'opaque' }
  | { verdict: 'failed'; netError: string }
  | { verdict: 'blocked'; corsError: string; failedParameter?: string };

export interface Scenario {
  /** Unique; also the path prefix `/s/<id>/`, so every scenario has its own URLs (the preflight cache is per URL). */
  id: string;
  description: string;
  /** Where the call runs: the top page, a sandboxed iframe or a data: iframe (both opaque origins, `Origin: null`). */
  from?: 'top' | 'sandboxed-iframe' | 'data-iframe';
  /** Path name (under `/s/<id>/`) → what it answers. */
  endpoints: Record<string, Endpoint>;
  /** One or more calls; by default one after another. */
  calls: PageCall[];
  /** Start all calls at once (identical concurrent requests). */
  concurrent?: boolean;
  /** Before the call, store cookie `sid` for 127.0.0.1 (all ports) scoped to this scenario's path. */
  cookie?: boolean;
  /** Chromium's result: one for every call, or one per call. */
  chromium: ChromiumResult | ChromiumResult[];
  /**
   * Set when the wire headers cannot show why Chromium preflighted (a header the network stack may
   * also add itself, like If-None-Match): says why, and skips the "preflight need from the request
   * alone" comparison. The engine then relies on the preflight's Access-Control-Request-Headers.
   */
  preflightCauseHidden?: string;
}
