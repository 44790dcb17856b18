/**
 * The panel's state: signals fed by a Transport, plus the derived rows (filtered, sorted) the view
 * shows. Worker messages are applied to a working copy at once and published at most once per frame,
 * so a burst of thousands of `exchange-added` costs one re-render, not thousands.
 */
import { batch, computed, signal } from '@preact/signals';
import { COLUMNS, sortRecords, type ColumnId, type SortOrder } from './columns.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { countExchanges } from '../../../shared/exchange-summary.ts';
import { CHIPS, parseFilter, type ChipId } from './filter-query.ts';
import { message, type TabState, type WorkerMessage } from '../../../shared/messages.ts';
import { searchMatcher } from './search.ts';
import { loadSettings, saveSettings, type SettingsStorage } from './settings.ts';
import type { Transport } from './transport.ts';

export type DetailsTab = 'explanation' | 'headers' | 'preflight' | 'redirects' | 'what-if';

export interface StoreOptions {
  tabId: number;
  storage?: SettingsStorage | null;
  /** Runs `publish` later; default once per animation frame. Tests pass `(f) => f()`. */
  schedule?: (publish: () => void) => void;
}

const nextFrame = (publish: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => publish()) : setTimeout(publish, 16);

export function createStore(transport: Transport, options: StoreOptions) {
  const schedule = options.schedule ?? nextFrame;
  const storage = options.storage ?? null;
  const settings = loadSettings(storage);

  const records = signal<readonly ExchangeRecord[]>([]);
  const tab = signal<TabState | null>(null);
  const connected = signal(false);
  const lastError = signal<string | null>(null);
  const filterText = signal('');
  const chip = signal<ChipId>('all');
  const sort = signal<SortOrder | null>(settings.sort);
  const hiddenColumns = signal<readonly ColumnId[]>(settings.hiddenColumns);
  const selectedId = signal<string | null>(null);
  const detailsOpen = signal(false);
  const detailsTab = signal<DetailsTab>('explanation');
  const searchQuery = signal('');
  const searchIndex = signal(0);

  const filter = computed(() => parseFilter(`${CHIPS[chip.value].query} ${filterText.value}`));
  const visible = computed(() => {
    const test = filter.value.test;
    return sortRecords(records.value.filter(test), sort.value);
  });
  const counts = computed(() => ({ shown: visible.value.length, ...countExchanges(records.value) }));
  const selected = computed(() => records.value.find((r) => r.id === selectedId.value) ?? null);
  const visibleColumns = computed(() => COLUMNS.filter((c) => !hiddenColumns.value.includes(c.id)));
  const searchMatches = computed(() => {
    const matches = searchMatcher(searchQuery.value);
    return matches ? visible.value.filter(matches).map((r) => r.id) : [];
  });

  // The working copy messages are applied to; `records` is its published snapshot.
  let work: ExchangeRecord[] = [];
  const indexById = new Map<string, number>();
  let publishPending = false;
  const publish = () => {
    publishPending = false;
    records.value = work.slice();
  };
  const schedulePublish = () => {
    if (publishPending) return;
    publishPending = true;
    schedule(publish);
  };
  const reset = (list: readonly ExchangeRecord[]) => {
    work = [...list].sort((a, b) => a.seq - b.seq);
    indexById.clear();
    work.forEach((r, i) => {
      indexById.set(r.id, i);
    });
  };
  const upsert = (r: ExchangeRecord) => {
    const at = indexById.get(r.id);
    if (at === undefined) {
      indexById.set(r.id, work.length);
      work.push(r);
    } else {
      work[at] = r;
    }
  };

  const onMessage = (msg: WorkerMessage) => {
    switch (msg.type) {
      case 'snapshot':
        reset(msg.data.exchanges);
        batch(() => {
          tab.value = msg.data.state;
          connected.value = true;
          lastError.value = null;
        });
        break;
      case 'exchange-added':
      case 'exchange-updated':
        upsert(msg.data.exchange);
        break;
      case 'snapshot-more':
        for (const r of msg.data.exchanges) upsert(r);
        break;
      case 'exchanges-removed': {
        const gone = new Set(msg.data.ids.filter((id) => indexById.has(id)));
        if (gone.size === 0) return;
        reset(work.filter((r) => !gone.has(r.id)));
        if (selectedId.value !== null && gone.has(selectedId.value)) select(null);
        break;
      }
      case 'cleared':
        reset([]);
        select(null);
        break;
      case 'navigated':
        if (tab.value) tab.value = { ...tab.value, pageUrl: msg.data.url };
        return;
      case 'state':
        tab.value = msg.data.state;
        return;
      case 'error':
        lastError.value = msg.data.message;
        return;
    }
    schedulePublish();
  };

  const persist = () => saveSettings(storage, { hiddenColumns: [...hiddenColumns.value], sort: sort.value });

  const select = (id: string | null, openTab?: DetailsTab) => {
    batch(() => {
      selectedId.value = id;
      if (id === null) detailsOpen.value = false;
      if (openTab) {
        detailsTab.value = openTab;
        detailsOpen.value = true;
      }
    });
  };

  /** Selects the current search match and opens nothing else. */
  const showMatch = (index: number) => {
    const ids = searchMatches.value;
    if (ids.length === 0) return;
    const wrapped = ((index % ids.length) + ids.length) % ids.length;
    batch(() => {
      searchIndex.value = wrapped;
      selectedId.value = ids[wrapped]!;
    });
  };

  return {
    records,
    tab,
    connected,
    lastError,
    filterText,
    chip,
    sort,
    hiddenColumns,
    selectedId,
    detailsOpen,
    detailsTab,
    searchQuery,
    searchIndex,
    filter,
    visible,
    counts,
    selected,
    visibleColumns,
    searchMatches,
    /** Starts the transport. Separate from creation so tests and main.tsx decide when. */
    start: () => transport.connect(onMessage),
    stop: () => transport.close(),
    select,
    clear: () => {
      transport.send(message('clear', { tabId: options.tabId }));
      select(null);
    },
    setPreserveLog: (value: boolean) => {
      if (tab.value) tab.value = { ...tab.value, preserveLog: value };
      transport.send(message('set-preserve-log', { tabId: options.tabId, value }));
    },
    /** The page-side observer's switch (one for all tabs); the worker confirms with a `state`. */
    setPageObserver: (value: boolean) => transport.send(message('set-page-observer', { value })),
    /** "Verify with Chrome" for this tab, held while this panel stays connected. */
    setVerifyWithChrome: (value: boolean) =>
      transport.send(message('set-verify-with-chrome', { tabId: options.tabId, value })),
    /** Header click: ascending, then descending, then back to arrival order (DevTools cycles the same way). */
    cycleSort: (column: ColumnId) => {
      const current = sort.value;
      sort.value =
        current?.column !== column
          ? { column, direction: 'asc' }
          : current.direction === 'asc'
            ? { column, direction: 'desc' }
            : null;
      persist();
    },
    toggleColumn: (column: ColumnId) => {
      const hidden = hiddenColumns.value;
      hiddenColumns.value = hidden.includes(column) ? hidden.filter((c) => c !== column) : [...hidden, column];
      persist();
    },
    search: {
      perform: (query: string) => {
        searchQuery.value = query;
        showMatch(0);
      },
      next: () => showMatch(searchIndex.value + 1),
      previous: () => showMatch(searchIndex.value - 1),
      cancel: () => {
        batch(() => {
          searchQuery.value = '';
          searchIndex.value = 0;
        });
      },
    },
  };
}

export type PanelStore = ReturnType<typeof createStore>;

/** Closes the details and gives focus back to the selected row, as closing DevTools' request view does. */
export function closeDetails(store: PanelStore): void {
  store.detailsOpen.value = false;
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[role="row"][aria-selected="true"]')?.focus());
}
