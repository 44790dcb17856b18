/**
 * The shapes the DevTools protocol gives headers and resource types in, turned into the exchange
 * record's: header lists in wire order, and webRequest's resource type names (the report's `type`
 * speaks webRequest's vocabulary whatever the source, so filters work the same on every record).
 */
import type Protocol from 'devtools-protocol';
import type { Header } from '../../cors/types.ts';

/** CDP `Headers` objects fold repeated headers into one value joined with "\n". */
export function headersFromObject(obj: Protocol.Network.Headers | undefined): Header[] {
  return Object.entries(obj ?? {}).flatMap(([name, value]) =>
    String(value)
      .split('\n')
      .map((v) => ({ name, value: v })),
  );
}

/** An HTTP/1.1 header block ("HTTP/1.1 200 OK\r\nName: value\r\n…"): its status line and its lines in wire order. */
export function headersFromText(text: string): { statusLine: string; headers: Header[] } {
  const [statusLine = '', ...lines] = text.split('\r\n');
  return {
    statusLine,
    headers: lines
      .filter((line) => line.includes(':'))
      .map((line) => {
        const colon = line.indexOf(':');
        return { name: line.slice(0, colon), value: line.slice(colon + 1).trim() };
      }),
  };
}

/** webRequest's name for each CDP resource type (Chromium's ToWebRequestResourceType). */
const WEB_REQUEST_TYPES: Record<Protocol.Network.ResourceType, string> = {
  Document: 'main_frame',
  Stylesheet: 'stylesheet',
  Image: 'image',
  Media: 'media',
  Font: 'font',
  Script: 'script',
  TextTrack: 'media',
  XHR: 'xmlhttprequest',
  Fetch: 'xmlhttprequest',
  Prefetch: 'other',
  EventSource: 'other',
  WebSocket: 'websocket',
  Manifest: 'other',
  SignedExchange: 'other',
  Ping: 'ping',
  CSPViolationReport: 'csp_report',
  Preflight: 'other',
  FedCM: 'other',
  Other: 'other',
};

export function webRequestType(type: Protocol.Network.ResourceType | undefined): string {
  return type ? (WEB_REQUEST_TYPES[type] ?? 'other') : 'other';
}
