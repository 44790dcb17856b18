/** The action badge: how many reads were blocked in a tab (Chrome shows the active tab's). */
import type { BadgeHost } from '../platform/worker.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';

const RED = '#d93025';

export class Badge {
  private blocked = new Map<number, Set<string>>();

  constructor(private readonly host: BadgeHost) {}

  update(r: Pick<ExchangeRecord, 'tabId' | 'id' | 'evaluation'>): void {
    this.change(r.tabId, (set) => (r.evaluation.verdict === 'blocked' ? set.add(r.id) : set.delete(r.id)));
  }

  forget(tabId: number, ids: string[]): void {
    this.change(tabId, (set) => {
      for (const id of ids) set.delete(id);
    });
  }

  /** Blocked exchanges an earlier worker instance counted (from persistence). */
  restore(ids: { tabId: number; id: string }[]): void {
    const tabs = new Set<number>();
    for (const { tabId, id } of ids) {
      this.set(tabId).add(id);
      tabs.add(tabId);
    }
    for (const tabId of tabs) this.show(tabId, this.set(tabId).size);
  }

  reset(tabId: number): void {
    this.blocked.delete(tabId);
    this.show(tabId, 0);
  }

  private set(tabId: number): Set<string> {
    let set = this.blocked.get(tabId);
    if (!set) {
      set = new Set();
      this.blocked.set(tabId, set);
    }
    return set;
  }

  private change(tabId: number, mutate: (set: Set<string>) => void): void {
    const set = this.set(tabId);
    const before = set.size;
    mutate(set);
    if (set.size !== before) this.show(tabId, set.size);
  }

  private show(tabId: number, count: number): void {
    this.host.show(tabId, count ? String(count) : '', count ? RED : null);
  }
}
