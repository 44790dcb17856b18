/**
 * Firefox's own verdict for a call: the oracle of the Firefox suite, as Chromium's corsErrorStatus
 * is the Chromium matrix's. Firefox tells a page's JavaScript only "NetworkError", but it logs why
 * to the console ("Cross-Origin Request Blocked: … (Reason: …)", security.properties), and BiDi
 * log.entryAdded delivers those messages. An extension cannot read them: only tests can compare.
 */
import type { FirefoxDecision } from '../../e2e/support/firefox-agreement.ts';
import type { JsOutcome } from '../../e2e/support/scenario-page.ts';

const BLOCKED = 'Cross-Origin Request Blocked: ';
/** CORSDidNotSucceed2: what Firefox logs for a network error (closed port, reset), not a CORS check. */
const DID_NOT_SUCCEED = /\(Reason: CORS request did not succeed\)\. Status code: \(null\)\.$/;

/** The URL a Firefox CORS message names (`at URL.` or, for the credentials message, `at ‘URL’.`). */
export function messageUrl(text: string): string | null {
  const m = /remote resource at ‘?(\S+?)’?\. \(Reason:/.exec(text);
  return m ? m[1]! : null;
}

/** Firefox's CORS messages about any of `urls` (a call's URL chain), in the order logged. */
export function corsMessagesAbout(messages: readonly string[], urls: readonly string[]): string[] {
  return messages.filter((t) => {
    if (!t.startsWith(BLOCKED)) return false;
    const url = messageUrl(t);
    return url !== null && urls.includes(url);
  });
}

/**
 * What Firefox did: a CORS message makes the call blocked, unless its only message is the one
 * Firefox logs for every network error; a read JavaScript got is allowed (or opaque, or not CORS
 * at all when it never left the page's origin).
 */
export function firefoxDecision(js: JsOutcome, messages: readonly string[], crossOrigin: boolean): FirefoxDecision {
  const message = messages[0] ?? null;
  if (!js.ok) {
    if (message === null || (messages.every((m) => DID_NOT_SUCCEED.test(m)) && messages.length > 0))
      return { verdict: 'failed', message };
    return { verdict: 'blocked', message };
  }
  // A read JavaScript got: a message about the same URL belongs to another call.
  if (js.type === 'opaque') return { verdict: 'opaque', message: null };
  const verdict = js.type === 'cors' || (js.type === 'xhr' && crossOrigin) ? 'allowed' : 'not-cors';
  return { verdict, message: null };
}
