/** The table's sticky header row: click to sort (asc → desc → arrival order), right-click for columns. */
import { useState } from 'preact/hooks';
import type { Column } from '../core/columns.ts';
import { useServices } from '../core/services.ts';
import { columnMenuItems } from './column-menu.ts';
import { Icon } from './Icon.tsx';
import { Menu, type MenuPosition } from './Menu.tsx';

export function TableHeader({ columns, template }: { columns: readonly Column[]; template: string }) {
  const { store } = useServices();
  const [menuAt, setMenuAt] = useState<MenuPosition | null>(null);
  const sort = store.sort.value;
  return (
    <div role="rowgroup" class="grid-head">
      <div
        role="row"
        aria-rowindex={1}
        class="grid-row head-row"
        style={{ gridTemplateColumns: template }}
        onContextMenu={(e) => {
          e.preventDefault();
          setMenuAt({ x: e.clientX, y: e.clientY });
        }}
      >
        {columns.map((c) => {
          const direction = sort?.column === c.id ? sort.direction : null;
          return (
            <div
              key={c.id}
              role="columnheader"
              aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
              class={`cell head-cell align-${c.align}`}
            >
              <button
                type="button"
                class="head-button"
                data-testid={`sort-${c.id}`}
                onClick={() => store.cycleSort(c.id)}
                title={`Sort by ${c.title}`}
              >
                <span class="head-title">{c.title}</span>
                {direction && <Icon name={direction === 'asc' ? 'arrowUp' : 'arrowDown'} class="sort-arrow" />}
              </button>
            </div>
          );
        })}
      </div>
      {menuAt && <Menu items={columnMenuItems(store)} at={menuAt} label="Columns" onClose={() => setMenuAt(null)} />}
    </div>
  );
}
