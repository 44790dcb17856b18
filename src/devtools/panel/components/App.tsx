/** The panel: toolbar, filter bar, notices, the table with the details beside it, the status bar. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ServicesContext, type PanelServices } from '../core/services.ts';
import { closeDetails } from '../core/store.ts';
import { DetailsPane } from './DetailsPane.tsx';
import { ExchangeTable } from './ExchangeTable.tsx';
import { FilterBar } from './FilterBar.tsx';
import { HarBanner, HarDropZone } from './HarImport.tsx';
import { HostAccessNotice } from './HostAccessNotice.tsx';
import { Notices } from './Notices.tsx';
import { Splitter } from './Splitter.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';

const TABLE_MIN = 220;

export function App({ services }: { services: PanelServices }) {
  const { store, env } = services;
  // Wide enough beside the details for Name, Status and Reason.
  const tableWidth = useSignal(400);
  const detailsShown = store.detailsOpen.value && store.selected.value !== null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Esc closes the details from anywhere in the panel (menus and the filter box handle theirs first).
      if (e.key === 'Escape' && !e.defaultPrevented && store.detailsOpen.value) {
        e.preventDefault();
        closeDetails(store);
      }
      // In a tab there is no DevTools search bar; Ctrl/⌘+F goes to the filter box instead.
      if (!env.inDevTools && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid="filter"]')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [env.inDevTools, store]);

  return (
    <ServicesContext.Provider value={services}>
      <div class="panel">
        <Toolbar />
        <FilterBar />
        <HostAccessNotice />
        <HarBanner />
        <Notices />
        <main
          class={`main ${detailsShown ? 'with-details' : ''}`}
          style={detailsShown ? { '--table-width': `${tableWidth.value}px` } : undefined}
        >
          <ExchangeTable />
          {detailsShown && (
            <Splitter width={tableWidth} min={TABLE_MIN} max={() => Math.max(TABLE_MIN, window.innerWidth - 280)} />
          )}
          <DetailsPane />
        </main>
        <StatusBar />
        <HarDropZone />
      </div>
    </ServicesContext.Provider>
  );
}
