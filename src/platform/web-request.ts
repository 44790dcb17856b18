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
