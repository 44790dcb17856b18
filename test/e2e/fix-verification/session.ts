/**
 * What the fix-verification suite shares across every stack: one browser with the extension
 * recording, the origins, a pool of pages, each blocked case reproduced once against the
 * misbehaving server, and every stack's servers started at once (their start-up is mostly waiting
 * on other processes, so they overlap). A stack's replays then run concurrently over the pool.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { snippetCode } from '../../../src/cors/snippets.ts';
import { withTimeout } from '../../../src/node/chromium.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { close, launch, recordAll, type TestBrowser } from '../support/extension.ts';
import type { AppSpec, FrameworkHarness, RunningApps, Toolchain } from '../support/frameworks/types.ts';
import { startOrigins, type Origins } from '../support/origins.ts';
import { serveScenario } from '../support/scenario-server.ts';
import type { Scenario } from '../support/scenario-types.ts';
import { FIX_CASES } from './cases.ts';
import { appSpecFor, callTo } from './fix-check.ts';
import { HOSTILE_INPUTS } from './hostile-values.ts';
import { PagePool } from './page-pool.ts';
import { replay, type Replay } from './replay.ts';

/** Pairs of pages replaying at once: enough to keep two cores busy while servers answer. */
const POOL_SIZE = 4;

export const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export const pageUrl = (origin: string, ...parts: string[]) => `${origin}/page/fix-verification/${parts.join('/')}`;

export interface StackApps {
  apps: RunningApps;
  /** The app serving each fix case (cases with the same snippet share one). */
  appOfCase: Map<string, string>;
  /** The app of each hostile input, by index. */
  appOfHostile: string[];
}

export interface Session {
  origins: Origins;
  browser: TestBrowser;
  pool: PagePool;
  /** Each fix case's call against the misbehaving server. */
  blocked: Map<string, Replay>;
  /** Each runnable stack's servers, started (or the error that stopped them). */
  started: Map<string, Promise<StackApps>>;
  close(): Promise<void>;
}

/** Apps for a stack: one per distinct snippet, with the redirects of every case that uses it. */
function groupApps(entries: { key: string; snippet: string; redirects: Record<string, string> }[]) {
  const bySnippet = new Map<string, AppSpec>();
  const appOf = new Map<string, string>();
  for (const e of entries) {
    let app = bySnippet.get(e.snippet);
    if (!app) {
      app = { id: `app-${bySnippet.size}`, snippet: e.snippet, redirects: {} };
      bySnippet.set(e.snippet, app);
    }
    Object.assign(app.redirects, e.redirects);
    appOf.set(e.key, app.id);
  }
  return { apps: [...bySnippet.values()], appOf };
}

async function startStack(
  harness: FrameworkHarness,
  toolchain: Extract<Toolchain, { ok: true }>,
  origins: Origins,
  blocked: Map<string, Replay>,
  workRoot: string,
): Promise<StackApps> {
  const entries = [
    ...FIX_CASES.flatMap((s) => {
      const input = blocked.get(s.id)?.evaluation.fix?.snippetInput;
      if (!input) return [];
      const spec = appSpecFor(s, origins, snippetCode(harness.framework, input));
      return [{ key: s.id, snippet: spec.snippet, redirects: spec.redirects }];
    }),
    ...HOSTILE_INPUTS.map((input, i) => ({
      key: `hostile-${i}`,
      snippet: snippetCode(harness.framework, input),
      redirects: {},
    })),
  ];
  const { apps, appOf } = groupApps(entries);
  const workDir = fs.mkdtempSync(path.join(workRoot, `${harness.framework}-`));
  const startedAt = Date.now();
  const running = await harness.start(apps, toolchain, workDir);
  console.warn(`[fix-verification] ${harness.label}: ${apps.length} apps up in ${seconds(startedAt)}`);
  return {
    apps: running,
    appOfCase: appOf,
    appOfHostile: HOSTILE_INPUTS.map((_, i) => appOf.get(`hostile-${i}`)!),
  };
}

export async function openSession(
  runnable: { harness: FrameworkHarness; toolchain: Extract<Toolchain, { ok: true }> }[],
): Promise<Session> {
  const origins = await startOrigins();
  const browser = await launch();
  await recordAll(browser);
  const pool = await PagePool.open(browser.context, POOL_SIZE);
  const blocked = new Map<string, Replay>();
  const reproducing = Date.now();
  await Promise.all(
    FIX_CASES.map((s: Scenario) =>
      pool.with(async ({ page }) => {
        serveScenario(origins, s);
        blocked.set(s.id, await replay(page, pageUrl(origins.page, 'blocked', s.id), callTo(s, origins)));
      }),
    ),
  );
  console.warn(`[fix-verification] ${FIX_CASES.length} blocked cases reproduced in ${seconds(reproducing)}`);
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-verification-'));
  const started = new Map(
    runnable.map(({ harness, toolchain }) => {
      const apps = startStack(harness, toolchain, origins, blocked, workRoot);
      apps.catch(() => {}); // reported by the stack's own tests
      return [harness.framework, apps] as const;
    }),
  );
  return {
    origins,
    browser,
    pool,
    blocked,
    started,
    async close() {
      await Promise.all([...started.values()].map((p) => p.then((s) => s.apps.close()).catch(() => {})));
      await close(browser);
      await origins.close();
      fs.rmSync(workRoot, { recursive: true, force: true });
    },
  };
}

/**
 * The extension's finished records of `urls` (waits, bounded, until each has one from every
 * initiator). Filtered in the worker: the whole log of every stack's replays is large.
 */
export async function extensionRecords(
  browser: TestBrowser,
  urls: string[],
  initiators: string[],
): Promise<ExchangeRecord[]> {
  const complete = (records: ExchangeRecord[]) =>
    urls.every((u) => initiators.every((i) => records.some((r) => r.url === u && r.initiator === i)));
  let mine: ExchangeRecord[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    mine = await withTimeout(
      browser.worker.evaluate(
        async (wanted) =>
          (
            await (
              globalThis as unknown as { corsInspector: { exchanges(f: object): Promise<ExchangeRecord[]> } }
            ).corsInspector.exchanges({})
          ).filter((r) => wanted.includes(r.url) && r.browserOutcome !== 'pending'),
        urls,
      ),
      30_000,
      'corsInspector.exchanges()',
    );
    if (complete(mine)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return mine;
}
