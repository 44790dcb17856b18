import { describe, expect, it } from 'vitest';
import { fixtureTransport } from '../../../src/devtools/panel/core/fixture-transport.ts';
import { createStore } from '../../../src/devtools/panel/core/store.ts';
import { buildExchange, fixtureState } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import type { Scenario } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { message } from '../../../src/shared/messages.ts';
import { demoRecords, seqs } from '../../fixtures/exchanges/demo-records.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

/** A started store over a fixture; publishing is synchronous unless `publishes` collects them. */
async function started(
  scenario: Scenario = { state: fixtureState(), exchanges: demoRecords() },
  options: { storage?: ReturnType<typeof memoryStorage>; publishes?: (() => void)[] } = {},
) {
  const transport = fixtureTransport(scenario);
  const queue = options.publishes;
  const store = createStore(transport, {
    tabId: scenario.state.tabId,
    storage: options.storage ?? null,
    schedule: queue ? (f) => void queue.push(f) : (f) => f(),
  });
  store.start();
  await Promise.resolve();
  queue?.splice(0).forEach((f) => {
    f();
  });
  return { store, transport };
}

describe('the panel store', () => {
  it('shows the snapshot in arrival order once connected', async () => {
    const { store } = await started({ state: fixtureState(), exchanges: [...demoRecords()].reverse() });
    expect(store.connected.value).toBe(true);
    expect(seqs(store.visible.value)).toEqual(seqs(demoRecords()));
    expect(store.counts.value).toMatchObject({
      shown: 14,
      total: 14,
      blocked: 7,
      pending: 1,
      preflighted: 5,
      findings: 1,
    });
  });

  it('applies live additions and updates, publishing a burst once', async () => {
    const publishes: (() => void)[] = [];
    const { store, transport } = await started({ state: fixtureState(), exchanges: [] }, { publishes });
    const pending = buildExchange({ url: 'http://localhost:7002/live', outcome: 'pending', response: null }, 100);
    for (let i = 0; i < 500; i++)
      transport.emit(
        message('exchange-added', { tabId: 7, exchange: { ...pending, id: `7:live-${i}`, seq: 100 + i } }),
      );
    expect(publishes).toHaveLength(1);
    publishes.splice(0).forEach((f) => {
      f();
    });
    expect(store.records.value).toHaveLength(500);
    const done = buildExchange(
      { url: 'http://localhost:7002/live', response: { status: 200, headers: {} }, outcome: 'failed' },
      100,
    );
    transport.emit(message('exchange-updated', { tabId: 7, exchange: { ...done, id: '7:live-0', seq: 100 } }));
    publishes.splice(0).forEach((f) => {
      f();
    });
    expect(store.records.value).toHaveLength(500);
    expect(store.records.value[0]!.evaluation.verdict).toBe('blocked');
    expect(store.counts.value.blocked).toBe(1);
  });

  it('drops an exchange the worker merged into another', async () => {
    const { store, transport } = await started();
    store.select('7:6', 'explanation');
    transport.emit(message('exchanges-removed', { tabId: 7, ids: ['7:6'], why: 'merged' }));
    expect(seqs(store.records.value)).toEqual(seqs(demoRecords()).filter((s) => s !== 6));
    expect(store.selected.value).toBeNull();
    transport.emit(message('exchange-updated', { tabId: 7, exchange: demoRecords()[0]! }));
    expect(store.records.value[0]!.id).toBe('7:1');
    expect(store.records.value).toHaveLength(13);
  });

  it('filters with the chip and the text together', async () => {
    const { store } = await started();
    store.chip.value = 'blocked';
    expect(store.counts.value.shown).toBe(7);
    store.filterText.value = 'preflight:yes';
    expect(seqs(store.visible.value)).toEqual([5, 6, 14]);
    expect(store.counts.value.total).toBe(14);
  });

  it('cycles the sort asc → desc → arrival order and remembers it', async () => {
    const storage = memoryStorage();
    const { store } = await started(undefined, { storage });
    store.cycleSort('method');
    expect(store.visible.value[0]!.method).toBe('DELETE');
    store.cycleSort('method');
    expect(store.visible.value[0]!.method).toBe('PUT');
    const again = await started(undefined, { storage });
    expect(again.store.sort.value).toEqual({ column: 'method', direction: 'desc' });
    store.cycleSort('method');
    expect(seqs(store.visible.value)).toEqual(seqs(demoRecords()));
  });

  it('shows and hides columns and remembers it', async () => {
    const storage = memoryStorage();
    const { store } = await started(undefined, { storage });
    expect(store.visibleColumns.value.map((c) => c.id)).not.toContain('type');
    store.toggleColumn('type');
    store.toggleColumn('initiator');
    const again = await started(undefined, { storage });
    const ids = again.store.visibleColumns.value.map((c) => c.id);
    expect(ids).toContain('type');
    expect(ids).not.toContain('initiator');
  });

  it('clears through the worker and drops the selection', async () => {
    const { store, transport } = await started();
    store.select('7:3', 'headers');
    store.clear();
    expect(transport.sent).toContainEqual(message('clear', { tabId: 7 }));
    expect(store.records.value).toEqual([]);
    expect(store.selected.value).toBeNull();
  });

  it("sends Preserve log and shows the worker's state", async () => {
    const { store, transport } = await started();
    store.setPreserveLog(true);
    expect(transport.sent).toContainEqual(message('set-preserve-log', { tabId: 7, value: true }));
    expect(store.tab.value?.preserveLog).toBe(true);
  });

  it('replaces everything on a new snapshot (the worker restarted)', async () => {
    const { store, transport } = await started();
    transport.emit(message('snapshot', { state: fixtureState({ evicted: 3 }), exchanges: demoRecords().slice(0, 2) }));
    expect(seqs(store.records.value)).toEqual([1, 2]);
    expect(store.tab.value?.evicted).toBe(3);
  });

  it('searches like DevTools: first match selected, next and previous wrap', async () => {
    const { store } = await started();
    store.search.perform('x-request-id');
    expect(store.searchMatches.value.map((id) => id.split(':')[1])).toEqual(['1', '14']);
    expect(store.selectedId.value).toBe('7:1');
    store.search.next();
    expect(store.selectedId.value).toBe('7:14');
    store.search.next();
    expect(store.selectedId.value).toBe('7:1');
    store.search.previous();
    expect(store.selectedId.value).toBe('7:14');
    store.search.cancel();
    expect(store.searchMatches.value).toEqual([]);
  });

  it("keeps the recorder's error message until the next snapshot", async () => {
    const { store, transport } = await started();
    transport.emit(message('error', { message: 'storage quota exceeded' }));
    expect(store.lastError.value).toBe('storage quota exceeded');
    transport.send(message('get-snapshot', { tabId: 7 }));
    expect(store.lastError.value).toBeNull();
  });
});
