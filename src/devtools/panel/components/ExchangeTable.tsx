/**
 * The exchange table: an ARIA grid with a roving tabindex over virtualized rows (the active row
 * stays mounted while scrolled away, so it keeps focus). Arrows, Page
 * Up/Down, Home/End move the selection (the details follow), Enter opens the details, the
 * context-menu key or a right-click offers Copy as cURL / fetch.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { fitColumns, gridTemplate } from '../core/columns.ts';
import { copyCurl, copyFetch } from '../core/exports.ts';
import { useServices } from '../core/services.ts';
import type { DetailsTab } from '../core/store.ts';
import { EmptyState } from './EmptyState.tsx';
import { ExchangeRow, type RowContext } from './ExchangeRow.tsx';
import { Menu, type MenuItem, type MenuPosition } from './Menu.tsx';
import { TableHeader } from './TableHeader.tsx';
import { ROW_HEIGHT, useVirtualRows } from './use-virtual-rows.ts';

const HEADER_HEIGHT = 22;

/** The element's inner width (without its scroll bar), kept current as the panel or the splitter resizes. */
function useWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function ExchangeTable() {
  const services = useServices();
  const { store } = services;
  const rows = store.visible.value;
  const selectedId = store.selectedId.value;
  const allColumns = store.visibleColumns.value;
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  const activeIndex = Math.max(selectedIndex, 0);
  const { scrollRef, virtualizer } = useVirtualRows(rows.length, HEADER_HEIGHT, activeIndex);
  const width = useWidth(scrollRef);
  // The columns that fit the table's width (docked right, or beside the details); stable identity
  // between renders, or every memoized row would re-render.
  const columns = useMemo(() => fitColumns(allColumns, width), [allColumns, width]);
  const template = useMemo(() => gridTemplate(columns), [columns]);
  const matches = new Set(store.searchMatches.value);
  const focusPending = useRef(false);
  const [menu, setMenu] = useState<{ at: MenuPosition; r: ExchangeRecord } | null>(null);
  const items = virtualizer.getVirtualItems();

  // One stable context object, so memoized rows re-render only when their own data changes.
  const openResource = services.env.openResource;
  const ctx = useMemo<RowContext>(
    () => ({
      open: (r: ExchangeRecord, tab: DetailsTab) => store.select(r.id, tab),
      openSource: openResource ? (frame) => openResource(frame.url, frame.line, frame.column) : null,
      clicked: (r: ExchangeRecord) =>
        store.select(r.id, store.detailsOpen.value ? store.detailsTab.value : 'explanation'),
      contextMenu: (r: ExchangeRecord, at: MenuPosition) => {
        store.selectedId.value = r.id;
        setMenu({ at, r });
      },
    }),
    [store, openResource],
  );

  // Keyboard moves ask for the newly selected row to take focus once it is rendered.
  useLayoutEffect(() => {
    if (!focusPending.current || selectedIndex < 0) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${selectedIndex}"]`);
    if (row) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    if (rows.length === 0) return;
    const i = Math.max(0, Math.min(rows.length - 1, index));
    focusPending.current = true;
    store.selectedId.value = rows[i]!.id;
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const rowMenu = (r: ExchangeRecord): MenuItem[] => [
    { label: 'Copy as cURL', onSelect: () => copyCurl(services, r) },
    { label: 'Copy as fetch', onSelect: () => copyFetch(services, r) },
    { label: 'Copy URL', onSelect: () => services.copy(r.url, 'the URL') },
    {
      label: 'Show preflight',
      disabled: !r.preflight && !r.preflightCached,
      separatorBefore: true,
      onSelect: () => ctx.open(r, 'preflight'),
    },
  ];

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex < 0 ? 0 : selectedIndex - 1,
      PageDown: selectedIndex + page,
      PageUp: selectedIndex - page,
      Home: 0,
      End: rows.length - 1,
    };
    const selected = rows[selectedIndex];
    if (e.key in moves) moveTo(moves[e.key]!);
    else if (e.key === 'Enter' && selected) store.select(selected.id, store.detailsTab.value);
    else if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && selected) {
      const rect = scrollRef.current?.querySelector(`[data-row-index="${selectedIndex}"]`)?.getBoundingClientRect();
      setMenu({ at: { x: rect?.left ?? 0, y: rect?.bottom ?? 0 }, r: selected });
    } else return;
    e.preventDefault();
  };

  return (
    <div class="table-pane">
      <div
        ref={scrollRef}
        class="grid-scroll"
        role="grid"
        aria-label="Cross-origin exchanges"
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length}
        // The active row holds the tab stop; with no rows, the grid itself does.
        tabIndex={rows.length ? -1 : 0}
        onKeyDown={onKeyDown}
        data-testid="exchange-grid"
      >
        <TableHeader columns={columns} template={template} />
        {rows.length === 0 ? (
          <EmptyState />
        ) : (
          <div role="rowgroup" class="grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {items.map((item) => {
              const r = rows[item.index]!;
              return (
                <ExchangeRow
                  key={r.id}
                  r={r}
                  index={item.index}
                  top={item.start - HEADER_HEIGHT}
                  columns={columns}
                  template={template}
                  selected={r.id === selectedId}
                  active={item.index === activeIndex}
                  searchMatch={matches.has(r.id)}
                  ctx={ctx}
                />
              );
            })}
          </div>
        )}
      </div>
      {menu && (
        <Menu
          items={rowMenu(menu.r)}
          at={menu.at}
          label="Exchange"
          onClose={() => {
            focusPending.current = true;
            setMenu(null);
          }}
        />
      )}
    </div>
  );
}
