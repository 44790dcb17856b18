/** The action badge: how many reads were blocked in a tab (Chrome shows the active tab's). */
import type { ExchangeRecord } from '../shared/exchange.ts';

export class Badge {
  private blocked = new Map<number, Set<string>>();

  update(tabId: number, r: ExchangeRecord): void {
    this.change(tabId, (set) => (r.evaluation.verdict === 'blocked' ? set.add(r.id) : set.delete(r.id)));
  }

  forget(tabId: number, id: string): void {
    this.change(tabId, (set) => set.delete(id));
  }

  private change(tabId: number, mutate: (set: Set<string>) => void): void {
    let set = this.blocked.get(tabId);
    if (!set) {
      set = new Set();
      this.blocked.set(tabId, set);
    }
    const before = set.size;
    mutate(set);
    if (set.size !== before) this.show(tabId, set.size);
  }

  reset(tabId: number): void {
    this.blocked.delete(tabId);
    this.show(tabId, 0);
  }

  private show(tabId: number, count: number): void {
    void chrome.action.setBadgeText({ tabId, text: count ? String(count) : '' }).catch(() => {});
    if (count) void chrome.action.setBadgeBackgroundColor({ tabId, color: '#d93025' }).catch(() => {});
  }
}
