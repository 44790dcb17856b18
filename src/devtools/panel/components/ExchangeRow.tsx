/**
 * One table row. Memoized: while scrolling 50 000 rows only the rows entering the view render;
 * the ones already there keep their DOM untouched (their position depends on their index only).
 */
import { memo } from 'preact/compat';
import type { Column } from '../core/columns.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict } from '../../../shared/exchange-summary.ts';
import { Cell, type CellContext } from './cells.tsx';
import type { MenuPosition } from './Menu.tsx';

export interface RowContext extends CellContext {
  clicked(r: ExchangeRecord): void;
  contextMenu(r: ExchangeRecord, at: MenuPosition): void;
}

interface RowProps {
  r: ExchangeRecord;
  index: number;
  top: number;
  columns: readonly Column[];
  template: string;
  selected: boolean;
  /** The row that holds the grid's tab stop (roving tabindex). */
  active: boolean;
  searchMatch: boolean;
  ctx: RowContext;
}

function Row({ r, index, top, columns, template, selected, active, searchMatch, ctx }: RowProps) {
  const verdict = displayVerdict(r);
  const classes = [
    'grid-row',
    index % 2 ? 'odd' : 'even',
    selected ? 'selected' : '',
    verdict === 'blocked' ? 'blocked' : '',
    searchMatch ? 'search-match' : '',
  ];
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      class={classes.join(' ')}
      data-row-index={index}
      data-id={r.id}
      data-verdict={verdict}
      style={{ gridTemplateColumns: template, transform: `translateY(${top}px)` }}
      onClick={() => ctx.clicked(r)}
      onContextMenu={(e) => {
        e.preventDefault();
        ctx.contextMenu(r, { x: e.clientX, y: e.clientY });
      }}
    >
      {columns.map((c) => (
        <Cell key={c.id} r={r} column={c} ctx={ctx} />
      ))}
    </div>
  );
}

export const ExchangeRow = memo(Row);
