/** The show/hide columns menu (header right-click and the toolbar), built from the column data. */
import { COLUMNS } from '../core/columns.ts';
import type { PanelStore } from '../core/store.ts';
import type { MenuItem } from './Menu.tsx';

export function columnMenuItems(store: PanelStore): MenuItem[] {
  return COLUMNS.filter((c) => c.hideable).map((c) => ({
    label: c.title,
    checked: !store.hiddenColumns.value.includes(c.id),
    onSelect: () => store.toggleColumn(c.id),
  }));
}
