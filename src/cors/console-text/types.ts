/**
 * The console-text reader's vocabulary. A pasted console holds messages from one browser; each
 * CORS message is read into a `Reading`, related readings (Chromium's "net::ERR_FAILED" line,
 * Safari's "cannot load … due to access control checks" line) are joined, and every group becomes
 * one `ConsoleDiagnosis` in the engine's terms.
 */
import type { CorsErrorCode } from '../reason-codes.ts';
import type { Fix, Reason } from '../types.ts';

export type ConsoleBrowser = 'chromium' | 'firefox' | 'webkit';

/**
 * blocked: CORS refused the read; failed: a network failure (no CORS decision was made); warning:
 * allowed now, refused in a coming version; unknown: the messages show that the request failed
 * but not why (e.g. only "net::ERR_FAILED" or "TypeError: Failed to fetch").
 */
export type ConsoleVerdict = 'blocked' | 'failed' | 'warning' | 'unknown';

/** An explanation written for a message that names no single reason code. */
export interface CustomText {
  title: string;
  /** "… was blocked because <because>." */
  because: string;
  /** "To fix this, <fix>." */
  fix: string;
}

/** What one console message says, before related messages are joined. */
export interface Reading {
  browser: ConsoleBrowser;
  /** reason: names why; context: names only the request (URL, method, status) and that it failed. */
  kind: 'reason' | 'context';
  /** The message as read (decorations removed). */
  text: string;
  verdict: ConsoleVerdict;
  /** Every reason code the words fit, most specific first; empty when the message names none. */
  codes: CorsErrorCode[];
  url: string | null;
  redirectedFrom: string | null;
  origin: string | null;
  /** What made the request, as the message names it (`fetch`, `XMLHttpRequest`, `script`, …). */
  requestKind: string | null;
  method: string | null;
  status: number | null;
  /** The offending value the message quotes (header value, method, header name, token, Location). */
  failedParameter: string | null;
  /** The response header the problem is about. */
  header: string | null;
  where: Reason['where'] | null;
  /** What this message leaves unknown, in words. */
  unknowns: string[];
  /** Set when the message's meaning is not one reason code's explanation. */
  custom: CustomText | null;
  /** The request went through a preflight (known from the message, e.g. Firefox's "preflight did not succeed"). */
  preflightSeen: boolean;
}

export interface ConsoleDiagnosis {
  browser: ConsoleBrowser;
  /** The console messages this diagnosis was read from, in paste order. */
  messages: string[];
  verdict: ConsoleVerdict;
  /** The engine's reason code (Chromium's CorsError name), when the messages determine exactly one. */
  code: CorsErrorCode | null;
  /** Every code the messages fit; one entry when `code` is set, empty when the messages name no reason. */
  candidates: CorsErrorCode[];
  url: string | null;
  redirectedFrom: string | null;
  /** The page's origin, when the message names it. */
  origin: string | null;
  requestKind: string | null;
  method: string | null;
  /** The HTTP status the messages name. */
  status: number | null;
  failedParameter: string | null;
  header: string | null;
  where: Reason['where'] | null;
  title: string;
  explanation: string;
  howToFix: string;
  /** The headers and snippets that fix it, when the code and the page's origin are known and a header can fix it. */
  fix: Fix | null;
  /** What the messages could not tell, stated; empty only when nothing needed was left out. */
  unknowns: string[];
}

export interface ConsoleExplanation {
  /** One entry per CORS failure found, in paste order. */
  diagnoses: ConsoleDiagnosis[];
  /** Non-empty lines that are not a CORS message this reader knows (shown, never guessed at). */
  unrecognised: string[];
}
