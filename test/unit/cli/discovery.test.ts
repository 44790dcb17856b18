/**
 * The pure parts of finding pages: shard slices (sized as `playwright test --shard`), crawl link
 * filtering, sitemap parsing (namespaces, CDATA, gzip, indexes, refusals).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksToFollow, pageUrl, wanted } from '../../../src/cli/crawl.ts';
import { shardOf, shardSlice } from '../../../src/cli/shard.ts';
import { parseSitemap, readSitemap, SitemapError } from '../../../src/cli/sitemap.ts';

describe('shardSlice', () => {
  it('cuts contiguous slices that cover the list once, the first shards one longer', () => {
    for (const total of [0, 1, 7, 10, 200, 201])
      for (const n of [1, 2, 3, 4, 7]) {
        const slices = Array.from({ length: n }, (_, i) => shardSlice(total, { current: i + 1, total: n }));
        expect(slices[0]!.from).toBe(0);
        expect(slices.at(-1)!.to).toBe(total);
        expect(slices.slice(1).map((s) => s.from)).toEqual(slices.slice(0, -1).map((s) => s.to));
        const sizes = slices.map((s) => s.to - s.from);
        expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
  });

  it('matches Playwright: 10 tests in 4 shards are 3, 3, 2, 2', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect([1, 2, 3, 4].map((current) => shardOf(items, { current, total: 4 }))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ]);
  });
});

describe('crawl filtering', () => {
  const none = { include: [], exclude: [] };

  it('keeps http(s) links on the given origins, without fragments, each once, in page order', () => {
    const seen = new Set(['http://a.test/']);
    const links = [
      'http://a.test/',
      'http://a.test/x#top',
      'http://a.test/x#bottom',
      'http://b.test/elsewhere',
      'mailto:someone@a.test',
      'javascript:void(0)',
      'http://a.test/y?q=1',
      'https://a.test/other-scheme',
    ];
    expect(linksToFollow(links, new Set(['http://a.test']), none, seen)).toEqual([
      'http://a.test/x',
      'http://a.test/y?q=1',
    ]);
    expect(linksToFollow(links, new Set(['http://a.test']), none, seen)).toEqual([]);
  });

  it('applies --include (any) and --exclude (none), with stateful regexps harmless', () => {
    const f = { include: [/\/docs\//g, /\/blog\//], exclude: [/logout/] };
    expect(
      ['/docs/a', '/docs/b', '/blog/c', '/shop', '/docs/logout'].filter((p) => wanted(`http://a.test${p}`, f)),
    ).toEqual(['/docs/a', '/docs/b', '/blog/c']);
    expect(pageUrl('ftp://a.test/')).toBeNull();
    expect(pageUrl('not a url')).toBeNull();
  });
});

describe('parseSitemap', () => {
  it('reads <loc> of a urlset and of a sitemap index, whatever the namespace prefix', () => {
    expect(
      parseSitemap(
        '<?xml version="1.0"?><s:urlset xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9"><s:url><s:loc> http://a.test/1 </s:loc><s:lastmod>2026-01-01</s:lastmod></s:url><s:url><s:loc><![CDATA[http://a.test/2?x=1&y=2]]></s:loc></s:url></s:urlset>',
      ),
    ).toEqual({ kind: 'urlset', locs: ['http://a.test/1', 'http://a.test/2?x=1&y=2'] });
    expect(parseSitemap('<sitemapindex><sitemap><loc>http://a.test/s1.xml</loc></sitemap></sitemapindex>')).toEqual({
      kind: 'sitemapindex',
      locs: ['http://a.test/s1.xml'],
    });
  });

  it('refuses what is not a sitemap, or not XML', () => {
    expect(() => parseSitemap('<html><body>hi</body></html>')).toThrow(/<html>, not a sitemap/);
    expect(() => parseSitemap('<urlset><url><loc>x</url>')).toThrow(SitemapError);
    expect(() => parseSitemap('')).toThrow(SitemapError);
  });
});

describe('readSitemap', () => {
  let server: http.Server;
  let origin: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const urlset = `<urlset><url><loc>${origin}/p1</loc></url><url><loc>${origin}/p2</loc></url></urlset>`;
      if (req.url === '/sitemap.xml.gz') return void res.writeHead(200).end(gzipSync(urlset));
      if (req.url === '/nested.xml')
        return void res.end(`<sitemapindex><sitemap><loc>${origin}/nested.xml</loc></sitemap></sitemapindex>`);
      if (req.url === '/hang.xml') return;
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });

  it('unpacks a gzip-compressed sitemap', async () => {
    expect((await readSitemap(`${origin}/sitemap.xml.gz`, 5000)).urls).toEqual([`${origin}/p1`, `${origin}/p2`]);
  });

  it('says why it could not read one: an index in an index, an HTTP error, no answer in time', async () => {
    await expect(readSitemap(`${origin}/nested.xml`, 5000)).rejects.toThrow(/a sitemap index inside a sitemap index/);
    await expect(readSitemap(`${origin}/missing.xml`, 5000)).rejects.toThrow(/HTTP 404/);
    await expect(readSitemap(`${origin}/hang.xml`, 200)).rejects.toThrow(/no answer within 200 ms/);
  });
});
