/**
 * Renders the whole panel over a fixture in happy-dom, the way main.tsx does inside DevTools, with
 * synchronous publishing and a layout size (happy-dom has no layout, so the virtualizer is told the
 * grid is 600 px tall).
 */
import { act, render, type RenderResult } from '@testing-library/preact';
import { vi } from 'vitest';
import { App } from '../../../src/devtools/panel/components/App.tsx';
import type { PanelEnvironment } from '../../../src/devtools/panel/core/environment.ts';
import { fixtureTransport, type FixtureTransport } from '../../../src/devtools/panel/core/fixture-transport.ts';
import { createServices, type PanelServices } from '../../../src/devtools/panel/core/services.ts';
import { createStore } from '../../../src/devtools/panel/core/store.ts';
import type { Scenario } from '../../../src/devtools/panel/fixtures/scenarios.ts';

export interface RenderedPanel extends RenderResult {
  services: PanelServices;
  transport: FixtureTransport;
}

export function fakeEnvironment(overrides: Partial<PanelEnvironment> = {}): PanelEnvironment {
  return {
    browser: 'chromium',
    inDevTools: false,
    tabId: 7,
    fixture: 'test',
    theme: 'light',
    onThemeChange: () => {},
    reloadPage: null,
    openResource: null,
    debuggerPermission: async () => 'no-extension',
    hostAccess: null,
    ...overrides,
  };
}

export async function renderPanel(scenario: Scenario, env: Partial<PanelEnvironment> = {}): Promise<RenderedPanel> {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  const transport = fixtureTransport(scenario);
  const store = createStore(transport, { tabId: scenario.state.tabId, schedule: (publish) => publish() });
  const services = createServices(store, fakeEnvironment(env));
  const result = render(<App services={services} />);
  store.start();
  await vi.waitFor(() => {
    if (!store.connected.value) throw new Error('not connected yet');
  });
  // Let Preact re-render for the snapshot and the virtualizer measure.
  await act(async () => {});
  return { ...result, services, transport };
}
