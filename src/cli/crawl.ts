/**
 * Which discovered URLs an audit visits (`--crawl` links, `--sitemap` entries): http(s) only, on
 * an origin of the URLs given (crawl), matching an `--include` pattern when there are any and no
 * `--exclude` pattern, the fragment dropped, each URL once. Pure; the browser side is in audit.ts.
 */

export interface UrlFilter {
  include: readonly RegExp[];
  exclude: readonly RegExp[];
}

export function wanted(url: string, f: UrlFilter): boolean {
  const test = (re: RegExp) => new RegExp(re.source, re.flags).test(url);
  return (f.include.length === 0 || f.include.some(test)) && !f.exclude.some(test);
}

/** The URL without its fragment, or null when it is not an http(s) URL. */
export function pageUrl(href: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  return u.href;
}

/**
 * The links of a page worth following, in page order, not yet `seen` (which they are added to):
 * on one of `origins`, wanted by the filter.
 */
export function linksToFollow(
  links: readonly string[],
  origins: ReadonlySet<string>,
  filter: UrlFilter,
  seen: Set<string>,
): string[] {
  const out: string[] = [];
  for (const href of links) {
    const url = pageUrl(href);
    if (!url || seen.has(url) || !origins.has(new URL(url).origin) || !wanted(url, filter)) continue;
    seen.add(url);
    out.push(url);
  }
  return out;
}
