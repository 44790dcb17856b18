/**
 * Panel preferences that survive closing DevTools (DevTools persists its Network column and sort
 * choices the same way). Stored in the panel's localStorage; storing them is not critical, so a
 * failing or missing storage only means defaults next time.
 */
import { COLUMNS, isColumnId, type ColumnId, type SortOrder } from './columns.ts';

export interface PanelSettings {
  hiddenColumns: ColumnId[];
  sort: SortOrder | null;
}

export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

const KEY = 'cors-inspector.panel.v1';

const DEFAULT_SETTINGS: PanelSettings = {
  hiddenColumns: COLUMNS.filter((c) => !c.visibleByDefault).map((c) => c.id),
  sort: null,
};

function validSort(value: unknown): SortOrder | null {
  const s = value as Partial<SortOrder> | null;
  return s && isColumnId(s.column) && (s.direction === 'asc' || s.direction === 'desc')
    ? { column: s.column, direction: s.direction }
    : null;
}

export function loadSettings(storage: SettingsStorage | null): PanelSettings {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return DEFAULT_SETTINGS;
    const parsed = JSON.parse(raw) as Partial<PanelSettings>;
    return {
      hiddenColumns: Array.isArray(parsed.hiddenColumns)
        ? parsed.hiddenColumns.filter(isColumnId)
        : DEFAULT_SETTINGS.hiddenColumns,
      sort: validSort(parsed.sort),
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(storage: SettingsStorage | null, settings: PanelSettings): void {
  try {
    storage?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Quota or a disabled storage: the preference is lost, nothing else is.
  }
}
