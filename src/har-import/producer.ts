/**
 * Who wrote the HAR (`log.creator`), and so what its entries mean. Measured on HARs of the demo
 * gallery and the e2e matrix recorded in Chromium 156 and Firefox ESR 153 (test/fixtures/har/):
 * - Chrome DevTools ("WebInspector"): every preflight is an entry of its own; a blocked response
 *   keeps its status and headers with `response._error: "net::ERR_FAILED"`; a request that was
 *   never sent (its preflight failed) has status 0 and only the provisional request headers.
 * - Playwright `recordHar`: no preflights at all; a failed request has status -1, no response
 *   headers, only the provisional request headers and `response._failureText`.
 * - Firefox DevTools: preflights are entries; a CORS block is never recorded (the blocked response
 *   looks like any 200), and a request that got no response has status 0 and no error.
 * - CORS Inspector: its own export, written from webRequest's complete view.
 */
import type { BrowserOutcome, BrowserProfile, RecordingGaps } from '../cors/types.ts';
import type { BrowserOutcomeKind } from '../shared/exchange.ts';
import type { WireEntry } from './entry.ts';

export type ProducerKind = 'chrome-devtools' | 'playwright' | 'firefox' | 'cors-inspector' | 'other';

export interface Producer {
  kind: ProducerKind;
  /** "Chrome DevTools (WebInspector 537.36)" */
  label: string;
  /** Whose CORS rules apply. */
  browser: BrowserProfile;
  /** The browser that recorded, as the HAR names it ("" when it does not). */
  browserName: string;
  browserVersion: string;
  /** What this producer's HARs never show, said once per file. */
  limits: string[];
  /** log.pages[].title holds the page URL (DevTools and Firefox write it; Playwright writes the document title). */
  pageTitleIsUrl: boolean;
}

export interface EntryOutcome {
  outcome: BrowserOutcome;
  browserOutcome: BrowserOutcomeKind;
  browserError: string | null;
  endedBy: string | null;
  /** A note on how the recorded outcome was read. */
  note: string | null;
  /** Set when the request ended but the HAR does not say whether the browser let the page read it (the headers decide). */
  verdictNotRecorded: string | null;
}

const ABORTED = 'net::ERR_ABORTED';

export function detectProducer(
  creator: { name: string; version: string } | null,
  logBrowser: { name: string; version: string } | null,
): Producer {
  const name = creator?.name ?? '';
  const version = creator?.version ?? '';
  const browserName = logBrowser?.name ?? '';
  const browserVersion = logBrowser?.version ?? '';
  const by = `${name} ${version}`.trim() || 'an unnamed tool';
  if (/^webinspector$/i.test(name))
    return {
      kind: 'chrome-devtools',
      label: `Chrome DevTools (${by})`,
      browser: 'chromium',
      browserName: browserName || 'Chromium',
      browserVersion,
      limits: [
        'Chrome DevTools leaves out Cookie and Authorization when it exports a sanitized HAR, so the credentials mode is inferred, never read.',
      ],
      pageTitleIsUrl: true,
    };
  if (/^playwright$/i.test(name)) {
    const firefox = /firefox/i.test(browserName);
    return {
      kind: 'playwright',
      label: `Playwright recordHar (${by}${browserName ? `, ${browserName} ${browserVersion}`.trimEnd() : ''})`,
      browser: firefox ? 'firefox' : 'chromium',
      browserName,
      browserVersion,
      limits: [
        'Playwright records no preflight requests, and for a failed request neither the response nor the request headers the browser added (Origin, Sec-Fetch-Mode), so a block is certain from net::ERR_FAILED but its reason often cannot be named.',
        ...(/webkit/i.test(browserName) ? ["WebKit's rules are not modelled: Chromium's are applied."] : []),
      ],
      pageTitleIsUrl: false,
    };
  }
  if (/^firefox$/i.test(name))
    return {
      kind: 'firefox',
      label: `Firefox DevTools (${by})`,
      browser: 'firefox',
      browserName: browserName || 'Firefox',
      browserVersion: browserVersion || version,
      limits: [
        "Firefox's HAR never records a CORS block: a blocked response looks like any other, so the verdict comes from the headers under Firefox's rules.",
      ],
      pageTitleIsUrl: true,
    };
  if (/^cors inspector$/i.test(name))
    return {
      kind: 'cors-inspector',
      label: `CORS Inspector (${version || 'unknown version'})`,
      browser: 'chromium',
      browserName: 'Chromium',
      browserVersion: '',
      limits: [],
      pageTitleIsUrl: true,
    };
  const firefox = /firefox/i.test(browserName);
  return {
    kind: 'other',
    label: by,
    browser: firefox ? 'firefox' : 'chromium',
    browserName,
    browserVersion,
    limits: [
      `${by} is not a HAR producer CORS Inspector knows: an entry without an error is judged from its headers, under ${firefox ? "Firefox's" : "Chromium's"} rules.`,
    ],
    pageTitleIsUrl: false,
  };
}

/** Whether the entry holds a response (producers write 0 or -1 when there was none). */
export function hasResponse(e: WireEntry): boolean {
  return e.status > 0;
}

/**
 * Request headers without Host or :authority are the renderer's provisional ones: the network
 * stack never sent this request (or the producer kept only what the page set).
 */
export function provisionalHeaders(p: Producer, e: WireEntry): boolean {
  if (p.kind === 'cors-inspector' || p.kind === 'firefox') return false;
  return !e.requestHeaders.some((h) => {
    const n = h.name.toLowerCase();
    return n === 'host' || n === ':authority';
  });
}

const plain = { endedBy: null, note: null, verdictNotRecorded: null };

function failed(error: string): EntryOutcome {
  return { ...plain, outcome: { kind: 'failed', error }, browserOutcome: 'failed', browserError: error };
}

function ended(verdictNotRecorded: string): EntryOutcome {
  return {
    ...plain,
    outcome: { kind: 'unknown' },
    browserOutcome: 'completed',
    browserError: null,
    verdictNotRecorded,
  };
}

/** What the browser did with the last hop, read the way this producer records it. */
export function outcomeOf(p: Producer, last: WireEntry): EntryOutcome {
  const response = hasResponse(last);
  const chromiumErrors = p.kind === 'chrome-devtools' || p.kind === 'cors-inspector' || p.browser === 'chromium';
  if (last.error) {
    if (chromiumErrors && last.error === ABORTED && response)
      return {
        ...plain,
        outcome: { kind: 'completed' },
        browserOutcome: 'completed',
        browserError: null,
        note: `The HAR records ${ABORTED} after the response arrived: the page stopped reading the body (or navigated away). A CORS block ends in net::ERR_FAILED instead, so the response reached the page.`,
      };
    return failed(last.error);
  }
  if (p.kind === 'firefox' || (p.kind !== 'other' && p.browser === 'firefox'))
    return response
      ? ended("Firefox's HAR never records whether Firefox blocked a read")
      : failed('no response (status 0 in the HAR)');
  if (p.kind === 'other')
    return response
      ? ended(`${p.label} does not record whether the browser blocked a read`)
      : failed('no response (no status in the HAR)');
  if (response) return { ...plain, outcome: { kind: 'completed' }, browserOutcome: 'completed', browserError: null };
  return {
    ...plain,
    outcome: { kind: 'unknown' },
    browserOutcome: 'pending',
    browserError: null,
    endedBy: 'the HAR was saved before it finished',
  };
}

/** What this producer could not show for one exchange (the engine reads absence there as "not recorded"). */
export function gapsOf(
  p: Producer,
  x: { provisional: boolean; failedWithoutResponse: boolean; preflightPaired: boolean },
): RecordingGaps {
  const gaps: RecordingGaps = {};
  if (x.provisional)
    gaps.requestHeaders = `${p.kind === 'playwright' ? 'Playwright' : 'the HAR'} kept only the request headers the page set (the browser added the rest, such as Origin, when it sent the request)`;
  if (p.kind === 'playwright') {
    gaps.preflight = 'Playwright records no preflight requests';
    if (x.failedWithoutResponse) gaps.response = 'Playwright records no response for a request that failed';
  } else if (x.provisional && x.failedWithoutResponse && !x.preflightPaired && p.kind !== 'cors-inspector') {
    // Never sent and failed: only a preflight stops a request there, and this HAR has none for it.
    gaps.preflight = 'the HAR holds no preflight for it although the request was never sent';
  }
  return gaps;
}

/** webRequest's resource type for a producer's `_resourceType` (the panel's filters use webRequest's). */
export function resourceType(e: WireEntry): string {
  const t = (e.resourceType ?? '').toLowerCase();
  if (t === 'fetch' || t === 'xhr' || t === '') return 'xmlhttprequest';
  if (t === 'document') return 'main_frame';
  if (['image', 'script', 'stylesheet', 'font', 'media', 'ping', 'websocket', 'csp_violation_report'].includes(t))
    return t;
  return 'other';
}
