/**
 * A real HTTP server on loopback reachable as several origins:
 *   page  http://127.0.0.1:P   (where test pages live)
 *   api   http://localhost:Q   (cross-site from page)
 *   api2  http://127.0.0.1:R   (same-site, cross-origin)
 * Routes are registered per test with `route(path, handler)` and answer on every origin; every
 * request received is logged so tests can assert what the server actually got.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export interface ReceivedRequest {
  origin: string;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface Origins {
  page: string;
  api: string;
  api2: string;
  received: ReceivedRequest[];
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

const BLANK = '<!doctype html><meta charset="utf-8"><title>page</title><body>test page</body>';

export async function startOrigins(): Promise<Origins> {
  const routes = new Map<string, Handler>();
  const received: ReceivedRequest[] = [];
  const servers: http.Server[] = [];
  const listen = async (host: string, name: string): Promise<string> => {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        received.push({
          origin: name,
          method: req.method ?? '',
          path: url.pathname + url.search,
          headers: req.headers,
        });
        const handler = routes.get(url.pathname);
        if (handler) return handler(req, res, Buffer.concat(chunks).toString('utf8'));
        if (url.pathname === '/' || url.pathname.startsWith('/page')) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(BLANK);
        }
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      });
    });
    server.keepAliveTimeout = 1000;
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host === 'localhost' ? '127.0.0.1' : host, resolve));
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  };
  const page = await listen('127.0.0.1', 'page');
  const api = await listen('localhost', 'api');
  const api2 = await listen('127.0.0.1', 'api2');
  return {
    page,
    api,
    api2,
    received,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      ).then(() => undefined),
  };
}
