/**
 * Boots the panel: works out where it runs, picks the transport (worker port or fixture), applies
 * the theme, exposes the search bridge for devtools.ts, and renders.
 */
import { render } from 'preact';
import { App } from './components/App.tsx';
import { exposeBridge, type SearchAction } from './core/bridge.ts';
import { detectEnvironment, type ThemeName } from './core/environment.ts';
import { fixtureTransport } from './core/fixture-transport.ts';
import { createHarSession } from './core/har-session.ts';
import { createServices } from './core/services.ts';
import { switchableTransport } from './core/switchable-transport.ts';
import { createStore } from './core/store.ts';
import { workerTransport, type Transport } from './core/transport.ts';
import './styles/theme.css';
import './styles/toolbar.css';
import './styles/table.css';
import './styles/menu.css';
import './styles/details.css';
import './styles/explanation.css';
import './styles/headers.css';
import './styles/har-import.css';

function applyTheme(theme: ThemeName): void {
  document.documentElement.dataset.theme = theme;
}

async function transportFor(
  fixture: string | null,
  tabId: number | null,
): Promise<{ transport: Transport; tabId: number } | null> {
  if (fixture) {
    // Fixtures (and the engine that builds them) load only when asked for.
    const { SCENARIOS } = await import('./fixtures/scenarios.ts');
    const scenario = (SCENARIOS[fixture] ?? SCENARIOS.demo!)();
    return { transport: fixtureTransport(scenario), tabId: scenario.state.tabId };
  }
  return tabId === null ? null : { transport: workerTransport(tabId), tabId };
}

async function main(): Promise<void> {
  const env = detectEnvironment();
  applyTheme(env.theme);
  env.onThemeChange(applyTheme);
  const root = document.getElementById('app')!;
  const source = await transportFor(env.fixture, env.tabId);
  if (!source) {
    render(
      <div class="empty-state">
        <p class="empty-title">No tab to inspect</p>
        <p>Open DevTools on a page and choose the CORS panel, or open this page with ?tabId=N.</p>
      </div>,
      root,
    );
    return;
  }
  // The live source, or the exchanges of a HAR file opened in the panel.
  const transport = switchableTransport(source.transport);
  const store = createStore(transport, { tabId: source.tabId, storage: window.localStorage });
  const actions: Record<SearchAction, (query?: string) => void> = {
    performSearch: (query) => store.search.perform(query ?? ''),
    nextSearchResult: () => store.search.next(),
    previousSearchResult: () => store.search.previous(),
    cancelSearch: () => store.search.cancel(),
  };
  exposeBridge(window, { search: (action, query) => actions[action]?.(query) });
  const services = createServices(store, env);
  services.har = createHarSession(transport, source.transport, source.tabId, (status) => {
    services.status.value = status;
  });
  render(<App services={services} />, root);
  store.start();
}

void main();
