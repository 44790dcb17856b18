// @vitest-environment happy-dom
/**
 * Opening HAR files in the panel: the toolbar button and a drop on the panel read the file with the
 * importer `analyze` uses, the same table and details show its exchanges, and "Back to live"
 * returns to the recording.
 */
import fs from 'node:fs';
import path from 'node:path';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/devtools/panel/components/App.tsx';
import { fixtureTransport } from '../../../src/devtools/panel/core/fixture-transport.ts';
import { createHarSession } from '../../../src/devtools/panel/core/har-session.ts';
import { createServices } from '../../../src/devtools/panel/core/services.ts';
import { createStore } from '../../../src/devtools/panel/core/store.ts';
import { switchableTransport } from '../../../src/devtools/panel/core/switchable-transport.ts';
import { fixtureState } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { fakeEnvironment } from './render-panel.tsx';

afterEach(cleanup);

const harFile = (name: string) =>
  new File([fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/har', name), 'utf8')], name, {
    type: 'application/json',
  });
/** What the browser does when a file is picked (happy-dom's fireEvent.change does not reach Preact's handler here). */
async function pick(input: HTMLInputElement, file: File): Promise<void> {
  await act(async () => {
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const rows = () => [...document.querySelectorAll<HTMLElement>('[role="row"][data-id]')];
const counts = () => screen.getByTestId('counts').textContent;

async function renderWithHar() {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  const live = fixtureTransport({ state: fixtureState(), exchanges: demoRecords() });
  const transport = switchableTransport(live);
  const store = createStore(transport, { tabId: 7, schedule: (publish) => publish() });
  const services = createServices(store, fakeEnvironment());
  services.har = createHarSession(transport, live, 7, (s) => {
    services.status.value = s;
  });
  render(<App services={services} />);
  store.start();
  await vi.waitFor(() => expect(rows()).toHaveLength(14));
  return services;
}

describe('opening a HAR in the panel', () => {
  it('"Import HAR file" shows the file\'s exchanges in the same table, every blocked read counted', async () => {
    await renderWithHar();
    const button = screen.getByRole('button', { name: 'Import HAR file' });
    expect(button.getAttribute('title')).toBe('Import HAR file');
    const input = screen.getByTestId<HTMLInputElement>('import-har-input');
    await pick(input, harFile('gallery-playwright.har'));
    await vi.waitFor(() => expect(counts()).toBe('26 exchanges · 14 blocked'));
    expect(screen.getByTestId('har-banner').textContent).toMatch(
      /Showing 26 exchanges from gallery-playwright\.har \(Playwright recordHar/,
    );
    expect(screen.getByTestId('har-banner').textContent).toMatch(/Playwright records no preflight requests/);
    expect(screen.getByTestId('status-message').textContent).toBe('Imported 26 exchanges from gallery-playwright.har.');
  });

  it('explains a blocked read whose reason the HAR lacks, listing the candidates', async () => {
    await renderWithHar();
    const input = screen.getByTestId<HTMLInputElement>('import-har-input');
    await pick(input, harFile('gallery-playwright.har'));
    await vi.waitFor(() => expect(rows()).toHaveLength(26));
    const row = rows().find((r) => r.textContent!.includes('/s/preflight-no-acam'))!;
    expect(row.getAttribute('data-verdict')).toBe('blocked');
    expect(row.textContent).toContain('reason not recorded');
    fireEvent.click(row);
    const possible = screen.getByTestId('possible-reasons');
    expect(possible.textContent).toContain('The recording does not show why');
    expect(possible.textContent).toContain('MethodDisallowedByPreflightResponse (PUT)');
  });

  it('takes files dropped on the panel ("Drop HAR files here"), and goes back to live', async () => {
    await renderWithHar();
    const files = [harFile('gallery-chrome-devtools.har')];
    const dataTransfer = { types: ['Files'], files };
    await act(async () => {
      fireEvent.dragEnter(window, { dataTransfer });
    });
    expect(screen.getByTestId('har-drop').textContent).toBe('Drop HAR files here');
    await act(async () => {
      fireEvent.drop(window, { dataTransfer });
    });
    await vi.waitFor(() => expect(counts()).toBe('26 exchanges · 14 blocked'));
    expect(screen.queryByTestId('har-drop')).toBeNull();
    fireEvent.click(screen.getByTestId('har-back-to-live'));
    await vi.waitFor(() => expect(rows()).toHaveLength(14));
    expect(screen.queryByTestId('har-banner')).toBeNull();
  });

  it('says why a file that is not a HAR was refused, and keeps the live view', async () => {
    const services = await renderWithHar();
    await act(async () => {
      await services.har!.open([new File(['my notes'], 'notes.txt')]);
    });
    expect(screen.getByTestId('status-message').textContent).toMatch(/^Could not import: notes\.txt: not valid JSON/);
    expect(rows()).toHaveLength(14);
  });
});
