/**
 * The reference floor: an extension whose only job is no-op webRequest listeners with
 * 'extraHeaders' on every event, for every URL. What any extraHeaders observer costs at least.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function writeFloorExtension(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-floor-'));
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'floor',
      version: '1',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { service_worker: 'sw.js' },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'sw.js'),
    `
const all = { urls: ['<all_urls>'] };
const noop = () => {};
const wr = chrome.webRequest;
wr.onBeforeRequest.addListener(noop, all, ['extraHeaders']);
wr.onBeforeSendHeaders.addListener(noop, all, ['requestHeaders', 'extraHeaders']);
wr.onSendHeaders.addListener(noop, all, ['requestHeaders', 'extraHeaders']);
wr.onHeadersReceived.addListener(noop, all, ['responseHeaders', 'extraHeaders']);
wr.onResponseStarted.addListener(noop, all, ['responseHeaders', 'extraHeaders']);
wr.onBeforeRedirect.addListener(noop, all, ['responseHeaders', 'extraHeaders']);
wr.onCompleted.addListener(noop, all, ['responseHeaders', 'extraHeaders']);
wr.onErrorOccurred.addListener(noop, all, ['extraHeaders']);
globalThis.corsInspector = { whenReady: () => Promise.resolve() };
`,
  );
  return dir;
}
