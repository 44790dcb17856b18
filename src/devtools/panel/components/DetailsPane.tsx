/**
 * The selected exchange's details, in tabs like DevTools' request view: Explanation (default),
 * Headers, Preflight, Redirects when there were any, and What if (the headers edited and judged
 * again) for a CORS read. Esc (handled by App) closes it.
 */
import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { copyCurl, copyFetch } from '../core/exports.ts';
import { useServices } from '../core/services.ts';
import { redirectHops } from '../core/redirect-hops.ts';
import { closeDetails, type DetailsTab } from '../core/store.ts';
import { canTry } from '../core/what-if.ts';
import { ExplanationTab } from './ExplanationTab.tsx';
import { HeadersTab } from './HeadersTab.tsx';
import { Icon } from './Icon.tsx';
import { PreflightTab } from './PreflightTab.tsx';
import { RedirectsTab } from './RedirectsTab.tsx';
import { WhatIfTab } from './WhatIfTab.tsx';

interface TabSpec {
  id: DetailsTab;
  label: string;
  render(r: ExchangeRecord): JSX.Element;
}

const TABS: TabSpec[] = [
  { id: 'explanation', label: 'Explanation', render: (r) => <ExplanationTab r={r} /> },
  { id: 'headers', label: 'Headers', render: (r) => <HeadersTab r={r} /> },
  { id: 'preflight', label: 'Preflight', render: (r) => <PreflightTab r={r} /> },
  { id: 'redirects', label: 'Redirects', render: (r) => <RedirectsTab r={r} /> },
  { id: 'what-if', label: 'What if', render: (r) => <WhatIfTab r={r} /> },
];

function tabsFor(r: ExchangeRecord): TabSpec[] {
  // A redirect the browser refused to follow is a redirect too (the explanation names it).
  return TABS.filter((t) => (t.id !== 'redirects' || redirectHops(r).length > 0) && (t.id !== 'what-if' || canTry(r)));
}

export function DetailsPane() {
  const services = useServices();
  const { store } = services;
  const tabList = useRef<HTMLDivElement>(null);
  const r = store.selected.value;
  if (!r || !store.detailsOpen.value) return null;
  const tabs = tabsFor(r);
  const active = tabs.find((t) => t.id === store.detailsTab.value) ?? tabs[0]!;
  const close = () => closeDetails(store);
  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(active);
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = tabs[(moves[e.key]! + tabs.length) % tabs.length]!;
    store.detailsTab.value = next.id;
    requestAnimationFrame(() => tabList.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus());
  };
  return (
    <section class="details" aria-label="Exchange details" data-testid="details">
      <div class="tab-strip">
        <button
          type="button"
          class="toolbar-button icon-only"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={close}
          data-testid="close-details"
        >
          <Icon name="close" />
        </button>
        <div ref={tabList} role="tablist" aria-label="Details" class="tabs" onKeyDown={onTabKey}>
          {tabs.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={t.id === active.id}
              aria-controls="details-panel"
              tabIndex={t.id === active.id ? 0 : -1}
              class={`tab ${t.id === active.id ? 'active' : ''}`}
              onClick={() => (store.detailsTab.value = t.id)}
              data-testid={`tab-${t.id}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <span class="spacer" />
        <button
          type="button"
          class="toolbar-button"
          onClick={() => copyCurl(services, r)}
          title="Copy as cURL: the preflight, then the request"
          data-testid="copy-curl"
        >
          <Icon name="copy" />
          Copy as cURL
        </button>
        <button
          type="button"
          class="toolbar-button"
          onClick={() => copyFetch(services, r)}
          title="Copy as fetch() for the page's console"
          data-testid="copy-fetch"
        >
          <Icon name="copy" />
          Copy as fetch
        </button>
      </div>
      {/* Keyed by the exchange: what one exchange's view expanded stays with it. */}
      <div
        key={r.id}
        id="details-panel"
        role="tabpanel"
        aria-labelledby={`tab-${active.id}`}
        class="tab-panel"
        tabIndex={0}
      >
        {active.render(r)}
      </div>
    </section>
  );
}
