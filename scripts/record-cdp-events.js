// Records the DevTools-protocol events Chromium sends for a few cross-origin calls, one file per
// case, as the CDP source's unit tests replay them (test/unit/node/cdp-*.test.ts). Loopback only.
// Run: node scripts/record-cdp-events.js   (CHROMIUM_PATH overrides /usr/bin/chromium)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(import.meta.dirname, '../test/fixtures/cdp');
const EVENTS = [
  'Network.requestWillBeSent',
  'Network.requestWillBeSentExtraInfo',
  'Network.responseReceived',
  'Network.responseReceivedExtraInfo',
  'Network.requestServedFromCache',
  'Network.loadingFinished',
  'Network.loadingFailed',
  'Audits.issueAdded',
];

/** Each case: what the API answers on its path, and the call the page makes. */
const CASES = {
  'allowed-get': {
    reply: { 'access-control-allow-origin': '*' },
    call: `fetch(API + '/allowed-get').then((r) => r.text())`,
  },
  'blocked-missing-acao': { reply: {}, call: `fetch(API + '/blocked-missing-acao')` },
  'preflight-ok': {
    reply: {
      'access-control-allow-origin': '{origin}',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
    },
    call: `fetch(API + '/preflight-ok', { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } }).then((r) => r.text())`,
  },
  'preflight-no-acam': {
    reply: { 'access-control-allow-origin': '{origin}', 'access-control-allow-headers': 'content-type' },
    call: `fetch(API + '/preflight-no-acam', { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } })`,
  },
  'redirect-then-allowed': {
    reply: { 'access-control-allow-origin': '*' },
    redirect: '/redirect-target',
    call: `fetch(API + '/redirect-then-allowed').then((r) => r.text())`,
  },
  'no-cors-unread': { reply: {}, call: `fetch(API + '/no-cors-unread', { mode: 'no-cors' })` },
  'refused-same-origin-mode': { reply: {}, call: `fetch(API + '/refused-same-origin-mode', { mode: 'same-origin' })` },
};

const server = http.createServer((req, res) => {
  const name = new URL(req.url, 'http://x').pathname.slice(1);
  if (name === 'page')
    return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>page</title>');
  if (name === 'redirect-target') return res.writeHead(200, { 'access-control-allow-origin': '*' }).end('target');
  const c = CASES[name];
  if (!c) return res.writeHead(404).end();
  const headers = Object.fromEntries(
    Object.entries(c.reply).map(([k, v]) => [k, v.replace('{origin}', req.headers.origin ?? '')]),
  );
  if (c.redirect && req.method !== 'OPTIONS')
    return res.writeHead(302, { ...headers, location: `http://127.0.0.1:${port}${c.redirect}` }).end();
  res.writeHead(req.method === 'OPTIONS' ? 204 : 200, headers).end(req.method === 'OPTIONS' ? undefined : 'body');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;

const context = await chromium.launchPersistentContext('', {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
try {
  fs.mkdirSync(OUT, { recursive: true });
  for (const [name, c] of Object.entries(CASES)) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`http://127.0.0.1:${port}/page`);
    const events = [];
    for (const method of EVENTS) cdp.on(method, (params) => events.push({ method, params }));
    await cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0, maxPostDataSize: 0 });
    await cdp.send('Audits.enable');
    await page.evaluate(
      `(async () => { const API = 'http://localhost:${port}'; try { await ${c.call}; } catch {} })()`,
    );
    await new Promise((r) => setTimeout(r, 500));
    fs.writeFileSync(
      path.join(OUT, `${name}.json`),
      `${JSON.stringify({ origin: `http://127.0.0.1:${port}`, events }, null, 1)}\n`,
    );
    await page.close();
  }
} finally {
  await context.close();
  server.close();
}
