// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureState } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import { message } from '../../../src/shared/messages.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { renderPanel } from './render-panel.tsx';

afterEach(cleanup);

const demo = () => ({ state: fixtureState(), exchanges: demoRecords() });
const rows = () => [...document.querySelectorAll<HTMLElement>('[role="row"][data-id]')];
const rowFor = (path: string) => rows().find((r) => r.textContent!.includes(path))!;

describe('the exchange table', () => {
  it('shows one row per exchange with the preflight folded in and blocked reads as "CORS error"', async () => {
    await renderPanel(demo());
    expect(rows()).toHaveLength(14);
    const orders = rowFor('/api/orders');
    expect(orders.getAttribute('data-verdict')).toBe('blocked');
    expect(within(orders).getByText('CORS error')).toBeTruthy();
    expect(within(orders).getByText('403')).toBeTruthy();
    expect(within(orders).getByText('AllowOriginMismatch')).toBeTruthy();
    expect(within(rowFor('/api/items/42')).getByRole('button', { name: 'Show the preflight' }).textContent).toBe(
      'preflight',
    );
    expect(within(rowFor('/api/items/44')).getByRole('button', { name: 'Show the cached preflight' }).textContent).toBe(
      'cached preflight',
    );
    expect(screen.getByTestId('counts').textContent).toBe('14 exchanges · 7 blocked · 1 pending');
  });

  it('filters by typing and by chips, and says what the footer shows', async () => {
    await renderPanel(demo());
    fireEvent.input(screen.getByTestId('filter'), { target: { value: 'method:PUT' } });
    expect(rows().map((r) => r.getAttribute('data-id'))).toEqual(['7:4', '7:5', '7:10']);
    expect(screen.getByTestId('counts').textContent).toBe('3 / 14 exchanges · 7 blocked · 1 pending');
    fireEvent.click(screen.getByTestId('chip-blocked'));
    expect(rows().map((r) => r.getAttribute('data-id'))).toEqual(['7:5']);
    expect(screen.getByTestId('chip-blocked').getAttribute('aria-checked')).toBe('true');
  });

  it('suggests keys and values and accepts one with Enter', async () => {
    const { services } = await renderPanel(demo());
    const input = screen.getByTestId('filter') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'pre' } });
    expect(screen.getByRole('listbox').textContent).toBe('preflight:');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(services.store.filterText.value).toBe('preflight:');
    // The key leads straight on to its values.
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'preflight:yes',
      'preflight:no',
      'preflight:sent',
      'preflight:cached',
    ]);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(services.store.filterText.value).toBe('preflight:no');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(rows()).toHaveLength(9);
  });

  it('marks an invalid filter and says why', async () => {
    await renderPanel(demo());
    fireEvent.input(screen.getByTestId('filter'), { target: { value: 'cors:maybe' } });
    expect(screen.getByTestId('filter').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/cors: expects allowed, blocked/)).toBeTruthy();
    expect(screen.getByTestId('empty-state').textContent).toMatch(/No exchanges match the filter/);
    fireEvent.click(screen.getByRole('button', { name: 'Show all exchanges' }));
    expect(rows()).toHaveLength(14);
  });

  it('sorts by a header click and shows the direction', async () => {
    await renderPanel(demo());
    fireEvent.click(screen.getByTestId('sort-method'));
    expect(rows()[0]!.querySelector('.cell-method')!.textContent).toBe('DELETEpreflight');
    expect(
      screen
        .getAllByRole('columnheader')
        .find((h) => h.textContent === 'Method')!
        .getAttribute('aria-sort'),
    ).toBe('ascending');
  });

  it("hides a column from the header's context menu", async () => {
    await renderPanel(demo());
    fireEvent.contextMenu(screen.getAllByRole('columnheader')[0]!);
    const item = screen.getByRole('menuitemcheckbox', { name: /Initiator/ });
    expect(item.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(item);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).not.toContain('Initiator');
  });

  it('moves with the keyboard: arrows, Home/End, Enter opens the details, Esc closes them', async () => {
    const { services } = await renderPanel(demo());
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(services.store.selectedId.value).toBe('7:1');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(services.store.selectedId.value).toBe('7:2');
    expect(rowFor('/api/profile').getAttribute('tabindex')).toBe('0');
    expect(rowFor('/api/users').getAttribute('tabindex')).toBe('-1');
    fireEvent.keyDown(grid, { key: 'End' });
    expect(services.store.selectedId.value).toBe('7:14');
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(services.store.selectedId.value).toBe('7:1');
    expect(screen.queryByTestId('details')).toBeNull();
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(screen.getByTestId('details')).toBeTruthy();
    fireEvent.keyDown(grid, { key: 'Escape' });
    expect(screen.queryByTestId('details')).toBeNull();
  });

  it('opens the preflight from the preflight link in the Method cell', async () => {
    await renderPanel(demo());
    fireEvent.click(within(rowFor('/api/items/43')).getByRole('button', { name: 'Show the preflight' }));
    expect(screen.getByTestId('tab-preflight').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('preflight-tab')).toBeTruthy();
  });

  it('updates live', async () => {
    const { transport } = await renderPanel({ state: fixtureState(), exchanges: [] });
    expect(screen.getByTestId('empty-state').textContent).toMatch(/Recording cross-origin requests/);
    transport.emit(message('exchange-added', { tabId: 7, exchange: demoRecords()[1]! }));
    await screen.findByText('/api/profile');
    expect(rows()).toHaveLength(1);
  });

  it('clears through the worker and sets Preserve log', async () => {
    const { transport } = await renderPanel(demo());
    fireEvent.click(screen.getByTestId('preserve-log'));
    expect(transport.sent).toContainEqual(message('set-preserve-log', { tabId: 7, value: true }));
    fireEvent.click(screen.getByTestId('clear'));
    expect(transport.sent).toContainEqual(message('clear', { tabId: 7 }));
    expect(rows()).toHaveLength(0);
  });

  it('offers a reload when the log is empty and the page can be reloaded', async () => {
    let reloads = 0;
    await renderPanel({ state: fixtureState(), exchanges: [] }, { reloadPage: () => reloads++ });
    expect(screen.getByText(/Requests made before recording began are not captured/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('reload-page'));
    expect(reloads).toBe(1);
  });

  it('says when older exchanges were evicted or not captured', async () => {
    await renderPanel({
      state: fixtureState({
        evicted: 1200,
        gaps: [{ from: Date.UTC(2026, 0, 1), to: null, why: 'the service worker was stopped' }],
      }),
      exchanges: demoRecords(),
    });
    const notices = screen.getByTestId('notices').textContent!;
    expect(notices).toMatch(/1,200 older exchanges were dropped/);
    expect(notices).toMatch(/were not captured, or not all of their events \(the service worker was stopped\)/);
  });

  it('names the calling script and line in Initiator, and opens it in Sources inside DevTools', async () => {
    const frame = { url: 'http://127.0.0.1:5173/static/app.js', line: 12, column: 5, functionName: 'load' };
    const withStack = demoRecords().map((r) =>
      r.url.endsWith('/api/orders')
        ? {
            ...r,
            pageFacts: {
              seen: 'page-and-network' as const,
              frameOrigin: 'http://127.0.0.1:5173',
              call: {
                api: 'fetch' as const,
                url: r.url,
                method: 'GET',
                mode: 'cors' as const,
                credentials: 'same-origin' as const,
                redirect: 'follow' as const,
                headers: [],
                body: false,
                streamBody: false,
                uploadListener: false,
                at: r.startedAt,
                stack: [frame],
              },
              outcome: null,
              endedAt: null,
            },
          }
        : r,
    );
    const opened: [string, number, number][] = [];
    await renderPanel(
      { state: fixtureState(), exchanges: withStack },
      { openResource: (url, line, column) => opened.push([url, line, column]) },
    );
    const cell = rowFor('/api/orders').querySelector<HTMLElement>('.cell-initiator')!;
    expect(cell.title).toBe(`load @ ${frame.url}:12:5\n(from the page's JavaScript stack, as the page reported it)`);
    fireEvent.click(within(cell).getByRole('button', { name: 'app.js:12' }));
    expect(opened).toEqual([[frame.url, 12, 5]]);
    // Without the page observer's stack there is no call site, and the cell says why on hover.
    const other = rowFor('/api/profile').querySelector<HTMLElement>('.cell-initiator')!;
    expect(other.textContent).toBe('—');
    expect(other.title).toMatch(/^No call site/);
  });

  it('shows the call site as text outside DevTools, where Sources does not exist', async () => {
    const [record] = demoRecords();
    const stack = [{ url: 'http://127.0.0.1:5173/', line: 33, column: 9, functionName: '' }];
    await renderPanel({
      state: fixtureState(),
      exchanges: [
        {
          ...record!,
          pageFacts: {
            ...pageOnlyFacts(record!.url),
            seen: 'page-and-network',
            call: { ...pageOnlyFacts(record!.url).call, stack },
          },
        },
      ],
    });
    const cell = rows()[0]!.querySelector('.cell-initiator')!;
    expect(cell.textContent).toBe('(index):33');
    expect(cell.querySelector('button')).toBeNull();
  });

  it('marks failures with a red ⊗, findings with their severity, and page-only exchanges as page-reported', async () => {
    const records = demoRecords();
    const pageOnly = {
      ...records[1]!,
      id: '7:99',
      seq: 99,
      url: 'ftp://files.example/x',
      pageFacts: pageOnlyFacts('ftp://files.example/x'),
    };
    await renderPanel({ state: fixtureState(), exchanges: [...records, pageOnly] });
    expect(rowFor('/api/orders').querySelector('.row-icon')!.getAttribute('title')).toBe('CORS error');
    expect(rowFor('/api/users').querySelector('.row-icon')!.getAttribute('title')).toBe('Fetch/XHR');
    const findings = rowFor('/api/account').querySelector<HTMLElement>('.cell-findings')!;
    expect(findings.querySelector('.findings-count')!.className).toContain('severity-high');
    expect(findings.title).toBe('high: Any origin is trusted (Origin reflected)');
    const badge = rowFor('files.example').querySelector<HTMLElement>('.page-badge')!;
    expect(badge.textContent).toBe('page');
    expect(badge.title).toMatch(/A page can report anything about its own calls\./);
  });

  it('shows the default columns with Name first, as DevTools does', async () => {
    const { container } = await renderPanel(demo());
    const titles = () => screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(titles()).toEqual(['Name', 'Method', 'Status', 'Reason', 'Verdict', 'Initiator', 'Findings', 'Time']);
    expect(container.querySelector('.head-row')).toBeTruthy();
  });
});

function pageOnlyFacts(url: string) {
  return {
    seen: 'page-only' as const,
    frameOrigin: 'http://127.0.0.1:5173',
    call: {
      api: 'fetch' as const,
      url,
      method: 'GET',
      mode: 'cors' as const,
      credentials: 'same-origin' as const,
      redirect: 'follow' as const,
      headers: [],
      body: false,
      streamBody: false,
      uploadListener: false,
      at: 1,
    },
    outcome: { kind: 'error' as const, name: 'TypeError', message: 'Failed to fetch' },
    endedAt: 2,
  };
}
