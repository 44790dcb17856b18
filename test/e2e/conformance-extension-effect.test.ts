/**
 * Issue 14, item 7: an inspector must not change what it inspects. The same calls run in plain
 * Chromium (observed only over CDP from Node, as a capture source without the extension would),
 * with an extension that does not hold webRequest, in Chromium with this extension installed but
 * not recording, and while it records. The one
 * difference measured in Chromium 156 is named in the README's limits: any extension holding the
 * webRequest permission puts Chromium's webRequest proxy in front of every request, and that proxy
 * refuses a redirect whose Location is not http(s) with net::ERR_UNSAFE_REDIRECT — which changes
 * the outcome only for fetch() with redirect: 'manual' (plain Chromium hands the page an
 * opaque-redirect). This file asserts that nothing else differs, and that the recorded exchange
 * gives plain Chromium's verdict and says why this browser did otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, QUIET_FLAGS } from '../../src/node/chromium.ts';
import {
  chromiumVerdict,
  lastSeq,
  newRecords,
  runConformanceCase,
  type ConformanceRun,
} from './support/conformance-runner.ts';
import type { ConformanceCase } from './support/conformance-types.ts';
import { close, launch, recordAll, type TestBrowser } from './support/extension.ts';
import { startOrigins, type Origins } from './support/origins.ts';
import { collectCorsIssues, type CorsIssue } from './support/page-observer-helpers.ts';
import { ACAO_PAGE, acam, ok, preflightOk, redirect } from './support/scenario-builders.ts';
import { frameFor } from './support/scenario-page.ts';

const TARGETS: [string, string][] = [
  ['http', '{api}{base}/next'],
  ['mailto', 'mailto:a@example.com'],
  ['custom', 'foo://bar/baz'],
  ['invalidurl', 'invalidurl:'],
  ['data', 'data:text/plain,hi'],
  ['about', 'about:blank'],
  ['blob', 'blob:{api}/0000'],
  ['file', 'file:///etc/hostname'],
  ['ftp', 'ftp://127.0.0.1/f'],
];

/** The calls compared; `changed` marks the ones the webRequest proxy changes (README, "Known limits"). */
const CALLS: (ConformanceCase & { changed: boolean })[] = [
  ...TARGETS.flatMap(([name, location]) =>
    (['follow', 'manual', 'error'] as const).map((mode) => ({
      id: `c7-${name}-${mode}`,
      item: 7,
      description: `fetch(redirect '${mode}') answered 302 → ${location}`,
      endpoints: { r: { actual: redirect(302, location, ACAO_PAGE) } },
      call: { api: 'fetch' as const, url: '{api}{base}/r', redirect: mode },
      chromium: { verdict: 'failed' as const, netError: '' },
      changed: mode === 'manual' && name !== 'http',
    })),
  ),
  ...TARGETS.map(([name, location]) => ({
    id: `c7-${name}-xhr`,
    item: 7,
    description: `XHR answered 302 → ${location}`,
    endpoints: { r: { actual: redirect(302, location, ACAO_PAGE) } },
    call: { api: 'xhr' as const, url: '{api}{base}/r' },
    chromium: { verdict: 'failed' as const, netError: '' },
    changed: false,
  })),
  ...TARGETS.map(([name, location]) => ({
    id: `c7-${name}-no-cors`,
    item: 7,
    description: `fetch(mode 'no-cors') answered 302 → ${location}`,
    endpoints: { r: { actual: redirect(302, location) } },
    call: { api: 'fetch' as const, url: '{api}{base}/r', mode: 'no-cors' as const },
    chromium: { verdict: 'failed' as const, netError: '' },
    changed: false,
  })),
  ...['mailto:a@example.com', 'data:text/plain,hi'].map((location) => ({
    id: `c7-preflighted-manual-${location.split(':')[0]}`,
    item: 7,
    description: `a preflighted PUT with redirect 'manual' answered 307 → ${location}`,
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT')), actual: redirect(307, location, ACAO_PAGE) } },
    call: { api: 'fetch' as const, url: '{api}{base}/r', method: 'PUT', body: 'x', redirect: 'manual' as const },
    chromium: { verdict: 'failed' as const, netError: '' },
    changed: true,
  })),
  {
    id: 'c7-same-origin-manual-mailto',
    item: 7,
    description:
      "a same-origin fetch with redirect 'manual' answered 302 → mailto: (changed too; not listed: it never left its origin)",
    endpoints: { r: { actual: redirect(302, 'mailto:a@example.com') } },
    call: { api: 'fetch', url: '{page}{base}/r', redirect: 'manual' },
    chromium: { verdict: 'failed', netError: '' },
    changed: true,
  },
  {
    id: 'c7-allowed',
    item: 7,
    description: 'an allowed GET',
    endpoints: { r: { actual: ok(ACAO_PAGE) } },
    call: { api: 'fetch', url: '{api}{base}/r' },
    chromium: { verdict: 'allowed' },
    changed: false,
  },
  {
    id: 'c7-preflighted',
    item: 7,
    description: 'a preflighted PUT',
    endpoints: { r: { preflight: preflightOk(ACAO_PAGE, acam('PUT')), actual: ok(ACAO_PAGE) } },
    call: { api: 'fetch', url: '{api}{base}/r', method: 'PUT', body: 'x' },
    chromium: { verdict: 'allowed' },
    changed: false,
  },
  {
    id: 'c7-blocked',
    item: 7,
    description: 'a blocked GET',
    endpoints: { r: { actual: ok() } },
    call: { api: 'fetch', url: '{api}{base}/r' },
    chromium: { verdict: 'blocked', corsError: 'MissingAllowOriginHeader' },
    changed: false,
  },
];

interface Browser {
  context: BrowserContext;
  frame: Frame;
  cdp: CDPSession;
  issues: CorsIssue[];
}

let origins: Origins;
let plain: Browser;
let withExtension: TestBrowser;
let inspected: Browser;

async function pageIn(context: BrowserContext): Promise<Browser> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const issues = await collectCorsIssues(cdp);
  return { context, frame: await frameFor(page, origins, 'top'), cdp, issues };
}

beforeAll(async () => {
  origins = await startOrigins();
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'plain-')), {
    executablePath: findChromium(),
    headless: true,
    args: QUIET_FLAGS,
  });
  plain = await pageIn(context);
  withExtension = await launch();
  inspected = await pageIn(withExtension.context);
});

afterAll(async () => {
  await plain?.context.close();
  if (withExtension) await close(withExtension);
  await origins?.close();
});

/** What a run looked like from outside: what JavaScript got, Chromium's verdict and net error, the hops CDP saw. */
const observed = (run: ConformanceRun) => ({
  js: run.js.ok ? `${run.js.type} ${run.js.status}` : 'error',
  chromium: chromiumVerdict(run),
  netError: run.request?.failed?.errorText ?? null,
  hops: run.request?.hops.length ?? 0,
});

/** Each call's plain-Chromium observation, filled by the first test. */
const baseline = new Map<string, ReturnType<typeof observed>>();

describe('plain Chromium, observed over CDP only', () => {
  it(`runs the ${CALLS.length} calls`, async () => {
    for (const c of CALLS)
      baseline.set(c.id, observed(await runConformanceCase(plain.frame, plain.cdp, plain.issues, origins, c)));
    const manualToForeign = CALLS.filter((c) => c.changed).map((c) => baseline.get(c.id)!.js);
    expect(new Set(manualToForeign), "redirect: 'manual' to a non-http(s) Location is an opaque-redirect").toEqual(
      new Set(['opaqueredirect 0']),
    );
  });
});

describe('with an extension that does not hold webRequest (what a chrome.devtools.network-only build would be)', () => {
  it('nothing differs from plain Chromium', async () => {
    const dir = path.resolve(import.meta.dirname, '../fixtures/extensions/no-web-request');
    const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'no-wr-')), {
      executablePath: findChromium(),
      headless: true,
      args: [...QUIET_FLAGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    });
    try {
      const b = await pageIn(context);
      const differs: string[] = [];
      for (const c of CALLS) {
        const now = observed(await runConformanceCase(b.frame, b.cdp, b.issues, origins, c));
        if (JSON.stringify(now) !== JSON.stringify(baseline.get(c.id))) differs.push(c.id);
      }
      expect(differs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('with the extension installed, not recording', () => {
  it('differs from plain Chromium only where the README says', async () => {
    const differs: string[] = [];
    for (const c of CALLS) {
      const now = observed(await runConformanceCase(inspected.frame, inspected.cdp, inspected.issues, origins, c));
      if (JSON.stringify(now) !== JSON.stringify(baseline.get(c.id))) differs.push(c.id);
    }
    expect(differs.sort()).toEqual(
      CALLS.filter((c) => c.changed)
        .map((c) => c.id)
        .sort(),
    );
  });
});

describe('while recording', () => {
  beforeAll(async () => {
    await recordAll(withExtension);
  });

  for (const c of CALLS) {
    it(`${c.id}: ${c.description}`, async () => {
      const since = await lastSeq(withExtension);
      const now = observed(await runConformanceCase(inspected.frame, inspected.cdp, inspected.issues, origins, c));
      const plainSays = baseline.get(c.id)!;
      if (!c.changed) expect(now, 'Chromium behaves as without the extension').toEqual(plainSays);
      else expect(now.netError, 'the webRequest proxy refuses the redirect').toBe('net::ERR_UNSAFE_REDIRECT');
      const listed = await newRecords(withExtension, since, c.id.includes('same-origin') ? 0 : 1);
      if (c.id.includes('same-origin'))
        return expect(listed, 'a same-origin call that never left stays out').toEqual([]);
      const [record, ...rest] = listed;
      expect(rest, 'listed once').toEqual([]);
      const e = record!.evaluation;
      expect
        .soft({ verdict: e.verdict, corsError: e.reason?.code, failedParameter: e.reason?.failedParameter })
        .toEqual({ corsError: undefined, failedParameter: undefined, ...plainSays.chromium });
      if (c.changed)
        expect(e.browserNotes.join(' ')).toMatch(/only because an extension with the webRequest permission/);
    });
  }
});
