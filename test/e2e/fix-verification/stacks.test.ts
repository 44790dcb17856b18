/**
 * The fix-verification suite, every stack in one browser. For every blocked case: reproduce the
 * block against the misbehaving server in headless Chromium, feed what Chromium recorded to
 * evaluate(), splice the snippet the engine generated into the real framework's minimal app (with
 * an authentication layer that refuses and a handler that throws), replay the same call against
 * it, and require that Chromium now lets the page read the response (an error response with the
 * same status as before), and that the extension recording the browser says so too — while a page
 * on a foreign origin is still refused, and Vary: Origin accompanies every echoed origin. Then the
 * hostile values: each snippet keeps them literals.
 *
 * A stack whose framework is not installed is skipped with the reason, never passed.
 * FIX_STACKS=django,flask runs only those stacks (their servers are the slow part to start).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnnormalizedLowercase } from '../../../src/cors/methods.ts';
import { snippetCode } from '../../../src/cors/snippets.ts';
import { detectStacks } from '../../../src/cors/stack-detection.ts';
import { verifiedAgainst } from '../../../src/cors/verified-versions.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { HARNESSES } from '../support/frameworks/index.ts';
import { PATHS, type FrameworkHarness, type Toolchain } from '../support/frameworks/types.ts';
import type { Scenario } from '../support/scenario-types.ts';
import { FIX_CASES } from './cases.ts';
import { blockedWith, callTo, dynamicAcaoWithoutVary, unmetFixHeaders, variesOnOrigin } from './fix-check.ts';
import { HOSTILE_HEADER, HOSTILE_INPUTS, HOSTILE_ORIGINS } from './hostile-values.ts';
import { send } from './node-request.ts';
import { captureResponses, evidenceOf, readFixture, shapeOf, writeFixture } from './stack-responses.ts';
import { EXPECTED_DETECTION } from '../../unit/cors/stack-detection-expected.ts';
import { replay, type Replay } from './replay.ts';
import { extensionRecords, openSession, pageUrl, seconds, type Session, type StackApps } from './session.ts';

const only = process.env.FIX_STACKS?.split(',').map((s) => s.trim());
const harnesses = HARNESSES.filter((h) => !only || only.includes(h.framework));
const probed = await Promise.all(harnesses.map(async (harness) => ({ harness, toolchain: await harness.probe() })));
for (const { harness, toolchain } of probed) {
  if (!toolchain.ok) console.warn(`[fix-verification] ${harness.label}: SKIPPED — ${toolchain.reason}`);
}
const runnable = probed.flatMap(({ harness, toolchain }) => (toolchain.ok ? [{ harness, toolchain }] : []));

/** Every response of a replay: preflight, redirect hops, final. */
function responsesOf(r: Replay, withPreflight = true) {
  return [...(withPreflight ? r.preflights : []), r.request].flatMap((req) =>
    req.wireResponses.map((w) => ({ url: req.hops[0]!.url, method: req.hops[0]!.method, ...w })),
  );
}

/** Why a case does not apply to a stack (shown as the skip reason), or null. */
function notApplicable(harness: FrameworkHarness, s: Scenario): string | null {
  const method = s.calls[0]!.method ?? 'GET';
  if (isUnnormalizedLowercase(method) && harness.lowerCaseMethods) return harness.lowerCaseMethods;
  if (s.id === 'error-gateway' && harness.noGatewayErrors) return harness.noGatewayErrors;
  return null;
}

interface Replayed {
  fixed: Replay;
  foreign: Replay;
  ours: ExchangeRecord | undefined;
  theirs: ExchangeRecord | undefined;
}

let session: Session | undefined;

beforeAll(async () => {
  if (runnable.length) session = await openSession(runnable);
}, 900_000);

afterAll(async () => {
  await session?.close();
}, 120_000);

for (const { harness, toolchain } of probed) {
  const skipped = toolchain.ok ? '' : ` (SKIPPED: ${(toolchain as Extract<Toolchain, { ok: false }>).reason})`;

  describe.skipIf(!toolchain.ok)(`${harness.label} snippets${skipped}`, () => {
    let stack: StackApps;
    const replayed = new Map<string, Replayed>();

    beforeAll(async () => {
      const s = session!;
      stack = await s.started.get(harness.framework)!;
      const cases = FIX_CASES.filter((c) => notApplicable(harness, c) === null && stack.appOfCase.has(c.id));
      const replaying = Date.now();
      const runs = await Promise.all(
        cases.map((c) =>
          s.pool.with(async ({ page, foreignPage }) => {
            const call = callTo(c, s.origins, stack.apps.baseUrl(stack.appOfCase.get(c.id)!));
            const [fixed, foreign] = await Promise.all([
              replay(page, pageUrl(s.origins.page, harness.framework, 'fixed', c.id), call),
              replay(foreignPage, pageUrl(s.origins.api, harness.framework, 'foreign', c.id), call),
            ]);
            return { id: c.id, fixed, foreign };
          }),
        ),
      );
      const records = await extensionRecords(
        s.browser,
        runs.map((r) => r.fixed.requestUrl),
        [s.origins.page, s.origins.api],
      );
      console.warn(`[fix-verification] ${harness.label}: ${cases.length} cases replayed in ${seconds(replaying)}`);
      for (const r of runs) {
        const mine = records.filter((x) => x.url === r.fixed.requestUrl);
        replayed.set(r.id, {
          fixed: r.fixed,
          foreign: r.foreign,
          ours: mine.find((x) => x.initiator === s.origins.page),
          theirs: mine.find((x) => x.initiator === s.origins.api),
        });
      }
    }, 600_000);

    for (const s of FIX_CASES) {
      const why = notApplicable(harness, s);
      const title = `${s.id}: ${s.description} — passes with the fix; a foreign origin is still refused`;
      it.skipIf(why !== null)(`${title}${why === null ? '' : ` (SKIPPED: ${why})`}`, () => {
        const before = session!.blocked.get(s.id)!;
        expect(before.corsError?.corsError, 'the misbehaving server blocks the call').toBe(blockedWith(s));
        expect(before.evaluation.reason?.code, "the engine names the browser's reason").toBe(
          before.corsError?.corsError,
        );
        expect(before.evaluation.reason?.failedParameter).toBe(before.corsError?.failedParameter);
        expect(before.evaluation.fix?.responseHeaders.length, 'a header fix').toBeGreaterThan(0);
        const fix = before.evaluation.fix!;
        const { fixed, foreign, ours, theirs } = replayed.get(s.id)!;

        expect(fixed.corsError, 'Chromium reports no CORS error').toBeNull();
        expect(fixed.js).toMatchObject({ ok: true, type: s.calls[0]!.api === 'xhr' ? 'xhr' : 'cors' });
        // On the minimal app's error paths the fixed server answers with its own error: the page reads it.
        const errorPath = Object.values(PATHS).some((p) => new URL(fixed.requestUrl).pathname.endsWith(p));
        if (errorPath && s.id !== 'fix-auth-before-cors') {
          expect(fixed.js.status, 'the page reads the error response itself').toBe(before.observed.response?.status);
        }
        expect(fixed.evaluation.verdict, 'the engine agrees it is allowed').toBe('allowed');
        expect(ours?.evaluation.verdict, 'the extension says the fixed request is allowed').toBe('allowed');
        expect(theirs?.evaluation.reason?.code, 'the extension names the foreign refusal as Chromium does').toBe(
          foreign.corsError?.corsError,
        );
        const preflight = fixed.preflights[0]?.wireResponses[0]?.headers ?? [];
        const final = fixed.request.wireResponses.at(-1)?.headers ?? [];
        const preflightWanted = fix.preflightHeaders.filter((h) => !(harness.noVaryOnPreflights && h.name === 'Vary'));
        expect(unmetFixHeaders(preflight, preflightWanted), "the preflight carries the fix's headers").toEqual([]);
        expect(unmetFixHeaders(final, fix.responseHeaders), "the response carries the fix's headers").toEqual([]);
        expect(
          responsesOf(fixed, !harness.noVaryOnPreflights).filter((r) => dynamicAcaoWithoutVary(r.headers)),
          'Vary: Origin wherever ACAO echoes the origin',
        ).toEqual([]);

        expect(foreign.js.ok, 'a page on another origin cannot read it').toBe(false);
        expect(foreign.corsError, 'Chromium blocks the foreign origin').not.toBeNull();
        expect(foreign.evaluation.reason?.code, "the engine names the browser's reason").toBe(
          foreign.corsError?.corsError,
        );
        if (harness.noVaryOnRefusals === null) {
          expect(
            responsesOf(foreign, !harness.noVaryOnPreflights).filter((r) => !variesOnOrigin(r.headers)),
            'refusals carry Vary: Origin too',
          ).toEqual([]);
        }
      });
    }

    it('is recognized from what it sends when it refuses; the committed fixture is what it sends', async () => {
      const live = await captureResponses(
        stack.apps.baseUrl(stack.appOfCase.get('error-not-found')!),
        harness.noGatewayErrors === null,
      );
      const capturedWith = verifiedAgainst(harness.framework);
      if (process.env.UPDATE_STACK_FIXTURES) writeFixture({ stack: harness.framework, capturedWith, responses: live });
      const fixture = readFixture(harness.framework);
      expect(fixture, `no fixture: run with UPDATE_STACK_FIXTURES=1`).not.toBeNull();
      expect(fixture!.capturedWith, 'captured from the versions in verified-versions.ts').toBe(capturedWith);
      expect(shapeOf(live)).toEqual(shapeOf(fixture!.responses));
      expect(detectStacks(evidenceOf(live))[0]?.stack ?? null).toBe(EXPECTED_DETECTION[harness.framework]);
    });

    describe('hostile values stay literals', () => {
      for (const [i, origin] of HOSTILE_ORIGINS.entries()) {
        // A stack whose configuration cannot spell a value says so instead of writing a snippet.
        const refused = /^(#|\/\/) No [\w ]+ snippet:/m.test(snippetCode(harness.framework, HOSTILE_INPUTS[i]!));
        const what = refused
          ? `refuses to write ${JSON.stringify(origin)}, and so allows nothing`
          : `allows exactly ${JSON.stringify(origin)} and its header name, and nothing else`;
        it(what, async () => {
          const url = `${stack.apps.baseUrl(stack.appOfHostile[i]!)}/r`;
          if (refused) {
            const answer = await send(url, 'GET', { origin });
            expect(answer.headers['access-control-allow-origin']).toBeUndefined();
            return;
          }
          const preflight = await send(url, 'OPTIONS', {
            origin,
            'access-control-request-method': 'PUT',
            'access-control-request-headers': HOSTILE_HEADER,
          });
          expect(preflight.status).toBeLessThan(300);
          expect(preflight.headers['access-control-allow-origin']).toBe(origin);
          expect(String(preflight.headers['access-control-allow-headers']).toLowerCase().split(/, ?/)).toContain(
            HOSTILE_HEADER.toLowerCase(),
          );
          expect(preflight.headers['x-injected']).toBeUndefined();

          const actual = await send(url, 'GET', { origin });
          expect(actual.headers['access-control-allow-origin']).toBe(origin);
          const other = await send(url, 'GET', { origin: 'http://evil.example' });
          expect(other.headers['access-control-allow-origin']).toBeUndefined();
        });
      }
    });
  });
}

it('runs or skips every verified stack, by name', () => {
  expect(probed.length, 'stacks selected').toBeGreaterThan(0);
  for (const { harness } of probed) expect(harness.label).not.toBe('');
});
