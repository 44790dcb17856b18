/**
 * A Markdown summary for a bug ticket: the counts, a table of the exchanges that need attention,
 * then for each blocked one the reason, the console message and the headers to send. Wire values
 * never become markup: they go into code spans with a fence longer than any backtick run inside, and
 * other text has Markdown and HTML punctuation backslash-escaped (CommonMark §2.4). Pure; no DOM.
 */
import { snippetFor } from '../cors/snippets.ts';
import type { Fix, FixHeader } from '../cors/types.ts';
import { verifiedAgainst } from '../cors/verified-versions.ts';
import type { ExchangeRecord } from './exchange.ts';
import type { ReportCapture } from './report.ts';
import { countExchanges, displayVerdict, shortReason, statusText, VERDICT_LABELS } from './exchange-summary.ts';
import { showControls, splitInlineCode } from './inline-code.ts';

export interface MarkdownMeta {
  pageUrl: string;
  generatedAt: number;
  /** The filter the exchanges were selected with, if any. */
  filter?: string;
  /** How many exchanges were recorded in all (when `records` is a filtered subset). */
  totalRecorded?: number;
  /** What the capture could not keep or did not see. */
  capture?: ReportCapture;
}

/** Blocked exchanges explained in full; the rest of them are only listed in the table. */
export const DETAILED_LIMIT = 20;

export function escapeText(value: string): string {
  return showControls(value).replace(/[\\`*_{}[\]()<>#+!|~&]/g, '\\$&');
}

/** An inline code span that holds `value` whatever backticks it contains (CommonMark §6.1). */
export function codeSpan(value: string): string {
  // An empty code span cannot be written; CommonMark keeps an all-space one as spaces.
  if (value === '') return '(empty)';
  const shown = showControls(value);
  const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // One space each side is stripped when both are there (§6.1), so a value that starts or ends with a
  // backtick, or with spaces on both ends, gets one more.
  const pad = /^`|`$/.test(shown) || (/^ [\s\S]* $/.test(shown) && shown.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A sentence whose backticked parts become code spans and the rest escaped text. */
export function sentence(value: string): string {
  return splitInlineCode(value)
    .map((s) => (s.code ? codeSpan(s.text) : escapeText(s.text)))
    .join('');
}

function fencedBlock(lang: string, lines: string[]): string {
  const body = lines.map(showControls).join('\n');
  const longestRun = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

const requestLabel = (r: ExchangeRecord) => codeSpan(`${r.method} ${r.url}`);

/** GFM splits table cells on `|` even inside code spans unless it is escaped (GFM spec §4.10). */
const cellCode = (value: string) => codeSpan(value).replace(/\|/g, '\\|');

function table(records: readonly ExchangeRecord[]): string {
  const rows = records.map(
    (r) =>
      `| ${cellCode(`${r.method} ${r.url}`)} | ${escapeText(statusText(r))} | ${VERDICT_LABELS[displayVerdict(r)]} | ${shortReason(r) ? cellCode(shortReason(r)) : ''} | ${r.evaluation.findings.length || ''} |`,
  );
  return ['| Request | Status | Verdict | Reason | Findings |', '| --- | --- | --- | --- | ---: |', ...rows].join('\n');
}

function headerBlock(title: string, headers: readonly FixHeader[]): string[] {
  return headers.length
    ? [
        `${title}:`,
        '',
        fencedBlock(
          'http',
          headers.map((h) => `${h.name}: ${h.value}`),
        ),
        '',
      ]
    : [];
}

/** The detected stack (with its evidence) and the first stack's snippet; the others are named, not repeated. */
function snippetSection(fix: Fix): string[] {
  const out: string[] = [];
  const [detected] = fix.detectedStacks;
  if (detected) out.push(`Server stack: ${escapeText(detected.summary)}.`, '');
  const first = fix.stacks[0];
  if (!fix.snippetInput || !first) return out;
  const snippet = snippetFor(first, fix.snippetInput);
  const v = snippet.verification;
  out.push(
    `${escapeText(snippet.label)}, in ${escapeText(snippet.place)} (${
      v.verified
        ? `verified against ${escapeText(verifiedAgainst(first))}`
        : `not verified: ${escapeText(v.why)}; written against ${escapeText(snippet.docs[0] ?? '')}`
    }):`,
    '',
    fencedBlock('', snippet.code.split('\n')),
    '',
    `Snippets for ${fix.stacks.length - 1} other stacks are in the panel and the JSON report.`,
    '',
  );
  return out;
}

function details(r: ExchangeRecord, n: number): string {
  const e = r.evaluation;
  const out = [`#### ${n}. ${requestLabel(r)}`, ''];
  if (e.reason) {
    out.push(
      `**${escapeText(e.reason.title)}** (${codeSpan(e.reason.code)})`,
      '',
      sentence(e.reason.explanation),
      '',
      sentence(e.reason.howToFix),
      '',
    );
    out.push('Chrome console:', '', `> ${escapeText(e.reason.consoleMessage)}`, '');
  } else if (e.possibleReasons?.length) {
    out.push(
      '**Blocked; the recording does not show why.** It is one of:',
      '',
      e.possibleReasons
        .map((p) => codeSpan(p.failedParameter ? `${p.code} (${p.failedParameter})` : p.code))
        .join(', '),
      '',
    );
  } else if (e.failure) {
    out.push(escapeText(e.failure), '');
  }
  if (e.fix) {
    out.push(...headerBlock('Send on the preflight (OPTIONS) response', e.fix.preflightHeaders));
    out.push(...headerBlock(`Send on the ${escapeText(r.method)} response`, e.fix.responseHeaders));
    out.push(...e.fix.notes.map((note) => `- ${sentence(note)}`), ...(e.fix.notes.length ? [''] : []));
    out.push(...snippetSection(e.fix));
  }
  if (e.confidence !== 'certain') out.push(`Confidence: ${e.confidence}. ${e.assumptions.map(sentence).join(' ')}`, '');
  out.push(...e.browserNotes.map((note) => `- ${sentence(note)}`), ...(e.browserNotes.length ? [''] : []));
  if (e.findings.length) {
    out.push(
      'Findings:',
      '',
      ...e.findings.map((f) => `- **${f.severity}** ${codeSpan(f.code)}: ${sentence(f.message)}`),
      '',
    );
  }
  return out.join('\n');
}

export function toMarkdown(records: readonly ExchangeRecord[], meta: MarkdownMeta): string {
  const counts = countExchanges(records);
  const attention = records.filter((r) => {
    const v = displayVerdict(r);
    return v === 'blocked' || v === 'failed' || v === 'unfinished' || r.evaluation.findings.length > 0;
  });
  const blocked = records.filter((r) => displayVerdict(r) === 'blocked');
  const of =
    meta.totalRecorded !== undefined && meta.totalRecorded !== records.length
      ? ` (of ${meta.totalRecorded} recorded)`
      : '';
  const out = [
    `### CORS: ${counts.blocked} of ${counts.total} cross-origin requests blocked`,
    '',
    `Page: ${codeSpan(meta.pageUrl || '(unknown)')} · ${counts.total} exchanges${of} · ${counts.blocked} blocked · ${counts.findings} with findings · ${new Date(meta.generatedAt).toISOString()}`,
  ];
  if (meta.filter) out.push('', `Filter: ${codeSpan(meta.filter)}`);
  out.push(...captureLines(meta.capture));
  out.push('', "Verdicts re-derived from the headers by CORS Inspector, following Chromium's CORS checks.", '');
  if (attention.length === 0) {
    out.push('No exchange was blocked, failed, unfinished or has findings.');
    return `${out.join('\n')}\n`;
  }
  out.push(table(attention), '');
  blocked.slice(0, DETAILED_LIMIT).forEach((r, i) => {
    out.push(details(r, i + 1));
  });
  if (blocked.length > DETAILED_LIMIT)
    out.push(`…and ${blocked.length - DETAILED_LIMIT} more blocked exchanges (see the JSON report).`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** Evictions and gaps: the log is right about what it lists, and says what it may not list. */
function captureLines(capture: ReportCapture | undefined): string[] {
  const lines: string[] = [];
  for (const tab of capture?.tabs ?? []) {
    const where = codeSpan(tab.pageUrl || `tab ${tab.tabId}`);
    if (tab.evicted) lines.push(`- ${where}: ${tab.evicted} older exchange(s) evicted (beyond the log's bound).`);
    for (const g of tab.gaps)
      lines.push(`- ${where}: not (fully) recorded from ${g.from} to ${g.to ?? 'now'}: ${escapeText(g.why)}.`);
  }
  return lines.length ? ['', '**Capture gaps**', '', ...lines] : [];
}
