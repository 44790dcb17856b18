/** The action badge: how many reads were blocked in a tab (Chrome shows the active tab's). */
import type { ExchangeRecord } from '../shared/exchange.ts';

export class Badge {
  private blocked = new Map<number, Set<string>>();

  update(tabId: number, r: ExchangeRecord): void {
    let set = this.blocked.get(tabId);
    if (!set) this.blocked.set(tabId, (set = new Set()));
    const before = set.size;
    if (r.evaluation.verdict === 'blocked') set.add(r.id);
    else set.delete(r.id);
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
