/**
 * The report: one JSON document for every consumer (CLI, Node API, panel export, CI), described by
 * docs/report.schema.json. Built from the worker's own records: no second implementation.
 */
import type { Finding, Header, TraceStep, Verdict } from '../cors/types.ts';
import { renderSnippets, type Snippet } from '../cors/snippets.ts';
import { verifiedAgainst } from '../cors/verified-versions.ts';
import { echoOf, endpointOf, mergeFindings, type OriginEcho, sessionFindings } from '../cors/findings/index.ts';
import type { CapturedRecord, CaptureSource, ExchangeRecord } from './exchange.ts';
import type { TabState } from './messages.ts';
import { toObserved } from './observed.ts';
import { redactHeaders } from './redact.ts';
import { compareWithChromium, type ChromiumAnswer } from './verify-with-chrome.ts';

export const REPORT_SCHEMA_VERSION = 2;

export interface ReportMeta {
  tool: { name: string; version: string };
  browser: { name: string; version: string };
  createdAt?: string;
  /** Keep Cookie, Set-Cookie and Authorization values (redacted by default). */
  includeSensitive?: boolean;
  /** Extra findings by URL (an active probe's results). */
  extraFindings?: Map<string, Finding[]>;
  /** What could not be used of the input (HAR entries skipped); counted in the summary. */
  warnings?: ReportWarning[];
  /** What the capture could not keep or did not see, per recorded tab. */
  capture?: ReportCapture;
}

/** Something in an input file that could not be used: `entry` is its index in log.entries, or null for the file as a whole. */
export interface ReportWarning {
  file: string;
  entry: number | null;
  message: string;
}

/** A HAR file `analyze` read: who wrote it, what it held, and what that producer's HARs never show. */
export interface ReportSource {
  file: string;
  producer: string;
  browser: { name: string; version: string };
  entries: number;
  exchanges: number;
  skipped: number;
  notExchanges: { navigation: number; sameOrigin: number; originUnknown: number; notHttp: number };
  limits: string[];
}

/** A stretch in which a tab's requests were not (all) captured. */
export interface ReportGap {
  from: string;
  to: string | null;
  why: string;
  /** How many requests the gap touched, at least, when known. */
  requests?: number;
}

/** Per tab: exchanges dropped as the oldest beyond the log's bound, and gaps in the recording. */
export interface ReportCapture {
  tabs: { tabId: number; pageUrl: string; evicted: number; gaps: ReportGap[] }[];
}

export interface ReportExchange {
  id: string;
  /** Who captured it; null when the record does not say (records made before sources were named). */
  source: CaptureSource | null;
  tabId: number;
  frameId: number;
  pageUrl: string;
  initiator: string;
  url: string;
  urlChain: string[];
  method: string;
  type: string;
  startedAt: string;
  durationMs: number | null;
  request: { headers: Header[] };
  response: { status: number; headers: Header[]; fromCache: boolean } | null;
  redirects: { url: string; status: number; location: string; headers: Header[]; requestHeaders: Header[] }[];
  preflight: {
    url: string;
    status: number | null;
    requestHeaders: Header[];
    responseHeaders: Header[];
    durationMs: number | null;
  } | null;
  preflightCached: boolean;
  preflightCachedFrom: string | null;
  browserOutcome: 'completed' | 'failed' | 'pending';
  browserError: string | null;
  /** Why the end of this request will never be seen (tab closed, navigation, the worker stopped). */
  endedBy: string | null;
  /** When the extension's worker was not running while this request was in flight. */
  interruptions: { from: string; to: string }[];
  /**
   * Known only from the page's own report, the page's word: a call refused before any request, or
   * one whose network events all went with a stopped worker (then `interruptions` says when).
   */
  pageReported: boolean;
  /** Chromium's own verdict on this exchange, when the source heard it, and whether ours agrees. */
  chromium: {
    event: ChromiumAnswer['source'];
    corsError: string | null;
    failedParameter: string;
    netError: string | null;
    agrees: boolean;
  } | null;
  /** For a request webRequest tied to no tab (a shared or service worker's own): where it was put and why; else null. */
  tabAttribution: string | null;
  verdict: Verdict;
  failure: string | null;
  /** Blocked with no reason (the recording lacks the evidence): the CorsErrors still possible. */
  possibleReasons: { code: string; failedParameter: string; where: string }[];
  reason: {
    code: string;
    failedParameter: string;
    header: string | null;
    where: string;
    title: string;
    explanation: string;
    howToFix: string;
    firefoxReason: string | null;
    confidence: string;
    assumptions: string[];
  } | null;
  fix: {
    preflightHeaders: Header[];
    responseHeaders: Header[];
    notes: string[];
    /** What the responses say about the server stack, most likely first. */
    detectedStacks: { stack: string; summary: string; evidence: string[]; strength: 'strong' | 'weak' }[];
    /** One per stack, the detected ones first; [] when no server change helps. */
    snippets: ReportSnippet[];
  } | null;
  preflightNeededBecause: string[];
  exposure: { readable: string[]; hidden: string[] };
  confidence: string;
  assumptions: string[];
  browserNotes: string[];
  trace: TraceStep[];
  findings: Finding[];
}

export interface ReportSnippet {
  stack: string;
  label: string;
  language: string;
  place: string;
  verified: boolean;
  /** "Express 5.3.0 / cors 2.8.6" when verified, else null. */
  verifiedAgainst: string | null;
  /** Why the suite cannot run this stack, when not verified. */
  notVerifiedBecause: string | null;
  docs: string[];
  code: string;
}

export interface ReportSummary {
  exchanges: number;
  allowed: number;
  blocked: number;
  opaque: number;
  notCors: number;
  failed: number;
  /** Requests whose end was not seen: never counted as allowed. */
  unfinished: number;
  byReason: Record<string, number>;
  findings: { high: number; medium: number; low: number; info: number };
  /** Input that could not be used (HAR entries skipped); each is listed in `warnings`. */
  warnings: number;
}

/** A page an audit visited. */
export interface ReportPage {
  url: string;
  /** Loaded with a success status and checked; false when it could not be (then `error` says why). */
  ok: boolean;
  error: string | null;
  /** The HTTP status of the page's document, null when no response came. */
  status: number | null;
  /** The tab it was audited in, which its exchanges name; null when no tab was opened for it. */
  tabId: number | null;
  exchanges: number;
}

/** Which shards of a sharded audit (`audit --shard i/n`) a report covers. */
export interface ReportShards {
  total: number;
  /** The shards included, 1-based, in order; the others are missing. */
  included: number[];
}

export interface Report {
  schemaVersion: 2;
  tool: { name: string; version: string };
  browser: { name: string; version: string };
  createdAt: string;
  summary: ReportSummary;
  exchanges: ReportExchange[];
  /** Pages an audit visited (CLI audit only). */
  pages?: ReportPage[];
  /** A sharded audit's shard, or the shards merged into this report (CLI audit --shard, merge-reports). */
  shards?: ReportShards;
  /** An active server probe's results (CLI probe only). */
  probe?: unknown;
  /** The HAR files read (CLI analyze only). */
  sources?: ReportSource[];
  /** What could not be used of the input, one line each (CLI analyze only). */
  warnings?: ReportWarning[];
  /** What the capture could not keep or did not see (exchanges evicted, gaps). */
  capture?: ReportCapture;
}

const iso = (ms: number) => new Date(ms).toISOString();

const plain = (headers: { name: string; value: string }[]): Header[] =>
  headers.map(({ name, value }) => ({ name, value }));

export function toReportExchange(r: ExchangeRecord, includeSensitive = false, extra: Finding[] = []): ReportExchange {
  const e = r.evaluation;
  const headers = (h: Header[]) => (includeSensitive ? plain(h) : redactHeaders(plain(h)));
  const chromium = compareWithChromium(r);
  return {
    id: r.id,
    source: r.source ?? null,
    tabId: r.tabId,
    frameId: r.frameId,
    pageUrl: r.pageUrl,
    initiator: r.initiator,
    url: r.url,
    urlChain: [...r.urlChain],
    method: r.method,
    type: r.type,
    startedAt: new Date(r.startedAt).toISOString(),
    durationMs: r.durationMs,
    request: { headers: headers(r.requestHeaders) },
    response: r.response
      ? { status: r.response.status, headers: headers(r.response.headers), fromCache: r.response.fromCache }
      : null,
    redirects: r.redirects.map((h) => ({
      url: h.url,
      status: h.status,
      location: h.location,
      headers: headers(h.headers),
      requestHeaders: headers(h.requestHeaders ?? []),
    })),
    preflight: r.preflight
      ? {
          url: r.preflight.url,
          status: r.preflight.status,
          requestHeaders: headers(r.preflight.requestHeaders),
          responseHeaders: headers(r.preflight.responseHeaders),
          durationMs: r.preflight.durationMs,
        }
      : null,
    preflightCached: r.preflightCached,
    preflightCachedFrom: r.preflightCachedFrom,
    browserOutcome: r.browserOutcome,
    browserError: r.browserError,
    endedBy: r.endedBy,
    interruptions: (r.interruptions ?? []).map((i) => ({ from: iso(i.from), to: iso(i.to) })),
    pageReported: r.pageFacts?.seen === 'page-only',
    tabAttribution: r.tabless?.why ?? null,
    chromium:
      r.chromium && chromium
        ? {
            event: r.chromium.source,
            corsError: r.chromium.corsError,
            failedParameter: r.chromium.failedParameter,
            netError: r.chromium.netError,
            agrees: chromium.agrees,
          }
        : null,
    verdict: e.verdict,
    failure: e.failure,
    possibleReasons: (e.possibleReasons ?? []).map((p) => ({ ...p })),
    reason: e.reason
      ? {
          code: e.reason.code,
          failedParameter: e.reason.failedParameter,
          header: e.reason.header,
          where: e.reason.where,
          title: e.reason.title,
          explanation: e.reason.explanation,
          howToFix: e.reason.howToFix,
          firefoxReason: e.reason.firefoxReason,
          confidence: e.reason.confidence,
          assumptions: [...e.reason.assumptions],
        }
      : null,
    fix: e.fix
      ? {
          preflightHeaders: plain(e.fix.preflightHeaders),
          responseHeaders: plain(e.fix.responseHeaders),
          notes: [...e.fix.notes],
          detectedStacks: e.fix.detectedStacks.map((d) => ({ ...d, evidence: [...d.evidence] })),
          snippets: e.fix.snippetInput ? renderSnippets(e.fix.snippetInput, e.fix.stacks).map(reportSnippet) : [],
        }
      : null,
    preflightNeededBecause: e.preflight.because.map((c) => c.detail),
    exposure: { readable: [...e.exposure.readable], hidden: e.exposure.hidden.map((h) => h.name) },
    confidence: e.confidence,
    assumptions: [...e.assumptions],
    browserNotes: [...e.browserNotes],
    trace: e.trace.map((s) => ({ ...s })),
    findings: mergeFindings([...e.findings, ...extra]),
  };
}

/** A tab's capture state as the report states it. */
export function reportCaptureOf(
  s: Pick<TabState, 'tabId' | 'pageUrl' | 'evicted' | 'gaps'>,
): ReportCapture['tabs'][number] {
  return {
    tabId: s.tabId,
    pageUrl: s.pageUrl,
    evicted: s.evicted,
    gaps: s.gaps.map((g) => ({
      from: iso(g.from),
      to: g.to === null ? null : iso(g.to),
      why: g.why,
      ...(g.requests === undefined ? {} : { requests: g.requests }),
    })),
  };
}

function emptySummary(warnings: number): ReportSummary {
  return {
    exchanges: 0,
    allowed: 0,
    blocked: 0,
    opaque: 0,
    notCors: 0,
    failed: 0,
    unfinished: 0,
    byReason: {},
    findings: { high: 0, medium: 0, low: 0, info: 0 },
    warnings,
  };
}

function count(s: ReportSummary, x: ReportExchange): void {
  s.exchanges++;
  if (x.verdict === 'not-cors') s.notCors++;
  else s[x.verdict]++;
  if (x.reason) s.byReason[x.reason.code] = (s.byReason[x.reason.code] ?? 0) + 1;
  for (const f of x.findings) s.findings[f.severity]++;
}

export function summarize(exchanges: ReportExchange[], warnings = 0): ReportSummary {
  const s = emptySummary(warnings);
  for (const x of exchanges) count(s, x);
  return s;
}

/** Findings that need the whole session: an endpoint that echoed several origins reflects any. */
function sessionFindingsOf(echoes: OriginEcho[]): Map<string, Finding[]> {
  return new Map(sessionFindings(echoes).map((f) => [f.endpoint, f.findings]));
}

const echoOfRecord = (r: CapturedRecord) => echoOf(toObserved(r));

function exchangeOf(r: ExchangeRecord, meta: ReportMeta, session: Map<string, Finding[]>): ReportExchange {
  return toReportExchange(r, meta.includeSensitive, [
    ...(session.get(endpointOf(r.url)) ?? []),
    ...(meta.extraFindings?.get(r.url) ?? []),
  ]);
}

export function buildReport(records: ExchangeRecord[], meta: ReportMeta): Report {
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  const session = sessionFindingsOf(sorted.map(echoOfRecord).filter((e) => e !== null));
  const exchanges = sorted.map((r) => exchangeOf(r, meta, session));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: meta.tool,
    browser: meta.browser,
    createdAt: meta.createdAt ?? new Date().toISOString(),
    summary: summarize(exchanges, meta.warnings?.length ?? 0),
    exchanges,
    ...(meta.warnings ? { warnings: meta.warnings } : {}),
    ...(meta.capture ? { capture: meta.capture } : {}),
  };
}

/** The records of a streamed report, read twice, oldest first: as captured, then judged. */
export interface RecordPasses {
  /** For the session-wide findings, which need every exchange before the first is written (no engine run). */
  captured(): AsyncIterable<CapturedRecord>;
  judged(): AsyncIterable<ExchangeRecord>;
}

/**
 * The same report as JSON text, written a piece at a time with one exchange in memory: a report of
 * any size (100 000 exchanges and more) in bounded memory. The capture state is asked for once
 * every record has been read. Member order differs from JSON.stringify(buildReport(…)) (the
 * summary comes last); the document is the same.
 */
export async function streamReport(
  records: RecordPasses,
  meta: Omit<ReportMeta, 'capture'>,
  capture: () => Promise<ReportCapture | undefined>,
  write: (text: string) => void | Promise<void>,
): Promise<ReportSummary> {
  const echoes: OriginEcho[] = [];
  for await (const r of records.captured()) {
    const echo = echoOfRecord(r);
    if (echo) echoes.push(echo);
  }
  const session = sessionFindingsOf(echoes);
  const head = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: meta.tool,
    browser: meta.browser,
    createdAt: meta.createdAt ?? new Date().toISOString(),
  };
  await write(`${JSON.stringify(head).slice(0, -1)},"exchanges":[`);
  const summary = emptySummary(meta.warnings?.length ?? 0);
  for await (const r of records.judged()) {
    const x = exchangeOf(r, meta, session);
    await write(`${summary.exchanges ? ',' : ''}\n${JSON.stringify(x)}`);
    count(summary, x);
  }
  const tail = await capture();
  const warnings = meta.warnings ? `,"warnings":${JSON.stringify(meta.warnings)}` : '';
  await write(
    `\n],"summary":${JSON.stringify(summary)}${warnings}${tail ? `,"capture":${JSON.stringify(tail)}` : ''}}\n`,
  );
  return summary;
}

function reportSnippet(s: Snippet): ReportSnippet {
  const v = s.verification;
  return {
    stack: s.stack,
    label: s.label,
    language: s.language,
    place: s.place,
    verified: v.verified,
    verifiedAgainst: v.verified ? verifiedAgainst(s.stack) : null,
    notVerifiedBecause: v.verified ? null : v.why,
    docs: [...s.docs],
    code: s.code,
  };
}
