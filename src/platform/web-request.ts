/**
 * The browser differences of webRequest, in one place. Chromium hides preflights, `Origin`, `Cookie`
 * and the headers of blocked responses unless a listener asks for 'extraHeaders' (Chrome 79+,
 * https://developer.chrome.com/docs/extensions/reference/api/webRequest#life-cycle-of-requests);
 * Firefox rejects that value ("Invalid enumeration value") and shows them anyway.
 */

export function supportsExtraHeaders(): boolean {
  return typeof chrome !== 'undefined' && !!chrome.webRequest?.OnSendHeadersOptions?.EXTRA_HEADERS;
}

/** The extraInfoSpec for a header-carrying event, with 'extraHeaders' where the browser has it. */
export function headerSpec<T extends string>(kind: T): (T | 'extraHeaders')[] {
  return supportsExtraHeaders() ? [kind, 'extraHeaders'] : [kind];
}

/**
 * Schemes webRequest reports events for (`<all_urls>` matches them), so a request redirected to
 * one still ends in onCompleted or onErrorOccurred. After a redirect to any other scheme
 * (mailto:, javascript:, a custom one) webRequest reports nothing more (measured: onBeforeRedirect
 * is the last event).
 */
const WEB_REQUEST_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file', 'urn']);

export function webRequestSeesScheme(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && WEB_REQUEST_SCHEMES.has(scheme);
}
