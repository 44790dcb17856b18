/**
 * A generated site of N pages (default 200) for whole-site audits: the audit throughput bench and
 * the end-to-end tests of crawl, sitemap, shard and merge. Pages live on one loopback origin, their
 * API on another (cross-site); each page makes a few cross-origin requests whose outcome depends on
 * its number only, so any audit of the same pages sees the same exchanges:
 *   - every page: GET /api/items?page=i, allowed;
 *   - every 5th page: GET /api/legacy, blocked (no Access-Control-Allow-Origin);
 *   - every 7th page: PUT /api/items/i with a JSON body, preflighted and allowed;
 *   - every 11th page: GET /api/mismatch, blocked (AllowOriginMismatch).
 * Page i links to pages 2i+1 and 2i+2 (a binary tree, so a breadth-first crawl from / meets the
 * pages in number order) and to page 0; /sitemap.xml lists every page in number order.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GeneratedSite {
  /** The home page: links to page 0. */
  home: string;
  sitemap: string;
  /** Every page URL, in number order. */
  pages: string[];
  /** The cross-origin API the pages call. */
  api: string;
  close(): Promise<void>;
}

/** What page `i` requests, as [method, path] pairs (the tests count on it). */
export function requestsOf(i: number): [string, string][] {
  return [
    ['GET', `/api/items?page=${i}`],
    ...(i % 5 === 0 ? ([['GET', '/api/legacy']] as [string, string][]) : []),
    ...(i % 7 === 0 ? ([['PUT', `/api/items/${i}`]] as [string, string][]) : []),
    ...(i % 11 === 0 ? ([['GET', '/api/mismatch']] as [string, string][]) : []),
  ];
}

function pageHtml(i: number, count: number, api: string): string {
  const calls = requestsOf(i).map(([method, path]) =>
    method === 'GET'
      ? `fetch(${JSON.stringify(api + path)})`
      : `fetch(${JSON.stringify(api + path)}, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })`,
  );
  const links = [2 * i + 1, 2 * i + 2, 0].filter((n) => n < count);
  return `<!doctype html><html><head><meta charset="utf-8"><title>page ${i}</title></head><body>
<h1>Page ${i}</h1>
<nav>${links.map((n) => `<a href="/p/${n}">page ${n}</a>`).join(' ')} <a href="#top">top</a> <a href="mailto:team@example.test">mail</a></nav>
<script>
// All at once: the page's network is busy until the last one ends, then quiet.
Promise.allSettled([${calls.join(', ')}].map((p) => p.then((r) => r.text()))).then(() => { document.title = 'page ${i} (done)'; });
</script></body></html>`;
}

function sitemapXml(pages: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${pages.map((p) => `  <url><loc>${p}</loc></url>`).join('\n')}
</urlset>
`;
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export async function startGeneratedSite(count = 200): Promise<GeneratedSite> {
  let siteOrigin = '';
  const api = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/api/legacy') {
      res.setHeader(
        'access-control-allow-origin',
        path === '/api/mismatch' ? 'https://staging.example.test' : siteOrigin,
      );
      res.setHeader('vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'PUT');
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-max-age', '600');
      return void res.writeHead(204).end();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const apiOrigin = `http://localhost:${(api.address() as AddressInfo).port}`;
  const pageUrl = (i: number) => `${siteOrigin}/p/${i}`;
  const site = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const m = /^\/p\/(\d+)$/.exec(path);
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (path === '/') return void html('<!doctype html><title>generated site</title><a href="/p/0">start</a>');
    if (path === '/sitemap.xml')
      return void res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(sitemapXml(Array.from({ length: count }, (_, i) => pageUrl(i))));
    if (m && Number(m[1]) < count) return void html(pageHtml(Number(m[1]), count, apiOrigin));
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  return {
    home: `${siteOrigin}/`,
    sitemap: `${siteOrigin}/sitemap.xml`,
    pages: Array.from({ length: count }, (_, i) => pageUrl(i)),
    api: apiOrigin,
    close: () =>
      Promise.all(
        [api, site].map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      ).then(() => undefined),
  };
}
