/**
 * The minimal app as the upstream of a proxy harness (nginx, Apache, Caddy): one Node server for
 * every app (their paths differ). It sends CORS headers of its own, naming a wrong origin, as an
 * application behind a proxy often does: the proxy snippet must replace them, or the browser sees
 * two values. A `/gateway` request has its connection dropped, so the proxy writes its own 502.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpawnedProcess } from './child-process.ts';
import { AUTH_TOKEN, localUrl, PATHS, type AppSpec, type RunningApps } from './types.ts';

export interface Upstream {
  port: number;
  close(): Promise<void>;
}

export async function startUpstream(apps: AppSpec[]): Promise<Upstream> {
  const redirects = new Map(apps.flatMap((a) => Object.entries(a.redirects)));
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://upstream').pathname;
    if (path.endsWith(PATHS.gateway)) return req.socket.destroy();
    res.setHeader('Access-Control-Allow-Origin', 'http://upstream.invalid');
    res.setHeader('Access-Control-Allow-Credentials', 'false');
    const location = redirects.get(path);
    if (location !== undefined) return res.writeHead(302, { location }).end();
    if (path.endsWith(PATHS.private) && req.headers.authorization !== AUTH_TOKEN) {
      return res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
    }
    if (path.endsWith(PATHS.throws)) return res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    if (path.endsWith(PATHS.missing)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A proxy process (one server on one port per app) in front of the upstream; both stop together. */
export async function proxyApps(
  apps: AppSpec[],
  startProxy: (upstreamPort: number) => Promise<{ server: SpawnedProcess; ports: number[] }>,
): Promise<RunningApps> {
  const upstream = await startUpstream(apps);
  try {
    const { server, ports } = await startProxy(upstream.port);
    const byId = new Map(apps.map((a, i) => [a.id, ports[i]!]));
    return {
      baseUrl: (id) => localUrl(byId.get(id)!),
      close: async () => {
        await server.stop();
        await upstream.close();
      },
    };
  } catch (error) {
    await upstream.close();
    throw error;
  }
}
