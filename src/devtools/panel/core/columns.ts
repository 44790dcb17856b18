/**
 * The exchange table's columns, declared once as data (as DevTools does in
 * NetworkLogViewColumns.ts `_temporaryDefaultColumns`): title, width, alignment, default visibility,
 * the plain text of a cell and the value it sorts by. The panel adds rich rendering per id; the CLI
 * prints `text`. Pure; no DOM.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import {
  displayVerdict,
  formatClock,
  formatDuration,
  methodText,
  shortReason,
  statusText,
  VERDICT_LABELS,
} from '../../../shared/exchange-summary.ts';

export interface Column {
  id: ColumnId;
  title: string;
  /** CSS grid track size. */
  width: string;
  align: 'start' | 'end';
  visibleByDefault: boolean;
  /** False for the column that identifies the row (it can never be hidden). */
  hideable: boolean;
  /** Still shown when the details pane narrows the table, like DevTools' Name column. */
  keptWithDetails: boolean;
  text(r: ExchangeRecord): string;
  sortValue(r: ExchangeRecord): string | number;
}

export type ColumnId =
  | 'method'
  | 'url'
  | 'initiator'
  | 'page'
  | 'status'
  | 'verdict'
  | 'reason'
  | 'findings'
  | 'type'
  | 'started'
  | 'time';

const VERDICT_ORDER = {
  blocked: 0,
  failed: 1,
  unfinished: 2,
  pending: 3,
  opaque: 4,
  allowed: 5,
  'not-cors': 6,
} as const;

/** Blocked first, then failures, then the rest by status code. */
function statusRank(r: ExchangeRecord): number {
  const v = displayVerdict(r);
  if (v === 'blocked') return -2;
  if (v === 'pending') return -1;
  return r.response?.status ?? 0;
}

export const COLUMNS: readonly Column[] = [
  {
    id: 'method',
    title: 'Method',
    width: 'minmax(140px, 0.9fr)',
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    keptWithDetails: false,
    text: methodText,
    sortValue: (r) => r.method,
  },
  {
    id: 'url',
    title: 'URL',
    width: 'minmax(140px, 3fr)',
    align: 'start',
    visibleByDefault: true,
    hideable: false,
    keptWithDetails: true,
    text: (r) => r.url,
    sortValue: (r) => r.url,
  },
  {
    id: 'initiator',
    title: 'Initiator',
    width: 'minmax(90px, 1.2fr)',
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    keptWithDetails: false,
    text: (r) => r.initiator || '(unknown)',
    sortValue: (r) => r.initiator,
  },
  // With Preserve log, rows from several pages mix; this says which page made each request.
  {
    id: 'page',
    title: 'Page',
    width: 'minmax(120px, 1.4fr)',
    align: 'start',
    visibleByDefault: false,
    hideable: true,
    keptWithDetails: false,
    text: (r) => r.pageUrl,
    sortValue: (r) => r.pageUrl,
  },
  {
    id: 'status',
    title: 'Status',
    width: 'minmax(92px, 0.7fr)',
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    keptWithDetails: true,
    text: statusText,
    sortValue: statusRank,
  },
  {
    id: 'verdict',
    title: 'Verdict',
    width: 'minmax(70px, 0.7fr)',
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    keptWithDetails: false,
    text: (r) => VERDICT_LABELS[displayVerdict(r)],
    sortValue: (r) => VERDICT_ORDER[displayVerdict(r)],
  },
  {
    id: 'reason',
    title: 'Reason',
    width: 'minmax(130px, 2fr)',
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    keptWithDetails: false,
    text: shortReason,
    sortValue: shortReason,
  },
  {
    id: 'findings',
    title: 'Findings',
    width: 'minmax(66px, 0.45fr)',
    align: 'end',
    visibleByDefault: true,
    hideable: true,
    keptWithDetails: false,
    text: (r) => (r.evaluation.findings.length ? String(r.evaluation.findings.length) : ''),
    sortValue: (r) => r.evaluation.findings.length,
  },
  {
    id: 'type',
    title: 'Type',
    width: 'minmax(64px, 0.6fr)',
    align: 'start',
    visibleByDefault: false,
    hideable: true,
    keptWithDetails: false,
    text: (r) => r.type,
    sortValue: (r) => r.type,
  },
  {
    id: 'started',
    title: 'Started',
    width: 'minmax(84px, 0.7fr)',
    align: 'end',
    visibleByDefault: false,
    hideable: true,
    keptWithDetails: false,
    text: (r) => formatClock(r.startedAt),
    sortValue: (r) => r.startedAt,
  },
  {
    id: 'time',
    title: 'Time',
    width: 'minmax(56px, 0.5fr)',
    align: 'end',
    visibleByDefault: true,
    hideable: true,
    keptWithDetails: false,
    text: (r) => (displayVerdict(r) === 'pending' ? 'Pending' : formatDuration(r.durationMs)),
    sortValue: (r) => r.durationMs ?? Number.POSITIVE_INFINITY,
  },
];

function columnById(id: ColumnId): Column {
  return COLUMNS.find((c) => c.id === id)!;
}

export function isColumnId(value: unknown): value is ColumnId {
  return COLUMNS.some((c) => c.id === value);
}

export type SortDirection = 'asc' | 'desc';

export interface SortOrder {
  column: ColumnId;
  direction: SortDirection;
}

/** Code-point order: predictable for URLs and header-derived text, and fast enough for 50 000 rows. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorted copy. Ties keep arrival order (`seq`) in both directions, so rows with equal keys never
 * jump around as live updates arrive. With no order, arrival order.
 */
export function sortRecords(records: readonly ExchangeRecord[], order: SortOrder | null): ExchangeRecord[] {
  const bySeq = (a: ExchangeRecord, b: ExchangeRecord) => a.seq - b.seq;
  if (!order) return [...records].sort(bySeq);
  const key = columnById(order.column).sortValue;
  const sign = order.direction === 'asc' ? 1 : -1;
  const keyed = records.map((r) => ({ r, k: key(r) }));
  keyed.sort((a, b) => {
    const c =
      a.k === b.k
        ? 0
        : typeof a.k === 'number' && typeof b.k === 'number'
          ? a.k - b.k
          : compareText(String(a.k), String(b.k));
    return c !== 0 ? sign * c : bySeq(a.r, b.r);
  });
  return keyed.map((x) => x.r);
}
