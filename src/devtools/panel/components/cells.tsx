/**
 * Rich rendering for the columns declared in core/columns.ts; a column without an entry here
 * shows its plain `text`. Every value is a text node: URLs and header values are attacker-controlled.
 */
import type { JSX } from 'preact';
import { FINDING_TITLES, isFindingCode, SEVERITIES } from '../../../cors/findings/catalog.ts';
import { frameLabel, frameText, isOpenable, type StackFrame } from '../../../shared/call-stack.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict, splitUrl, statusText, VERDICT_LABELS } from '../../../shared/exchange-summary.ts';
import type { Column, ColumnId } from '../core/columns.ts';
import type { DetailsTab } from '../core/store.ts';
import { pageOnlyNotice } from '../core/page-facts-summary.ts';
import { SEVERITY_ICONS } from './FindingsSection.tsx';
import { Icon, type IconName } from './Icon.tsx';

export interface CellContext {
  open(r: ExchangeRecord, tab: DetailsTab): void;
  /** Opens a frame in DevTools' Sources panel; null outside DevTools. */
  openSource: ((frame: StackFrame) => void) | null;
}

type Renderer = (r: ExchangeRecord, ctx: CellContext) => JSX.Element | null;

export function VerdictDot({ r }: { r: ExchangeRecord }) {
  return <span class={`verdict-dot verdict-${displayVerdict(r)}`} aria-hidden="true" />;
}

const TYPE_ICONS: Record<string, { icon: IconName; label: string }> = {
  xmlhttprequest: { icon: 'fetch', label: 'Fetch/XHR' },
  script: { icon: 'script', label: 'Script' },
  image: { icon: 'image', label: 'Image' },
  main_frame: { icon: 'document', label: 'Document' },
  sub_frame: { icon: 'document', label: 'Document' },
};

/** The row's icon, as DevTools' Name column: a red ⊗ for a failure, else the request's type. */
function rowIcon(r: ExchangeRecord): { icon: IconName; label: string; tone: string } {
  const verdict = displayVerdict(r);
  if (verdict === 'blocked') return { icon: 'blocked', label: 'CORS error', tone: 'error' };
  if (verdict === 'failed') return { icon: 'blocked', label: 'Failed', tone: 'error' };
  if (verdict === 'unfinished') return { icon: 'warning', label: 'Unfinished', tone: 'warning' };
  if (verdict === 'pending') return { icon: 'pending', label: 'Pending', tone: 'subtle' };
  const type = TYPE_ICONS[r.type] ?? { icon: 'document', label: r.type || 'Other' };
  return { ...type, tone: 'subtle' };
}

function callFrame(r: ExchangeRecord): StackFrame | null {
  return r.pageFacts?.call.stack?.[0] ?? null;
}

const RENDERERS: Partial<Record<ColumnId, Renderer>> = {
  method: (r, ctx) => (
    <>
      <span>{r.method}</span>
      {(r.preflight || r.preflightCached) && (
        <button
          type="button"
          tabIndex={-1}
          class="preflight-link"
          title={r.preflight ? 'Show the preflight (OPTIONS) request' : 'The preflight came from the cache'}
          aria-label={r.preflight ? 'Show the preflight' : 'Show the cached preflight'}
          onClick={(e) => {
            e.stopPropagation();
            ctx.open(r, 'preflight');
          }}
        >
          <Icon name="preflight" class="preflight-icon" />
          <span class="preflight-word">{r.preflight ? 'preflight' : 'cached preflight'}</span>
        </button>
      )}
    </>
  ),
  url: (r) => {
    const { origin, path } = splitUrl(r.url);
    const icon = rowIcon(r);
    const pageOnly = pageOnlyNotice(r);
    return (
      <>
        <span class={`row-icon tone-${icon.tone}`} title={icon.label}>
          <Icon name={icon.icon} />
        </span>
        <span class="url-path">{path}</span>
        {pageOnly && (
          <span class="badge page-badge" title={`${pageOnly.title} ${pageOnly.text}`}>
            page
          </span>
        )}
        {origin && <span class="url-origin">{origin}</span>}
      </>
    );
  },
  status: (r) => {
    const verdict = displayVerdict(r);
    if (verdict !== 'blocked')
      return (
        <span
          class={
            verdict === 'failed' ? 'text-error' : verdict === 'pending' || verdict === 'unfinished' ? 'text-subtle' : ''
          }
        >
          {statusText(r)}
        </span>
      );
    return (
      <>
        <span class="text-error">CORS error</span>
        {r.response && <span class="text-subtle status-code">{r.response.status}</span>}
      </>
    );
  },
  verdict: (r) => (
    <>
      <VerdictDot r={r} />
      {VERDICT_LABELS[displayVerdict(r)]}
    </>
  ),
  initiator: (r, ctx) => {
    const frame = callFrame(r);
    if (!frame) return <span class="text-subtle">—</span>;
    if (!ctx.openSource || !isOpenable(frame)) return <span>{frameLabel(frame)}</span>;
    const open = ctx.openSource;
    return (
      <button
        type="button"
        tabIndex={-1}
        class="source-link"
        onClick={(e) => {
          e.stopPropagation();
          open(frame);
        }}
      >
        {frameLabel(frame)}
      </button>
    );
  },
  findings: (r) => {
    const findings = r.evaluation.findings;
    const worst = SEVERITIES.find((s) => findings.some((f) => f.severity === s));
    if (!worst) return null;
    return (
      <span class={`findings-count severity-${worst}`}>
        <Icon name={SEVERITY_ICONS[worst]} class="severity-icon" />
        {findings.length}
      </span>
    );
  },
};

/** Tooltips say what the cell cannot (DevTools: "Cross-Origin Resource Sharing error: {code}"). */
function cellTitle(r: ExchangeRecord, column: Column): string {
  const reason = r.evaluation.reason;
  if (column.id === 'status' && reason)
    return `Cross-Origin Resource Sharing error: ${reason.code}${r.response ? ` (HTTP ${r.response.status})` : ''}`;
  if (column.id === 'reason' && reason) return reason.title;
  if (column.id === 'findings' && r.evaluation.findings.length)
    return r.evaluation.findings
      .map((f) => `${f.severity}: ${(isFindingCode(f.code) ? FINDING_TITLES[f.code] : f.code).replaceAll('`', '')}`)
      .join('\n');
  if (column.id === 'initiator') {
    const stack = r.pageFacts?.call.stack ?? [];
    if (stack.length === 0)
      return 'No call site: the page observer did not see this call (it was off, or something other than fetch, XMLHttpRequest, EventSource or sendBeacon made the request).';
    return `${stack.map(frameText).join('\n')}\n(from the page's JavaScript stack, as the page reported it)`;
  }
  return column.text(r);
}

export function Cell({ r, column, ctx }: { r: ExchangeRecord; column: Column; ctx: CellContext }) {
  const render = RENDERERS[column.id];
  return (
    <div role="gridcell" class={`cell cell-${column.id} align-${column.align}`} title={cellTitle(r, column)}>
      {render ? render(r, ctx) : column.text(r)}
    </div>
  );
}
