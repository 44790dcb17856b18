// Throwaway experiment: loss under worker stops on the current main (will become bench/soak.ts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'vitest';
import { launchInspector } from '../../src/node/inspector.ts';
it('soak probe', async () => {

const N = Number(process.env.N ?? 5000);
const TABS = Number(process.env.TABS ?? 2);
const STOPS = Number(process.env.STOPS ?? 11);
const EVERY = Number(process.env.EVERY ?? 1500);
const CONC = Number(process.env.CONC ?? 25);

const log = new Map<string, number>();
const server = http.createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const i = u.searchParams.get('i');
  if (i) log.set(`${req.method} ${i}`, (log.get(`${req.method} ${i}`) ?? 0) + 1);
  if (u.pathname === '/page') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end('<!doctype html><title>soak</title>');
  }
  res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-methods': 'PUT',
    'access-control-allow-headers': 'content-type',
  });
  res.end('ok');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
const page = `http://127.0.0.1:${port}`;
const api = `http://localhost:${port}`;

const inspector = await launchInspector({ pageObserver: false });
const pages = [];
for (let t = 0; t < TABS; t++) {
  const p = await inspector.newPage();
  await p.goto(`${page}/page?tab=${t}`);
  pages.push(p);
}
const cdp = await inspector.context.newCDPSession(pages[0]!);
await cdp.send('ServiceWorker.enable');
const t0 = Date.now();
const runs = pages.map((p, t) =>
  p.evaluate(
    async ({ api, t, TABS, N, CONC }) => {
      const mine: number[] = [];
      for (let i = t; i < N; i += TABS) mine.push(i);
      let ok = 0;
      let next = 0;
      const one = async () => {
        while (next < mine.length) {
          const i = mine[next++]!;
          const put = i % 2 === 1;
          try {
            const r = await fetch(`${api}/${put ? 'p' : 's'}?i=${i}`, put ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' } : {});
            await r.text();
            ok++;
          } catch {}
        }
      };
      await Promise.all(Array.from({ length: CONC }, one));
      return ok;
    },
    { api, t, TABS, N, CONC },
  ),
);
let stops = 0;
const stopper = (async () => {
  while (stops < STOPS) {
    await new Promise((r) => setTimeout(r, EVERY * (0.6 + Math.random() * 0.8)));
    await cdp.send('ServiceWorker.stopAllWorkers');
    stops++;
  }
})();
const oks = await Promise.all(runs);
const tEnd = Date.now();
await stopper;
// wake the worker
await pages[0]!.evaluate((u) => fetch(u).then((r) => r.text()), `${api}/s?i=wake`);
await new Promise((r) => setTimeout(r, 2000));
const records = await inspector.records({ settleMs: 3000 });
const byI = new Map<string, number>();
let pending = 0;
let putNoPreflight = 0;
for (const r of records) {
  const i = new URL(r.url).searchParams.get('i');
  if (!i || i === 'wake') continue;
  byI.set(i, (byI.get(i) ?? 0) + 1);
  if (r.browserOutcome === 'pending') pending++;
  if (r.method === 'PUT' && !r.preflight) putNoPreflight++;
}
let lost = 0;
let dup = 0;
for (let i = 0; i < N; i++) {
  const c = byI.get(String(i)) ?? 0;
  if (c === 0) lost++;
  if (c > 1) dup++;
}
console.log(JSON.stringify({ N, TABS, STOPS: stops, pageOk: oks.reduce((a, b) => a + b, 0), ms: tEnd - t0, records: records.length, lost, dup, pending, putNoPreflight }));
const w = inspector.context.serviceWorkers()[0]!;
const diag = await w.evaluate(async () => Object.entries(await chrome.storage.session.get(null)).filter(([k]) => k.startsWith('diag:')).map(([, v]) => v));
for (const d of (diag as any[]).sort((a, b) => a.startedAt - b.startedAt)) console.log('DIAG', JSON.stringify({ ...d, startedAt: d.startedAt - t0, readyMs: d.readyAt ? d.readyAt - d.startedAt : null, lastEventAt: d.lastEventAt - t0, readyAt: undefined, boot: undefined }));
await inspector.close();
server.close();

}, 600_000);
