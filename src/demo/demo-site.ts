/**
 * The bundled demo site: a gallery page on one loopback origin making every request of
 * SITUATIONS to two API origins (one cross-site, one same-site), each answering as its situation says.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SITUATIONS, type DemoSituation } from './situations.ts';

export interface DemoSite {
  /** The gallery page. */
  url: string;
  origins: { app: string; api: string; site2: string };
  close(): Promise<void>;
}

export interface DemoOptions {
  /** Ports for app, api and site2; 0 (the default) picks free ones. */
  ports?: [number, number, number];
}

const byId = new Map(SITUATIONS.map((s) => [s.id, s]));

function sendHeaders(res: http.ServerResponse, headers: DemoSituation['headers'], origin: string): void {
  for (const [name, value] of Object.entries(headers)) {
    const values = (Array.isArray(value) ? value : [value]).map((v) => v.replaceAll('{origin}', origin));
    res.setHeader(name, values.length === 1 ? values[0]! : values);
  }
}

function api(otherApi: () => string): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const s = byId.get(url.pathname.replace(/^\/s\//, ''));
    const origin = req.headers.origin ?? '';
    if (!s) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('no such situation');
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      const p = s.preflight ?? { status: 204, headers: s.headers };
      sendHeaders(res, p.headers, origin);
      if (p.redirectTo) res.setHeader('location', p.redirectTo);
      res.writeHead(p.status ?? 204);
      return void res.end();
    }
    sendHeaders(res, s.headers, origin);
    if (s.redirectTo) {
      res.writeHead(s.status ?? 302, { location: `${otherApi()}/s/${s.redirectTo}` });
      return void res.end();
    }
    res.writeHead(s.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ situation: s.id, method: req.method }));
  };
}

/** Inline JSON that cannot close the script element it sits in. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function gallery(origins: DemoSite['origins']): string {
  const calls = SITUATIONS.map((s) => ({
    id: s.id,
    title: s.title,
    url: `${s.call.target === 'api' ? origins.api : origins.site2}/s/${s.id}`,
    ...s.call,
  }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CORS Inspector demo gallery</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}td,th{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #ddd}.ok{color:#188038}.bad{color:#d93025}</style></head>
<body><h1>CORS Inspector demo gallery</h1>
<p>Each row is a real request from this page (${origins.app}) to another origin. Open DevTools → <b>CORS</b> to see why each one passed or failed.</p>
<table><thead><tr><th>Situation</th><th>What JavaScript got</th></tr></thead><tbody id="rows"></tbody></table>
<script type="application/json" id="calls">${inlineJson(calls)}</script>
<script type="module">
const calls = JSON.parse(document.getElementById('calls').textContent);
document.cookie = 'demo_session=1; path=/';
const rows = document.getElementById('rows');
function show(call, text, ok) {
  const tr = rows.insertRow();
  tr.insertCell().textContent = call.title;
  const td = tr.insertCell();
  td.textContent = text;
  td.className = ok ? 'ok' : 'bad';
}
function fromSandbox(call) {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.sandbox = 'allow-scripts';
    frame.style.display = 'none';
    frame.srcdoc = '<script>fetch(' + JSON.stringify(call.url) + ').then(r => parent.postMessage("read " + r.status, "*"), e => parent.postMessage(String(e), "*"))<\\/script>';
    addEventListener('message', function once(e) { if (e.source === frame.contentWindow) { removeEventListener('message', once); resolve(e.data); } });
    document.body.append(frame);
  });
}
for (const call of calls) {
  if (call.fromSandbox) { const text = await fromSandbox(call); show(call, text, text.startsWith('read')); continue; }
  for (let i = 0; i < (call.repeat ?? 1); i++) {
    try {
      const r = await fetch(call.url, { method: call.method ?? 'GET', headers: call.headers, credentials: call.credentials ?? 'same-origin', mode: call.mode ?? 'cors', body: call.body });
      show(call, r.type === 'opaque' ? 'opaque response (status 0, unreadable)' : 'read ' + r.status, r.type !== 'opaque' && r.ok);
    } catch (e) {
      show(call, String(e), false);
    }
  }
}
document.title = 'CORS Inspector demo gallery (done)';
</script></body></html>`;
}

async function listen(server: http.Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function startDemo(o: DemoOptions = {}): Promise<DemoSite> {
  const [appPort, apiPort, site2Port] = o.ports ?? [0, 0, 0];
  const origins = { app: '', api: '', site2: '' };
  const servers = [
    http.createServer((req, res) => {
      if (req.url !== '/' && req.url !== '/index.html') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(gallery(origins));
    }),
    http.createServer(api(() => origins.site2)),
    http.createServer(api(() => origins.api)),
  ];
  origins.app = `http://127.0.0.1:${await listen(servers[0]!, '127.0.0.1', appPort)}`;
  origins.api = `http://localhost:${await listen(servers[1]!, '127.0.0.1', apiPort)}`;
  origins.site2 = `http://127.0.0.1:${await listen(servers[2]!, '127.0.0.1', site2Port)}`;
  return {
    url: `${origins.app}/`,
    origins,
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
