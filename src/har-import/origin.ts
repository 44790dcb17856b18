/**
 * The origin that made a request, from the best evidence the HAR holds, and where it came from:
 * the request's Origin header (exact, `null` included), its preflight's, DevTools' parser
 * initiator (the document's URL), the frame's document (Playwright's `_frameref`), the page's
 * document, the page URL DevTools and Firefox write as the page "title", then the Referer. Never
 * a real title (Playwright's is the document's <title>). Anything after the Origin headers is an
 * inference, and says so: an iframe of another origin, or a sandboxed one (`null`), would differ.
 */
import { combinedHeader } from '../cors/headers.ts';
import { originOf, parseUrl } from '../cors/origin.ts';
import type { WireEntry } from './entry.ts';
import type { EntryGroup } from './grouping.ts';
import type { Producer } from './producer.ts';

export interface ResolvedOrigin {
  origin: string;
  source: string;
  /** False only when an Origin header (or CORS Inspector's own record) says it. */
  inferred: boolean;
}

interface Doc {
  at: number;
  url: string;
}

const httpUrl = (url: string | null | undefined): string | null => {
  const u = url ? parseUrl(url) : null;
  return u && (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
};

export function isDocument(e: WireEntry): boolean {
  if (e.resourceType) return e.resourceType.toLowerCase() === 'document';
  const dest = combinedHeader(e.requestHeaders, 'Sec-Fetch-Dest');
  return dest === 'document' || dest === 'iframe' || dest === 'frame';
}

/** The documents of each frame and page, for requests that carry no Origin header. */
export class DocumentIndex {
  private readonly frames = new Map<string, Doc[]>();
  private readonly pages = new Map<string, string>();
  private readonly titles = new Map<string, string>();

  constructor(entries: readonly WireEntry[] = [], pages: readonly unknown[] = [], producer?: Producer) {
    for (const e of entries) this.add(e);
    if (producer?.pageTitleIsUrl) {
      for (const p of pages) {
        const o = p as { id?: unknown; title?: unknown } | null;
        const url = typeof o?.title === 'string' ? httpUrl(o.title) : null;
        if (typeof o?.id === 'string' && url) this.titles.set(o.id, url);
      }
    }
  }

  /** Notes a document entry (others are ignored); entries may come one at a time (DevTools' live log). */
  add(e: WireEntry): void {
    if (!isDocument(e)) return;
    const url = httpUrl(e.url);
    if (!url) return;
    if (e.frameRef) {
      const list = this.frames.get(e.frameRef) ?? [];
      let i = list.length;
      while (i > 0 && list[i - 1]!.at > e.startedAt) i--;
      list.splice(i, 0, { at: e.startedAt, url });
      this.frames.set(e.frameRef, list);
    }
    const top = combinedHeader(e.requestHeaders, 'Sec-Fetch-Dest') !== 'iframe';
    if (e.pageRef && top && !this.pages.has(e.pageRef)) this.pages.set(e.pageRef, url);
  }

  /** The frame's document at the time of the request (the last navigation before it). */
  frameDocument(frameRef: string | null, at: number): string | null {
    const list = frameRef ? this.frames.get(frameRef) : undefined;
    if (!list) return null;
    let found: string | null = null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at <= at) {
        found = list[mid]!.url;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The page's URL: its top-level document entry, else the URL DevTools or Firefox write as its title. */
  pageUrl(pageRef: string | null): string | null {
    if (!pageRef) return null;
    return this.pages.get(pageRef) ?? this.titles.get(pageRef) ?? null;
  }
}

export function resolveOrigin(group: EntryGroup, docs: DocumentIndex): ResolvedOrigin | null {
  const first = group.hops[0]!;
  if (first.cors?.initiator)
    return { origin: first.cors.initiator, source: 'CORS Inspector’s record', inferred: false };
  const header = combinedHeader(first.requestHeaders, 'Origin');
  if (header !== null) return { origin: header, source: 'Origin request header', inferred: false };
  const preflightOrigin = group.preflight ? combinedHeader(group.preflight.requestHeaders, 'Origin') : null;
  if (preflightOrigin !== null)
    return { origin: preflightOrigin, source: "the preflight's Origin header", inferred: false };
  const parser = first.initiator?.type === 'parser' ? httpUrl(first.initiator.url) : null;
  if (parser)
    return { origin: originOf(parser), source: 'the document that requested it (DevTools initiator)', inferred: true };
  const frame = docs.frameDocument(first.frameRef, first.startedAt);
  if (frame) return { origin: originOf(frame), source: "the URL of the frame's document", inferred: true };
  const page = docs.pageUrl(first.pageRef);
  if (page) return { origin: originOf(page), source: "the page's URL", inferred: true };
  const referer = httpUrl(combinedHeader(first.requestHeaders, 'Referer'));
  if (referer) return { origin: originOf(referer), source: 'the Referer header', inferred: true };
  return null;
}

/** The top-level page's URL for the record (the page's document, else the frame's, else ""). */
export function pageUrlOf(group: EntryGroup, docs: DocumentIndex): string {
  const first = group.hops[0]!;
  return docs.pageUrl(first.pageRef) ?? docs.frameDocument(first.frameRef, first.startedAt) ?? '';
}
