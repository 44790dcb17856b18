/**
 * Rich rendering for the columns declared in core/columns.ts; a column without an entry here
 * shows its plain `text`. Every value is a text node: URLs and header values are attacker-controlled.
 */
import type { JSX } from 'preact';
import type { Column, ColumnId } from '../core/columns.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict, splitUrl, statusText, VERDICT_LABELS } from '../../../shared/exchange-summary.ts';
import { SEVERITIES } from '../../../cors/findings/catalog.ts';
import type { DetailsTab } from '../core/store.ts';

export interface CellContext {
  open(r: ExchangeRecord, tab: DetailsTab): void;
}

type Renderer = (r: ExchangeRecord, ctx: CellContext) => JSX.Element | null;

export function VerdictDot({ r }: { r: ExchangeRecord }) {
  return <span class={`verdict-dot verdict-${displayVerdict(r)}`} aria-hidden="true" />;
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
          onClick={(e) => {
            e.stopPropagation();
            ctx.open(r, 'preflight');
          }}
        >
          + {r.preflight ? 'preflight' : 'cached preflight'}
        </button>
      )}
    </>
  ),
  url: (r) => {
    const { origin, path } = splitUrl(r.url);
    return (
      <>
        <span class="url-path">{path}</span>
        {origin && <span class="url-origin">{origin}</span>}
      </>
    );
  },
  status: (r) => {
    const verdict = displayVerdict(r);
    if (verdict !== 'blocked')
      return (
        <span class={verdict === 'failed' ? 'text-error' : verdict === 'pending' ? 'text-subtle' : ''}>
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
  findings: (r) => {
    const worst = SEVERITIES.find((s) => r.evaluation.findings.some((f) => f.severity === s));
    return worst ? <span class={`findings-count severity-${worst}`}>{r.evaluation.findings.length}</span> : null;
  },
};

/** Tooltips say what the cell cannot (DevTools: "Cross-Origin Resource Sharing error: {code}"). */
function cellTitle(r: ExchangeRecord, column: Column): string {
  const reason = r.evaluation.reason;
  if (column.id === 'status' && reason)
    return `Cross-Origin Resource Sharing error: ${reason.code}${r.response ? ` (HTTP ${r.response.status})` : ''}`;
  if (column.id === 'reason' && reason) return reason.title;
  if (column.id === 'findings' && r.evaluation.findings.length)
    return r.evaluation.findings.map((f) => `${f.severity}: ${f.code}`).join('\n');
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
