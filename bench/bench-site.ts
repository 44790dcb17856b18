/** The bench page: 200 cross-origin GETs and 200 preflighted PUTs, timed inside the page. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchSite {
  page: string;
  /** Requests one runBench() makes: `requestsPerKind` GETs and as many preflighted PUTs. */
  requestsPerLoad: number;
  /** Preflights one runBench() makes (one per PUT: Max-Age 0). */
  preflightsPerLoad: number;
  other: string;
  /** The cross-origin API the page calls. */
  api: string;
  close(): Promise<void>;
}

/**
 * `runBench(tag)` puts the tag in every URL, so a recorder's log can be counted for one load
 * (`${api}/get?${tag}-${i}` and `${api}/put?${tag}-${i}`).
 */
const benchHtml = (api: string, n: number) => `<!doctype html><title>bench</title><script>
window.runBench = async (tag) => {
  const t0 = performance.now();
  const gets = Array.from({ length: ${n} }, (_, i) => fetch('${api}/get?' + tag + '-' + i).then((r) => r.text()));
  const puts = Array.from({ length: ${n} }, (_, i) => fetch('${api}/put?' + tag + '-' + i, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.text()));
  await Promise.all([...gets, ...puts]);
  return performance.now() - t0;
};
</script>`;

export async function startBenchSite(requestsPerKind = 200): Promise<BenchSite> {
  const listen = (handler: http.RequestListener) =>
    new Promise<http.Server>((resolve) => {
      const s = http.createServer(handler);
      s.keepAliveTimeout = 5000;
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
  const api = await listen((req, res) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('access-control-allow-methods', 'PUT');
    res.setHeader('access-control-allow-headers', 'content-type');
    // Max-Age 0: every PUT pays its preflight, as in the spike's measurements.
    res.setHeader('access-control-max-age', '0');
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200);
    res.end(req.method === 'OPTIONS' ? undefined : 'ok');
  });
  const apiOrigin = `http://localhost:${(api.address() as AddressInfo).port}`;
  const pages = await listen((req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(
      req.url?.startsWith('/bench')
        ? benchHtml(apiOrigin, requestsPerKind)
        : '<!doctype html><title>other</title>other tab',
    );
  });
  const origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  return {
    page: `${origin}/bench.html`,
    requestsPerLoad: 2 * requestsPerKind,
    preflightsPerLoad: requestsPerKind,
    other: `${origin}/other.html`,
    api: apiOrigin,
    close: () =>
      Promise.all(
        [api, pages].map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      ).then(() => undefined),
  };
}
