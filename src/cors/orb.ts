/**
 * Opaque Response Blocking (https://github.com/annevk/orb, Chromium's "ORB v0.1"): a cross-origin
 * no-cors response that can only be data — JSON, or HTML, XML and text under
 * `X-Content-Type-Options: nosniff`, or a type never served to <img>/<script> — is withheld from
 * the page. For fetch() the page still gets its opaque response, with an empty body; <img> and
 * <script> get net::ERR_BLOCKED_BY_ORB. Measured in Chromium 156: an application/json no-cors
 * fetch completes for webRequest (onCompleted 200), CDP reports it canceled with the issue
 * ResponseWasBlockedByORB. Only the unambiguous cases are predicted: ORB also sniffs bodies,
 * which webRequest does not show.
 */
import { combinedHeader } from './headers.ts';
import type { Header } from './types.ts';

/** https://mimesniff.spec.whatwg.org/#json-mime-type */
const isJson = (essence: string) =>
  essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json');
const isMarkupOrText = (essence: string) =>
  essence === 'text/html' || essence === 'text/plain' || essence === 'text/xml' || essence === 'application/xml';

/** ORB's opaque-blocklisted-never-sniffed MIME types (the ones servers commonly send). */
const NEVER_SNIFFED = new Set([
  'application/gzip',
  'application/msword',
  'application/pdf',
  'application/vnd.ms-excel',
  'application/x-gzip',
  'application/x-protobuf',
  'application/zip',
  'multipart/byteranges',
  'multipart/signed',
  'text/event-stream',
  'text/csv',
]);

/** A note when ORB withholds this no-cors response's body from the page, else null. */
export function orbNote(headers: Header[]): string | null {
  const contentType = combinedHeader(headers, 'Content-Type');
  if (contentType === null) return null;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  const nosniff = combinedHeader(headers, 'X-Content-Type-Options')?.trim().toLowerCase() === 'nosniff';
  const why = NEVER_SNIFFED.has(essence)
    ? `${essence} is never a valid no-cors response`
    : isJson(essence)
      ? 'a JSON response is never a valid no-cors response'
      : nosniff && isMarkupOrText(essence)
        ? `${essence} with X-Content-Type-Options: nosniff cannot be an image, media or script`
        : null;
  if (why === null) return null;
  return `Opaque Response Blocking: ${why}, so Chromium withholds its body — the page gets an empty opaque response (and <img>/<script> would fail with net::ERR_BLOCKED_BY_ORB). To read it, request it with mode 'cors' and send CORS headers.`;
}
