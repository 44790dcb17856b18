/**
 * The engine's vocabulary: plain data in (what was observed on the wire), plain data out
 * (verdict, reason, trace, exposure, fix). Nothing here knows about browsers or UIs.
 */
import type { CorsErrorCode } from './reason-codes.ts';
import type { SnippetInput } from './snippets/common.ts';
import type { StackDetection } from './stack-detection.ts';
import type { StackId } from './stacks.ts';

/** One header as seen on the wire. Names keep their case; order is wire order. */
export interface Header {
  name: string;
  value: string;
}

export interface ObservedRequest {
  /** Method exactly as sent (case preserved: `patch` stays `patch`). */
  method: string;
  url: string;
  headers: Header[];
}

export interface ObservedResponse {
  status: number;
  statusLine?: string;
  headers: Header[];
  /**
   * The body's beginning, when the source saw it (HAR content, CDP); webRequest never does. Used
   * only to tell which server stack wrote an error (stack-detection.ts); a few KB are enough.
   */
  body?: string;
}

/** What the browser reported at the end of a request. */
export type BrowserOutcome =
  | { kind: 'completed' }
  | { kind: 'failed'; error: string }
  /** The end was not seen (still in flight, or its events were missed): the verdict is `unfinished` unless the headers already block. */
  | { kind: 'unknown' }
  /** No browser ran this (a probe, pasted headers, a what-if): judge the headers as the browser would. */
  | { kind: 'headers-only' };

export interface ObservedPreflight {
  request: ObservedRequest;
  /** Null when the preflight never got a response (network error). */
  response: ObservedResponse | null;
  outcome: BrowserOutcome;
  /** Set when the preflight itself was answered with a redirect. */
  redirectedTo?: string;
}

/** One redirect hop: the response that carried a Location, and the request that got it. */
export interface RedirectHop {
  /** The URL that answered with the redirect. */
  url: string;
  status: number;
  headers: Header[];
  /** Where it pointed, resolved. */
  location: string;
  /** Request headers sent to `location`, the next hop (they show the Origin after this redirect, e.g. `null`). */
  requestHeaders?: Header[];
}

export type CredentialsMode = 'omit' | 'same-origin' | 'include';
/** The page API that made a request (fetch and XMLHttpRequest treat some URLs differently). */
export type RequestApi = 'fetch' | 'xhr' | 'eventsource' | 'beacon';
export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate' | 'websocket';
export type BrowserProfile = 'chromium' | 'firefox';

/**
 * What a recording could not show, for inputs that are not webRequest's full view (HAR exports):
 * there a missing preflight, response or request header is no evidence that there was none. Each
 * field, when set, says why it is missing, in words the engine quotes.
 */
export interface RecordingGaps {
  /** Preflights are not recorded at all (Playwright's recordHar). */
  preflight?: string;
  /** This request's response was not recorded although one may have arrived (a failed request in Playwright's HAR). */
  response?: string;
  /** Only the headers the page set were recorded, not those the network stack adds (Origin, Cookie, Sec-Fetch-*). */
  requestHeaders?: string;
  /** The request's end was recorded but not whether the browser let the page read it (a Firefox HAR, a proxy's): the headers decide. */
  outcome?: string;
}

/** Everything known about one exchange. Only `request` and `outcome` are required. */
export interface ObservedExchange {
  /** Serialized initiator origin, `"null"` for opaque origins, undefined when not known. */
  initiator?: string;
  /** Where `initiator` was learned, quoted in the trace (default: "initiator"). */
  initiatorSource?: string;
  /** The request as first sent (first hop). */
  request: ObservedRequest;
  preflight?: ObservedPreflight | null;
  redirects?: RedirectHop[];
  /** The final response (after redirects), or null when none arrived. */
  response?: ObservedResponse | null;
  outcome: BrowserOutcome;
  /** Known only from a page-side observer; webRequest cannot see it. */
  credentials?: CredentialsMode;
  /** Known from `Sec-Fetch-Mode` when sent, or from a page-side observer. */
  mode?: RequestMode;
  /** Where `mode` was learned, quoted in the trace (default: "reported by the page"). */
  modeSource?: string;
  /** The capture layer's knowledge that a needed preflight came from the cache. */
  preflightCached?: boolean;
  /** An XHR upload listener or a streaming body forces a preflight (page-side only). */
  forcedPreflight?: boolean;
  /** Which browser's rules to apply. Default chromium. */
  browser?: BrowserProfile;
  /** Redirect mode, known only from a page-side observer. */
  redirectMode?: 'follow' | 'error' | 'manual';
  /**
   * What captured the exchange ('webRequest' when absent): named where the engine says what could
   * not be seen, since each capture layer is blind to different things.
   */
  observer?: string;
  /** Where `mode`, `credentials` and `redirectMode` came from when given ('reported by the page' when absent). */
  hintsFrom?: string;
  /** What the recording left out (unset: webRequest's complete view). */
  gaps?: RecordingGaps;
  /** The page API that made the request, known only from a page-side observer. */
  api?: RequestApi;
  /** The page's Content-Security-Policy refused the request (a securitypolicyviolation the page-side observer saw). */
  cspViolation?: { directive: string };
}

/** `unfinished`: the request's end was not seen (still in flight, or its last events were missed). */
export type Verdict = 'allowed' | 'blocked' | 'opaque' | 'not-cors' | 'failed' | 'unfinished';
export type Confidence = 'certain' | 'inferred' | 'unknown';

export interface Reason {
  code: CorsErrorCode;
  /** Chromium's failedParameter: the offending value, method or lower-cased header name, else "". */
  failedParameter: string;
  /** The header the problem is about (e.g. `Access-Control-Allow-Origin`), or null. */
  header: string | null;
  /** Which response carried the problem. */
  where: 'preflight' | 'response' | 'redirect' | 'request';
  title: string;
  /** "… was blocked because …" */
  explanation: string;
  /** "To fix this, …" */
  howToFix: string;
  /** Firefox's console "Reason:" for the same failure, or null where Firefox has none. */
  firefoxReason: string | null;
  /** The console message Chromium prints. */
  consoleMessage: string;
  confidence: Confidence;
  assumptions: string[];
}

/** A reason that remains possible when the browser blocked a read but the recording lacks the headers that would name it. */
export interface PossibleReason {
  code: CorsErrorCode;
  /** The failed parameter this candidate would carry when it is known from the request (a method or header name), else "". */
  failedParameter: string;
  where: Reason['where'];
}

export interface TraceStep {
  /** Stable id of the rule, e.g. `acao-present`. */
  rule: string;
  /** What was checked, in words. */
  title: string;
  result: 'pass' | 'fail' | 'skip' | 'info';
  /** The bytes that decided it. */
  detail: string;
  /** True on the step that decided the verdict. */
  decisive?: boolean;
  /** Fetch standard anchor. */
  spec?: string;
}

export interface PreflightCause {
  kind:
    | 'method'
    | 'method-case'
    | 'header-name'
    | 'header-value-length'
    | 'header-value-byte'
    | 'content-type'
    | 'range'
    | 'language'
    | 'total-size'
    | 'authorization'
    | 'forced';
  /** Lower-cased header name or the method. */
  subject: string;
  detail: string;
}

export interface PreflightAnalysis {
  needed: boolean;
  because: PreflightCause[];
  /** The exact Access-Control-Request-Headers value the browser would send ("" when none). */
  requestHeaders: string;
  seen: boolean;
  /** A needed preflight that did not appear: the browser used its preflight cache. */
  cached: boolean;
  /** Effective max-age in seconds Chromium would cache this preflight for. */
  maxAgeSeconds: number | null;
  summary: string;
}

export interface Exposure {
  readable: string[];
  hidden: { name: string; why: string }[];
}

export interface FixHeader extends Header {
  why: string;
}

export interface Fix {
  preflightHeaders: FixHeader[];
  responseHeaders: FixHeader[];
  notes: string[];
  /**
   * What the server snippets are written from (render them with renderSnippets()); null when no
   * server change helps, and `notes` say what does.
   */
  snippetInput: SnippetInput | null;
  /** Every stack with a snippet, in the order to offer them: the detected ones first. */
  stacks: StackId[];
  /** What the responses say about the server stack, most likely first, with the evidence; [] when nothing did. */
  detectedStacks: StackDetection[];
}

export type Severity = 'high' | 'medium' | 'low' | 'info';

/** A misconfiguration seen on an exchange, whatever the verdict (CORS is not server security). */
export interface Finding {
  /** Stable identifier, e.g. `origin-reflected`. */
  code: string;
  severity: Severity;
  /** One sentence. */
  message: string;
  evidence: { header: string; value: string }[];
  fix: string;
}

export interface Evaluation {
  verdict: Verdict;
  reason: Reason | null;
  /** Why the verdict is `failed`, for non-CORS failures. */
  failure: string | null;
  /** Blocked with no `reason` (the recording lacks the evidence): the reasons still possible. Absent otherwise. */
  possibleReasons?: PossibleReason[];
  trace: TraceStep[];
  preflight: PreflightAnalysis;
  exposure: Exposure;
  fix: Fix | null;
  confidence: Confidence;
  assumptions: string[];
  /** Where another browser (or the spec) would decide differently. */
  browserNotes: string[];
  /** The origin the final hop was checked against (`null` after a tainting redirect). */
  effectiveOrigin: string | null;
  credentials: { mode: CredentialsMode | 'unknown'; source: string };
  mode: { mode: RequestMode | 'unknown'; source: string };
  /** Misconfigurations visible on this exchange alone (session-wide ones are added by the caller). */
  findings: Finding[];
}
