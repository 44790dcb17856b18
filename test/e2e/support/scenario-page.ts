/**
 * The page side of a scenario: the documents the calls run in, and the function that makes the
 * calls inside the page and reports what JavaScript could see. The function runs in the browser
 * (Playwright serializes it), so it must be self-contained.
 */
import type { Origins } from './origins.ts';
import type { PageCall } from './scenario-types.ts';

/** A PageCall with its URL template expanded. */
export type ResolvedCall = Omit<PageCall, 'url'> & { url: string };

/** What the page's JavaScript saw for one call. */
export interface JsOutcome {
  /** A response reached JavaScript (false: fetch rejected / XHR fired `error`). */
  ok: boolean;
  /** The rejection or error, when not ok. */
  error?: string;
  /** fetch's Response.type (`basic`, `cors`, `opaque`, `opaqueredirect`); `xhr` for XHR. */
  type?: string;
  status?: number;
  /** Lower-cased response header names JavaScript can read. */
  headers?: string[];
}

const TOP_PATH = '/page/matrix-top';
const SANDBOX_HOST_PATH = '/page/matrix-sandbox-host';
const SANDBOXED_PATH = '/page/matrix-sandboxed';
const DATA_HOST_PATH = '/page/matrix-data-host';
const DATA_FRAME = 'data:text/html,<!doctype html><title>data frame</title>';

/** The slice of a Playwright or Puppeteer page that frameFor uses (the Firefox recorder drives Puppeteer). */
export interface PageLike<F extends { url(): string }> {
  url(): string;
  goto(url: string): Promise<unknown>;
  mainFrame(): F;
  frames(): F[];
}

/**
 * Puts the page on the document the call runs in and returns its frame. A sandboxed iframe
 * without allow-same-origin has an opaque origin, so its requests carry `Origin: null`.
 */
export async function frameFor<F extends { url(): string }>(
  page: PageLike<F>,
  origins: Origins,
  from: 'top' | 'sandboxed-iframe' | 'data-iframe',
): Promise<F> {
  const host = { top: TOP_PATH, 'sandboxed-iframe': SANDBOX_HOST_PATH, 'data-iframe': DATA_HOST_PATH }[from];
  const target = `${origins.page}${host}`;
  if (from !== 'top') {
    const iframe =
      from === 'sandboxed-iframe'
        ? `<iframe sandbox="allow-scripts" src="${SANDBOXED_PATH}"></iframe>`
        : `<iframe src="${DATA_FRAME}"></iframe>`;
    origins.route(host, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>${from} host</title>${iframe}`);
    });
  }
  if (page.url() !== target) await page.goto(target);
  if (from === 'top') return page.mainFrame();
  const frame = page
    .frames()
    .find((f) => (from === 'data-iframe' ? f.url().startsWith('data:') : new URL(f.url()).pathname === SANDBOXED_PATH));
  if (!frame) throw new Error(`the ${from} did not load`);
  return frame;
}

/** Runs in the page: makes every call (sequentially or all at once) and reports what JS saw. */
export function performCalls(arg: { calls: ResolvedCall[]; concurrent: boolean }): Promise<JsOutcome[]> {
  const viaFetch = async (c: ResolvedCall): Promise<JsOutcome> => {
    const init: RequestInit = {
      method: c.method ?? 'GET',
      headers: (c.headers ?? []).map(([n, v]): [string, string] => [n, v]),
    };
    if (c.body !== undefined) init.body = c.body;
    if (c.credentials) init.credentials = c.credentials;
    if (c.mode) init.mode = c.mode;
    if (c.redirect) init.redirect = c.redirect;
    try {
      const r = await fetch(c.url, init);
      await r.arrayBuffer().catch(() => undefined);
      return { ok: true, type: r.type, status: r.status, headers: [...r.headers.keys()].sort() };
    } catch (e) {
      return { ok: false, error: String(e) };
    }
  };
  const viaXhr = (c: ResolvedCall): Promise<JsOutcome> =>
    new Promise((resolve) => {
      const x = new XMLHttpRequest();
      x.open(c.method ?? 'GET', c.url);
      x.withCredentials = c.credentials === 'include';
      for (const [n, v] of c.headers ?? []) x.setRequestHeader(n, v);
      if (c.uploadListener) x.upload.addEventListener('progress', () => undefined);
      x.onload = () => {
        const names = x
          .getAllResponseHeaders()
          .trim()
          .split(/\r?\n/)
          .filter(Boolean)
          .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
        resolve({ ok: true, type: 'xhr', status: x.status, headers: [...new Set(names)].sort() });
      };
      x.onerror = () => resolve({ ok: false, error: `XMLHttpRequest error (status ${x.status})` });
      x.send(c.body ?? null);
    });
  const one = (c: ResolvedCall) => (c.api === 'xhr' ? viaXhr(c) : viaFetch(c));
  if (arg.concurrent) return Promise.all(arg.calls.map(one));
  return arg.calls.reduce<Promise<JsOutcome[]>>(async (acc, c) => [...(await acc), await one(c)], Promise.resolve([]));
}
