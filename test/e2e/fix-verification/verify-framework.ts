/**
 * The fix-verification suite for one framework. For every blocked scenario: reproduce the block
 * against the misbehaving server in headless Chromium, feed what Chromium recorded to evaluate(),
 * splice the snippet the engine generated into the real framework's minimal app, replay the same
 * call against it, and require that Chromium now lets the page read the response, and that the
 * extension recording the browser says so too — while a page on a foreign origin is still refused,
 * and Vary: Origin accompanies every echoed origin.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnnormalizedLowercase } from '../../../src/cors/methods.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { waitFor } from '../../support/wait.ts';
import { close, launch, recordAll, recorded, type TestBrowser } from '../support/extension.ts';
import { startOrigins, type Origins } from '../support/origins.ts';
import { FINISHED } from '../support/records.ts';
import { serveScenario } from '../support/scenario-server.ts';
import type { FrameworkHarness, RunningApps } from '../support/frameworks/types.ts';
import { FIX_CASES } from './cases.ts';
import {
  appSpecFor,
  blockedWith,
  callTo,
  dynamicAcaoWithoutVary,
  unmetFixHeaders,
  variesOnOrigin,
} from './fix-check.ts';
import { replay, type Replay } from './replay.ts';

const REPRODUCING_PAGES = 3;

/** Every response of a replay: preflight, redirect hops, final. */
function responsesOf(r: Replay) {
  return [...r.preflights, r.request].flatMap((req) =>
    req.wireResponses.map((w) => ({ url: req.hops[0]!.url, method: req.hops[0]!.method, ...w })),
  );
}

export async function verifyFixes(harness: FrameworkHarness): Promise<void> {
  const toolchain = await harness.probe();
  if (!toolchain.ok) console.warn(`[fix-verification] ${harness.label}: SKIPPED — ${toolchain.reason}`);
  const title = `${harness.label} snippets make blocked requests pass${toolchain.ok ? '' : ` (SKIPPED: ${toolchain.reason})`}`;

  describe.skipIf(!toolchain.ok)(title, () => {
    let origins: Origins;
    let browser: TestBrowser;
    let page: Page;
    let foreignPage: Page;
    let workDir: string;
    let apps: RunningApps | undefined;
    const blocked = new Map<string, Replay>();
    const pageUrl = (origin: string, phase: string, id: string) =>
      `${origin}/page/fix-verification/${harness.framework}/${phase}/${id}`;

    beforeAll(async () => {
      if (!toolchain.ok) return;
      origins = await startOrigins();
      browser = await launch();
      await recordAll(browser);
      const context = browser.context;
      page = await context.newPage();
      // A page on another site (localhost, not 127.0.0.1), so its own HTTP cache partition: sharing
      // one, the foreign GET revalidates the allowed origin's cached 200 (If-None-Match → 304), and
      // Chromium checks that cached ACAO.
      foreignPage = await context.newPage();
      // Reproduced on a few pages at once: every scenario has its own URLs, so nothing is shared.
      const pages = [
        page,
        ...(await Promise.all(Array.from({ length: REPRODUCING_PAGES - 1 }, () => context.newPage()))),
      ];
      await Promise.all(
        pages.map(async (p, i) => {
          for (const s of FIX_CASES.filter((_, j) => j % pages.length === i)) {
            serveScenario(origins, s);
            blocked.set(s.id, await replay(p, pageUrl(origins.page, 'blocked', s.id), callTo(s, origins)));
          }
        }),
      );
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), `fix-verification-${harness.framework}-`));
      const specs = FIX_CASES.flatMap((s) => {
        const fix = blocked.get(s.id)!.evaluation.fix;
        return fix ? [appSpecFor(s, origins, fix.snippets[harness.framework])] : [];
      });
      apps = await harness.start(specs, toolchain, workDir);
    });

    afterAll(async () => {
      await apps?.close();
      if (browser) await close(browser);
      await origins?.close();
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    });

    /** The extension's finished record of `url` made from each of `initiators`. */
    async function extensionRecords(url: string, initiators: string[]): Promise<ExchangeRecord[]> {
      const finished = await waitFor(
        `the finished records of ${url}`,
        async () => (await recorded(browser)).filter((r) => r.url === url && FINISHED.reached(r)),
        (mine) => initiators.filter((i) => !mine.some((r) => r.initiator === i)).map((i) => `from ${i}: none`),
      );
      return initiators.map((i) => finished.find((r) => r.initiator === i)!);
    }

    for (const s of FIX_CASES) {
      const method = s.calls[0]!.method ?? 'GET';
      const refused = isUnnormalizedLowercase(method) ? harness.lowerCaseMethods : null;
      const title = `${s.id}: ${s.description} — passes with the fix; a foreign origin is still refused`;
      it.skipIf(refused !== null)(`${title}${refused === null ? '' : ` (SKIPPED: ${refused})`}`, async () => {
        const before = blocked.get(s.id)!;
        expect(before.corsError?.corsError, 'the misbehaving server blocks the call').toBe(blockedWith(s));
        expect(before.evaluation.reason?.code, "the engine names the browser's reason").toBe(
          before.corsError?.corsError,
        );
        expect(before.evaluation.reason?.failedParameter).toBe(before.corsError?.failedParameter);
        expect(before.evaluation.fix?.responseHeaders.length, 'a header fix').toBeGreaterThan(0);
        const fix = before.evaluation.fix!;

        const call = callTo(s, origins, apps!.baseUrl(s.id));
        const [fixed, foreign] = await Promise.all([
          replay(page, pageUrl(origins.page, 'fixed', s.id), call),
          replay(foreignPage, pageUrl(origins.api, 'foreign', s.id), call),
        ]);
        expect(fixed.corsError, 'Chromium reports no CORS error').toBeNull();
        expect(fixed.js).toMatchObject({ ok: true, type: call.api === 'xhr' ? 'xhr' : 'cors' });
        expect(fixed.evaluation.verdict, 'the engine agrees it is allowed').toBe('allowed');
        const [ours, theirs] = await extensionRecords(fixed.requestUrl, [origins.page, origins.api]);
        expect(ours?.evaluation.verdict, 'the extension says the fixed request is allowed').toBe('allowed');
        expect(theirs?.evaluation.reason?.code, 'the extension names the foreign refusal as Chromium does').toBe(
          foreign.corsError?.corsError,
        );
        const preflight = fixed.preflights[0]?.wireResponses[0]?.headers ?? [];
        const final = fixed.request.wireResponses.at(-1)?.headers ?? [];
        expect(unmetFixHeaders(preflight, fix.preflightHeaders), "the preflight carries the fix's headers").toEqual([]);
        expect(unmetFixHeaders(final, fix.responseHeaders), "the response carries the fix's headers").toEqual([]);
        expect(
          responsesOf(fixed).filter((r) => dynamicAcaoWithoutVary(r.headers)),
          'Vary: Origin wherever ACAO echoes the origin',
        ).toEqual([]);

        expect(foreign.js.ok, 'a page on another origin cannot read it').toBe(false);
        expect(foreign.corsError, 'Chromium blocks the foreign origin').not.toBeNull();
        expect(foreign.evaluation.reason?.code, "the engine names the browser's reason").toBe(
          foreign.corsError?.corsError,
        );
        if (harness.varyOnRefusals) {
          expect(
            responsesOf(foreign).filter((r) => !variesOnOrigin(r.headers)),
            'refusals carry Vary: Origin too',
          ).toEqual([]);
        }
      });
    }
  });
}
