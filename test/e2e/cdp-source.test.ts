/**
 * What the CDP source sees beyond a page's own session, and what it says when it cannot: requests
 * of out-of-process iframes and workers, calls refused in the renderer (from Chromium's CORS
 * issues), requests cut off by the tab closing, and a burst counted against the server's log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspector, type Inspector } from '../../src/node/inspector.ts';
import type { ExchangeRecord } from '../../src/shared/exchange.ts';
import { compareWithChromium } from '../../src/shared/verify-with-chrome.ts';
import { waitFor } from '../support/wait.ts';
import { startOrigins, type Origins } from './support/origins.ts';

let origins: Origins;
let inspector: Inspector;

beforeAll(async () => {
  origins = await startOrigins();
  origins.route('/cdp/star', (_req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*' });
    res.end('star');
  });
  origins.route('/cdp/redirect', (_req, res) => {
    res.writeHead(302, { location: `${origins.api}/cdp/star?after-redirect`, 'access-control-allow-origin': '*' });
    res.end();
  });
  origins.route('/cdp/never', () => {
    // Never answers: the request is in flight when its tab closes.
  });
  origins.route('/cdp/frame', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<script>fetch('${origins.api2}/cdp/star?from-cross-site-frame')</script>`);
  });
  origins.route('/cdp/worker.js', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(
      `onmessage = async (e) => { await fetch(e.data).catch(() => {}); postMessage('done'); }; fetch('${origins.api}/cdp/star?worker-start');`,
    );
  });
  inspector = await launchInspector({ source: 'cdp' });
}, 60_000);

afterAll(async () => {
  await inspector?.close();
  await origins?.close();
});

/** The records of a tab whose URL contains each text, once every one has ended. */
async function ended(tabId: number, texts: string[]): Promise<ExchangeRecord[]> {
  const all = await waitFor(
    `records of ${texts.join(', ')}`,
    () => inspector.records({ tabId, settleMs: 0 }),
    (records) =>
      texts.flatMap((t) =>
        records.some((r) => r.url.includes(t) && r.browserOutcome !== 'pending') ? [] : [`${t}: not ended`],
      ),
  );
  return texts.map((t) => all.find((r) => r.url.includes(t))!);
}

describe('the CDP source', () => {
  it('records the requests of a cross-site iframe (its own process) and of a worker after its start', async () => {
    const page = await inspector.newPage();
    await page.goto(`${origins.page}/page/cdp-children`);
    await page.evaluate(
      ([frame, worker, url]) =>
        new Promise((resolve) => {
          const f = document.createElement('iframe');
          f.src = frame!;
          document.body.append(f);
          const w = new Worker(worker!);
          w.onmessage = resolve;
          setTimeout(() => w.postMessage(url), 300);
        }),
      [`${origins.api}/cdp/frame`, `${origins.page}/cdp/worker.js`, `${origins.api}/cdp/star?from-worker`],
    );
    const tabId = await inspector.tabIdOf(page);
    const [fromFrame, fromWorker] = await ended(tabId, ['from-cross-site-frame', 'from-worker']);
    expect(fromFrame).toMatchObject({ source: 'cdp', initiator: origins.api, browserOutcome: 'completed' });
    expect(fromFrame!.frameId).toBeGreaterThan(0);
    expect(fromFrame!.evaluation.verdict).toBe('allowed');
    expect(fromWorker).toMatchObject({ initiator: origins.page, browserOutcome: 'completed' });
    expect(fromWorker!.evaluation.verdict).toBe('allowed');
    // The worker's first fetch raced the session: it is recorded, or the report says it was missed.
    const report = await inspector.report({ tabId });
    const recorded = report.exchanges.some((x) => x.url.includes('worker-start'));
    const gaps = (report.capture?.tabs ?? []).flatMap((t) => t.gaps);
    expect(recorded || gaps.some((g) => g.why.includes('worker-start'))).toBe(true);
    await page.close();
  });

  it('names the requests of a sandboxed srcdoc iframe it saw too late, counting them', async () => {
    const page = await inspector.newPage();
    await page.goto(`${origins.page}/page/cdp-srcdoc`);
    const calls = ['srcdoc-1', 'srcdoc-2'].map((q) => `${origins.api}/cdp/star?${q}`);
    await page.evaluate(
      (urls) =>
        new Promise((resolve) => {
          const f = document.createElement('iframe');
          f.sandbox.add('allow-scripts');
          f.srcdoc = `<script>Promise.all(${JSON.stringify(urls)}.map((u) => fetch(u))).then(() => parent.postMessage('done', '*'))</script>`;
          addEventListener('message', resolve, { once: true });
          document.body.append(f);
        }),
      calls,
    );
    const tabId = await inspector.tabIdOf(page);
    await waitFor(
      'each srcdoc call recorded or named as missed',
      () => inspector.report({ tabId }),
      (report) => {
        const recorded = report.exchanges.filter((x) => x.url.includes('?srcdoc-')).length;
        const gap = (report.capture?.tabs ?? []).flatMap((t) => t.gaps).find((g) => g.why.includes('srcdoc iframe'));
        const missed = Number(/^(\d+) request/.exec(gap?.why ?? '')?.[1] ?? 0);
        return recorded + missed === calls.length ? [] : [`${recorded} recorded + ${missed} missed of ${calls.length}`];
      },
    );
    for (const x of (await inspector.report({ tabId })).exchanges.filter((e) => e.url.includes('?srcdoc-')))
      expect(x.initiator).toBe('null');
    await page.close();
  });

  it('records calls refused in the renderer from their CORS issue, blocked as Chromium says', async () => {
    const page = await inspector.newPage();
    await page.goto(`${origins.page}/page/cdp-refusals`);
    await page.evaluate(
      async ([sameOrigin, noCorsManual, ftp]) => {
        await fetch(sameOrigin!, { mode: 'same-origin' }).catch(() => undefined);
        await fetch(noCorsManual!, { mode: 'no-cors', redirect: 'manual' }).catch(() => undefined);
        await fetch(ftp!).catch(() => undefined);
      },
      [
        `${origins.api}/cdp/star?mode-same-origin`,
        `${origins.api}/cdp/redirect?no-cors-manual`,
        'ftp://127.0.0.1/cdp/scheme-without-cors',
      ],
    );
    const tabId = await inspector.tabIdOf(page);
    const [sameOrigin, noCorsManual, ftp] = await ended(tabId, [
      'mode-same-origin',
      'no-cors-manual',
      'scheme-without-cors',
    ]);
    expect(sameOrigin!.evaluation.reason?.code).toBe('DisallowedByMode');
    expect(sameOrigin!.chromium).toMatchObject({ source: 'Audits.issueAdded', corsError: 'DisallowedByMode' });
    expect(noCorsManual!.evaluation.reason?.code).toBe('NoCorsRedirectModeNotFollow');
    expect(ftp!.evaluation.reason).toMatchObject({ code: 'CorsDisabledScheme', failedParameter: 'ftp' });
    for (const r of [sameOrigin!, noCorsManual!, ftp!]) {
      expect(r).toMatchObject({ source: 'cdp', initiator: origins.page, response: null });
      expect(compareWithChromium(r)?.agrees).toBe(true);
    }
    // Nothing reached the network.
    expect(origins.received.filter((r) => /mode-same-origin|no-cors-manual/.test(r.path))).toEqual([]);
    await page.close();
  });

  it('ends a request still in flight when its tab closes, saying so', async () => {
    const page = await inspector.newPage();
    await page.goto(`${origins.page}/page/cdp-close`);
    const tabId = await inspector.tabIdOf(page);
    await page.evaluate((u) => void fetch(u).catch(() => undefined), `${origins.api}/cdp/never?closing`);
    await waitFor(
      'the request in flight',
      () => inspector.records({ tabId, settleMs: 0 }),
      (rs) => (rs.some((r) => r.url.includes('closing')) ? [] : ['not yet seen']),
    );
    await page.close();
    const record = (await inspector.records({ tabId, settleMs: 0 })).find((r) => r.url.includes('closing'))!;
    expect(record).toMatchObject({ browserOutcome: 'pending', endedBy: 'the tab closed' });
    expect(record.evaluation.verdict).toBe('unfinished');
  });

  it('loses nothing in a burst of 500 requests, 50 in flight at a time (counted against the server)', async () => {
    const page = await inspector.newPage();
    await page.goto(`${origins.page}/page/cdp-burst`);
    const sent = await page.evaluate(async (base) => {
      let next = 0;
      let ok = 0;
      const worker = async () => {
        while (next < 500) {
          const n = next++;
          if ((await fetch(`${base}?burst-${n}`)).ok) ok++;
        }
      };
      await Promise.all(Array.from({ length: 50 }, worker));
      return ok;
    }, `${origins.api}/cdp/star`);
    expect(sent).toBe(500);
    expect(origins.received.filter((r) => r.path.includes('burst-')).length).toBe(500);
    const report = await inspector.report({ tabId: await inspector.tabIdOf(page), settleMs: 5000 });
    const burst = report.exchanges.filter((x) => x.url.includes('?burst-'));
    expect(new Set(burst.map((x) => x.url)).size).toBe(500);
    expect(burst.filter((x) => x.verdict !== 'allowed')).toEqual([]);
    expect(burst.every((x) => x.chromium?.agrees)).toBe(true);
    await page.close();
  });
});
