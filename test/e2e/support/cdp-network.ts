/**
 * The end-to-end oracle's view of Chromium's network: the CDP source's own NetworkLog
 * (src/node/cdp/network-log.ts) fed from a test's CDP session, keeping every settled request so a
 * test can find the ones its calls made. Only the subscription lives here; what a request is, when
 * it has settled and how its preflights link to it is the product's code.
 */
import type { CDPSession } from 'playwright-core';
import { NETWORK_ENABLE, NETWORK_EVENTS, NetworkLog, type CdpExchange } from '../../../src/node/cdp/network-log.ts';
import { PreflightAnswers, preflightDue } from '../../../src/node/cdp/preflight-due.ts';

export interface NetworkRecording {
  /** Settled requests the page made (not preflights), in start order. */
  exchanges(): CdpExchange[];
  /** Waits until a request to each URL (first hop, in call order; repeats count) has settled. */
  settled(urls: readonly string[], timeoutMs?: number): Promise<CdpExchange[]>;
  stop(): void;
}

export async function recordNetwork(cdp: CDPSession): Promise<NetworkRecording> {
  const settled: CdpExchange[] = [];
  const answers = new PreflightAnswers();
  const log = new NetworkLog({
    settled: (x) => {
      if (!settled.includes(x)) settled.push(x);
    },
    // A preflight reported after its request's end is waited for, as the CDP source does.
    preflightDue: (x) => preflightDue(x, null, answers),
    preflightAnswered: (p) => answers.note(p),
  });
  const listeners = NETWORK_EVENTS.map(
    (method) => [method, (params: unknown) => log.handle({ method, params })] as const,
  );
  for (const [method, fn] of listeners) cdp.on(method as never, fn as never);
  // Not Network.setCacheDisabled: it also bypasses the preflight cache (measured in Chromium 156:
  // two identical PUTs under Max-Age 60 sent two preflights), which the Max-Age scenarios observe.
  // Unique URLs and validator-less replies keep the HTTP cache out instead.
  await cdp.send('Network.enable', NETWORK_ENABLE);
  const exchanges = () => [...settled].sort((a, b) => a.request.hops[0]!.timestamp - b.request.hops[0]!.timestamp);
  return {
    exchanges,
    // A plain loop, not test/support/wait.ts (expect.poll): suites also run scenarios in beforeAll
    // (har-matrix, fix-verification), where expect.poll cannot be called. It fails as loudly.
    async settled(urls, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const paired = pairWithUrls(exchanges(), urls);
        const missing = paired.flatMap((x, i) => (x ? [] : [`${urls[i]}: not settled`]));
        if (!missing.length) return paired as CdpExchange[];
        if (Date.now() > deadline)
          throw new Error(`Chromium's record of ${urls.length} call(s) within ${timeoutMs} ms: ${missing.join('; ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop() {
      for (const [method, fn] of listeners) cdp.off(method as never, fn as never);
    },
  };
}

/** Pairs requests with first-hop URLs in call order; identical URLs pair oldest first. */
function pairWithUrls(exchanges: CdpExchange[], urls: readonly string[]): (CdpExchange | undefined)[] {
  const unused = [...exchanges];
  return urls.map((url) => {
    const href = new URL(url).href;
    const i = unused.findIndex((x) => x.request.hops[0]!.url === href);
    return i < 0 ? undefined : unused.splice(i, 1)[0];
  });
}
