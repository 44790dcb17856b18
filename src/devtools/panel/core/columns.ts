/**
 * The exchange table's columns, declared once as data (as DevTools does in
 * NetworkLogViewColumns.ts `_temporaryDefaultColumns`): title, width, alignment, default visibility,
 * the plain text of a cell and the value it sorts by. The panel adds rich rendering per id; the CLI
 * prints `text`. Pure; no DOM.
 *
 * Docked to the right, DevTools gives a panel about 550 px, where scrolling the table sideways
 * hides what matters. So each column has a priority: when the visible columns' minimum widths do
 * not fit, the lowest-priority ones step out (fitColumns) until they do, and name, status ("CORS
 * error") and reason stay in view down to 400 px.
 */
import { frameLabel } from '../../../shared/call-stack.ts';
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
  /** px below which the cell's content no longer reads. */
  minWidth: number;
  /** Share of the width left over once every column has its minimum. */
  grow: number;
  /** Which columns step out first when the table is narrow: the highest number first; 0 never does. */
  priority: number;
  align: 'start' | 'end';
  visibleByDefault: boolean;
  /** False for the column that identifies the row (it can never be hidden). */
  hideable: boolean;
  text(r: ExchangeRecord): string;
  sortValue(r: ExchangeRecord): string | number;
}

export type ColumnId =
  | 'method'
  | 'url'
  | 'initiator'
  | 'origin'
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

/** The first frame of the page's stack at the call, as DevTools' Initiator column names it. */
function callSite(r: ExchangeRecord): string {
  const frame = r.pageFacts?.call.stack?.[0];
  return frame ? frameLabel(frame) : '';
}

export const COLUMNS: readonly Column[] = [
  {
    id: 'url',
    title: 'Name',
    minWidth: 120,
    grow: 3,
    priority: 0,
    align: 'start',
    visibleByDefault: true,
    hideable: false,
    text: (r) => r.url,
    sortValue: (r) => r.url,
  },
  {
    id: 'method',
    title: 'Method',
    minWidth: 72,
    grow: 0.6,
    priority: 3,
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    text: methodText,
    sortValue: (r) => r.method,
  },
  {
    id: 'status',
    title: 'Status',
    minWidth: 76,
    grow: 0.7,
    priority: 1,
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    text: statusText,
    sortValue: statusRank,
  },
  {
    id: 'reason',
    title: 'Reason',
    // MissingAllowOriginHeader, whole.
    minWidth: 165,
    grow: 2,
    priority: 2,
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    text: shortReason,
    sortValue: shortReason,
  },
  {
    id: 'verdict',
    title: 'Verdict',
    minWidth: 78,
    grow: 0.6,
    priority: 7,
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    text: (r) => VERDICT_LABELS[displayVerdict(r)],
    sortValue: (r) => VERDICT_ORDER[displayVerdict(r)],
  },
  // The calling script and line, from the page observer's stack (DevTools' Initiator column).
  {
    id: 'initiator',
    title: 'Initiator',
    minWidth: 100,
    grow: 1.2,
    priority: 4,
    align: 'start',
    visibleByDefault: true,
    hideable: true,
    text: callSite,
    sortValue: callSite,
  },
  // The origin that made the request (the same on most rows).
  {
    id: 'origin',
    title: 'Origin',
    minWidth: 120,
    grow: 1.2,
    priority: 9,
    align: 'start',
    visibleByDefault: false,
    hideable: true,
    text: (r) => r.initiator || '(unknown)',
    sortValue: (r) => r.initiator,
  },
  // With Preserve log, rows from several pages mix; this says which page made each request.
  {
    id: 'page',
    title: 'Page',
    minWidth: 120,
    grow: 1.4,
    priority: 10,
    align: 'start',
    visibleByDefault: false,
    hideable: true,
    text: (r) => r.pageUrl,
    sortValue: (r) => r.pageUrl,
  },
  {
    id: 'type',
    title: 'Type',
    minWidth: 64,
    grow: 0.6,
    priority: 8,
    align: 'start',
    visibleByDefault: false,
    hideable: true,
    text: (r) => r.type,
    sortValue: (r) => r.type,
  },
  {
    id: 'findings',
    title: 'Findings',
    minWidth: 62,
    grow: 0.4,
    priority: 5,
    align: 'end',
    visibleByDefault: true,
    hideable: true,
    text: (r) => (r.evaluation.findings.length ? String(r.evaluation.findings.length) : ''),
    sortValue: (r) => r.evaluation.findings.length,
  },
  {
    id: 'started',
    title: 'Started',
    minWidth: 84,
    grow: 0.7,
    priority: 11,
    align: 'end',
    visibleByDefault: false,
    hideable: true,
    text: (r) => formatClock(r.startedAt),
    sortValue: (r) => r.startedAt,
  },
  {
    id: 'time',
    title: 'Time',
    minWidth: 56,
    grow: 0.5,
    priority: 6,
    align: 'end',
    visibleByDefault: true,
    hideable: true,
    text: (r) => (displayVerdict(r) === 'pending' ? 'Pending' : formatDuration(r.durationMs)),
    sortValue: (r) => r.durationMs ?? Number.POSITIVE_INFINITY,
  },
];

/** The CSS grid tracks for these columns. */
export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((c) => `minmax(${c.minWidth}px, ${c.grow}fr)`).join(' ');
}

/**
 * The columns that fit in `width` px, in their own order: taken by priority while their minimum
 * widths fit, so a narrow column further down the list can use room a wide one left. A priority-0
 * column is always kept.
 */
export function fitColumns(columns: readonly Column[], width: number): Column[] {
  const kept = new Set<Column>();
  let total = 0;
  for (const c of [...columns].sort((a, b) => a.priority - b.priority)) {
    if (c.priority > 0 && total + c.minWidth > width) continue;
    kept.add(c);
    total += c.minWidth;
  }
  return columns.filter((c) => kept.has(c));
}

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
