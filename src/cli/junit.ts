/**
 * JUnit XML for CI dashboards, decided by the same gate as the exit code (src/shared/gate.ts):
 * one test suite per page, with a "page loads" case (an error when the page could not be checked)
 * and one case per exchange. An exchange that breaks the --fail-on rule is a failure whose message
 * names the verdict, the reason and the failing header, and whose text holds the explanation and
 * the fix; one whose outcome is unknown (unfinished, failed before CORS) is an error; ignored and
 * page-aborted ones are skipped; problems a baseline knew pass with a note. XML 1.0 cannot carry
 * most control characters, so they are shown as \xNN instead of being escaped.
 */
import type { GateResult } from '../shared/gate.ts';
import type { Report, ReportExchange, ReportPage } from '../shared/report.ts';
import { exchangeHeadline, explainExchange } from '../shared/report-text.ts';

function xml(value: string): string {
  return value
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case {
  name: string;
  time: number;
  /** The element inside the case, if any. */
  outcome:
    | { kind: 'failure' | 'error'; type: string; message: string; text: string }
    | { kind: 'skipped'; message: string }
    | { kind: 'note'; text: string }
    | null;
}

interface Suite {
  name: string;
  cases: Case[];
}

function exchangeCase(x: ReportExchange, gate: GateResult['exchanges'][number]): Case {
  const name = `${x.method} ${x.url}`;
  const time = (x.durationMs ?? 0) / 1000;
  const text = () => explainExchange(x).join('\n');
  switch (gate.status) {
    case 'fail': {
      const findings = gate.failing.filter((p) => p.kind === 'finding');
      const blocked = gate.failing.find((p) => p.kind === 'blocked');
      const type = blocked ? blocked.code : `finding:${findings.map((p) => p.code).join(',')}`;
      const message = blocked
        ? exchangeHeadline(x)
        : findings.map((p) => `${p.severity} ${p.code}: ${p.message}`).join(' · ');
      return { name, time, outcome: { kind: 'failure', type, message, text: text() } };
    }
    case 'unchecked':
      return {
        name,
        time,
        outcome: { kind: 'error', type: x.verdict, message: `could not be checked: ${gate.unchecked}`, text: text() },
      };
    case 'known':
      return {
        name,
        time,
        outcome: {
          kind: 'note',
          text: `Known problem (in the baseline), not failing: ${gate.known.map((p) => p.key).join('; ')}\n${text()}`,
        },
      };
    case 'ignored':
      return { name, time, outcome: { kind: 'skipped', message: 'ignored: the URL matches an ignore pattern' } };
    case 'aborted':
      return { name, time, outcome: { kind: 'skipped', message: `cancelled by the page: ${x.browserError}` } };
    case 'pass':
      return { name, time, outcome: null };
  }
}

function pageCase(page: ReportPage): Case {
  return {
    name: 'page loads',
    time: 0,
    outcome: page.ok
      ? null
      : {
          kind: 'error',
          type: 'unreachable',
          message: `could not be checked: ${page.error}`,
          text: `${page.url} could not be loaded, so its cross-origin requests were not checked: ${page.error}`,
        },
  };
}

/** Suites: the audited pages in order (each with its tab's exchanges), then any other page seen. */
function suitesOf(report: Report, gate: GateResult): Suite[] {
  const suites: Suite[] = [];
  const byTab = new Map<number, Suite>();
  const byPageUrl = new Map<string, Suite>();
  for (const page of report.pages ?? []) {
    const suite = { name: page.url, cases: [pageCase(page)] };
    suites.push(suite);
    if (page.tabId !== null) byTab.set(page.tabId, suite);
  }
  report.exchanges.forEach((x, i) => {
    let suite = byTab.get(x.tabId) ?? byPageUrl.get(x.pageUrl);
    if (!suite) {
      suite = { name: x.pageUrl || 'unknown page', cases: [] };
      suites.push(suite);
      byPageUrl.set(x.pageUrl, suite);
    }
    suite.cases.push(exchangeCase(x, gate.exchanges[i]!));
  });
  return suites;
}

/** CI servers merge cases of one suite with the same name; repeats get "#2", "#3". */
function uniqueNames(cases: Case[]): Case[] {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c : { ...c, name: `${c.name} #${n}` };
  });
}

function caseXml(suite: string, c: Case): string {
  const open = `    <testcase classname="${xml(suite)}" name="${xml(c.name)}" time="${c.time.toFixed(3)}"`;
  const o = c.outcome;
  if (!o) return `${open}/>`;
  const inner =
    o.kind === 'skipped'
      ? `<skipped message="${xml(o.message)}"/>`
      : o.kind === 'note'
        ? `<system-out>${xml(o.text)}</system-out>`
        : `<${o.kind} type="${xml(o.type)}" message="${xml(o.message)}">${xml(o.text)}</${o.kind}>`;
  return `${open}>\n      ${inner}\n    </testcase>`;
}

const counts = (cases: Case[]) => ({
  tests: cases.length,
  failures: cases.filter((c) => c.outcome?.kind === 'failure').length,
  errors: cases.filter((c) => c.outcome?.kind === 'error').length,
  skipped: cases.filter((c) => c.outcome?.kind === 'skipped').length,
});

const countAttributes = (n: ReturnType<typeof counts>) =>
  `tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}"`;

export function toJUnit(report: Report, gate: GateResult): string {
  const suites = suitesOf(report, gate).map((s) => ({ ...s, cases: uniqueNames(s.cases) }));
  const body = suites.map(
    (s) =>
      `  <testsuite name="${xml(s.name)}" ${countAttributes(counts(s.cases))}>\n${s.cases.map((c) => caseXml(s.name, c)).join('\n')}\n  </testsuite>`,
  );
  const all = counts(suites.flatMap((s) => s.cases));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="CORS Inspector" ${countAttributes(all)}>\n${body.join('\n')}${body.length ? '\n' : ''}</testsuites>\n`;
}
