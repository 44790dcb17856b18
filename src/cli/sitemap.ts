/**
 * `audit --sitemap URL`: the page URLs a sitemap lists (https://www.sitemaps.org/protocol.html),
 * following a sitemap index one level down. Read with saxes, a strict XML parser; gzip-compressed
 * sitemaps (`.xml.gz`) are unpacked. The protocol lets a sitemap list URLs on its own host only
 * (§ "Sitemap file location"), so entries on another origin are left out and counted.
 */
import { gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';

/** The protocol's own limits: 50 000 URLs and 50 MB (uncompressed) per sitemap file. */
const MAX_BYTES = 50 * 1024 * 1024;
/** Child sitemaps of an index read at most (each may hold 50 000 URLs). */
const MAX_CHILD_SITEMAPS = 50;

export class SitemapError extends Error {}

export interface SitemapUrls {
  /** Page URLs in the order listed, without duplicates. */
  urls: string[];
  /** Entries left out: on another origin, or not http(s) URLs. */
  leftOut: number;
  /** The sitemap files read (the index first). */
  files: string[];
}

interface Parsed {
  kind: 'urlset' | 'sitemapindex';
  locs: string[];
}

/** The <loc> texts of a sitemap or sitemap index, by local name (namespaces vary in the wild). */
export function parseSitemap(xml: string): Parsed {
  const parser = new SaxesParser({ xmlns: false });
  let root: string | null = null;
  const locs: string[] = [];
  const open: string[] = [];
  let text = '';
  parser.on('error', (e) => {
    throw new SitemapError(`not well-formed XML: ${e.message}`);
  });
  parser.on('opentag', (tag) => {
    const name = tag.name.replace(/^.*:/, '');
    if (root === null) root = name;
    open.push(name);
    if (name === 'loc') text = '';
  });
  parser.on('text', (t) => {
    if (open.at(-1) === 'loc') text += t;
  });
  parser.on('cdata', (t) => {
    if (open.at(-1) === 'loc') text += t;
  });
  parser.on('closetag', () => {
    const name = open.pop();
    if (name === 'loc' && (open.at(-1) === 'url' || open.at(-1) === 'sitemap')) locs.push(text.trim());
  });
  parser.write(xml).close();
  if (root !== 'urlset' && root !== 'sitemapindex')
    throw new SitemapError(`the document is <${root ?? 'empty'}>, not a sitemap (<urlset> or <sitemapindex>)`);
  return { kind: root, locs };
}

async function fetchText(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    const cause = (e as Error & { cause?: { code?: string } }).cause?.code;
    const why =
      (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause ?? (e as Error).message);
    throw new SitemapError(`could not fetch ${url}: ${why}`);
  }
  if (!response.ok) throw new SitemapError(`could not fetch ${url}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_BYTES) throw new SitemapError(`${url} is larger than the protocol's 50 MB`);
  // gzip magic bytes: a .xml.gz served as a file, not as Content-Encoding (which fetch already undid).
  const bytes = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body, { maxOutputLength: MAX_BYTES }) : body;
  return bytes.toString('utf8');
}

function sameOrigin(loc: string, origin: string): string | null {
  try {
    const u = new URL(loc);
    if (u.origin !== origin) return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/** Reads a sitemap (or a sitemap index and the sitemaps it lists). Throws SitemapError. */
export async function readSitemap(url: string, timeoutMs: number): Promise<SitemapUrls> {
  const origin = new URL(url).origin;
  const files = [url];
  const top = parseFileAt(url, await fetchText(url, timeoutMs));
  let leftOut = 0;
  const keep = (locs: string[]) =>
    locs.flatMap((loc) => {
      const kept = sameOrigin(loc, origin);
      if (!kept) leftOut++;
      return kept ? [kept] : [];
    });
  let pageLocs: string[];
  if (top.kind === 'urlset') pageLocs = keep(top.locs);
  else {
    const children = keep(top.locs);
    if (children.length > MAX_CHILD_SITEMAPS)
      throw new SitemapError(`${url} lists ${children.length} sitemaps; at most ${MAX_CHILD_SITEMAPS} are read`);
    pageLocs = [];
    for (const child of children) {
      files.push(child);
      const parsed = parseFileAt(child, await fetchText(child, timeoutMs));
      if (parsed.kind !== 'urlset') throw new SitemapError(`${child}: a sitemap index inside a sitemap index`);
      pageLocs.push(...keep(parsed.locs));
    }
  }
  return { urls: [...new Set(pageLocs)], leftOut, files };
}

function parseFileAt(url: string, xml: string): Parsed {
  try {
    return parseSitemap(xml);
  } catch (e) {
    throw new SitemapError(`${url}: ${(e as Error).message}`);
  }
}
