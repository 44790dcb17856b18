/**
 * The page's facts in words, for the Explanation tab and reports: which facts came from the page
 * (and so decided nothing the network had seen), what JavaScript got, and where the page and the
 * network disagree. Pure; wire values stay plain strings for the reader to render as text.
 */
import { frameText } from '../../../shared/call-stack.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import type { JsOutcome, PageFacts } from '../../../shared/page-facts.ts';
import { pageFactConflicts, type PageFactConflict } from '../../../shared/page-facts-reconcile.ts';

export interface PageFactLine {
  label: string;
  value: string;
  /** False when a network fact contradicts it, so the engine did not use it. */
  used: boolean;
}

export interface PageFactsSummary {
  /** One sentence on where these facts came from. */
  origin: string;
  facts: PageFactLine[];
  conflicts: PageFactConflict[];
}

const API_NAMES: Record<PageFacts['call']['api'], string> = {
  fetch: 'fetch()',
  xhr: 'XMLHttpRequest',
  eventsource: 'EventSource',
  beacon: 'navigator.sendBeacon()',
};

/**
 * What an exchange known only from the page's report is: a call the browser refused before any
 * request, or one whose request reached the network while the extension's worker was stopped, so
 * that its network events went with the worker (join.ts makes those with `interruptions`).
 */
export function pageOnlyNotice(r: Pick<ExchangeRecord, 'pageFacts' | 'interruptions'>): {
  title: string;
  text: string;
} | null {
  if (r.pageFacts?.seen !== 'page-only') return null;
  return r.interruptions?.length
    ? {
        title: "Recovered from the page's report.",
        text: "The request reached the network while the extension's worker was stopped, and its network events went with the worker: what is shown is the page's own report of the call. A page can report anything about its own calls.",
      }
    : {
        title: 'Page-reported.',
        text: 'No request reached the network: only the page saw this call, and these facts are its own report. A page can report anything about its own calls.',
      };
}

export function describeJsOutcome(o: JsOutcome | null): string {
  if (!o) return 'not finished yet';
  if (o.kind === 'queued') return o.accepted ? 'the beacon was queued' : 'the browser refused to queue the beacon';
  if (o.kind === 'error') return `${o.name}: ${o.message}`;
  return `${o.type ? `a '${o.type}' response` : 'a response'}, status ${o.status}${o.redirected ? ', redirected' : ''}`;
}

export function summarizePageFacts(
  r: Pick<
    ExchangeRecord,
    | 'pageFacts'
    | 'initiator'
    | 'url'
    | 'requestHeaders'
    | 'method'
    | 'preflight'
    | 'redirects'
    | 'response'
    | 'browserOutcome'
    | 'browserError'
    | 'interruptions'
  >,
): PageFactsSummary | null {
  const f = r.pageFacts;
  if (!f) return null;
  const conflicts = pageFactConflicts(r, f);
  const contradicted = new Set(conflicts.map((c) => c.fact));
  const c = f.call;
  const facts: PageFactLine[] = [
    { label: 'Made with', value: API_NAMES[c.api], used: true },
    ...(c.stack?.length ? [{ label: 'Called from', value: frameText(c.stack[0]!), used: true }] : []),
    { label: 'Mode', value: c.mode ?? 'a value the API rejects', used: !contradicted.has('mode') },
    { label: 'Credentials', value: c.credentials ?? 'a value the API rejects', used: !contradicted.has('credentials') },
    { label: 'Redirect mode', value: c.redirect ?? 'a value the API rejects', used: !contradicted.has('redirect') },
    ...(c.api === 'xhr'
      ? [
          {
            label: 'Upload listener',
            value: c.uploadListener ? 'yes (forces a preflight when there is a body)' : 'no',
            used: true,
          },
        ]
      : []),
    ...(c.streamBody ? [{ label: 'Body', value: 'a stream (forces a preflight)', used: true }] : []),
    ...(c.headers.length ? [{ label: 'Headers set', value: c.headers.map((h) => h.name).join(', '), used: true }] : []),
    {
      label: 'JavaScript got',
      value: describeJsOutcome(f.outcome),
      used: !contradicted.has('outcome') && !contradicted.has('status'),
    },
    ...(f.cspViolation
      ? [
          {
            label: 'Content-Security-Policy',
            value: `refused by the page's ${f.cspViolation.directive} directive`,
            used: r.requestHeaders.length === 0 && !r.preflight && r.response === null,
          },
        ]
      : []),
  ];
  const origin =
    f.seen === 'page-only'
      ? r.interruptions?.length
        ? "Only the page's report of this call is left: its request reached the network while the extension's worker was stopped, and its network events went with the worker. These facts come from the page-side observer."
        : 'Only the page saw this call: the browser refused it before any request was made, so the network has nothing to show. These facts come from the page-side observer.'
      : "These facts come from the page-side observer (the page's own JavaScript), not from the network; they fill in what the network cannot show and never replace what it saw.";
  return { origin, facts, conflicts };
}
