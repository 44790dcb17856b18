/**
 * Which exchange's preflight a cached one reused. Chromium keeps a preflight's answer in a cache
 * keyed by origin and URL (and credentials mode), not by tab, for Access-Control-Max-Age seconds
 * (5 s when absent): a request that needed a preflight but showed none reused the last one seen
 * for the same origin, URL and method.
 */
import type { CapturedRecord } from '../shared/exchange.ts';

type Keyed = Pick<CapturedRecord, 'initiator' | 'url' | 'method'>;

const keyOf = (r: Keyed) => `${r.initiator}|${r.url}|${r.method}`;

/** Keys remembered at most; the cache itself rarely holds more than a few hundred. */
const MAX_KEYS = 5000;

export class PreflightCache {
  private last = new Map<string, string>();

  /** Notes a record whose preflight completed. */
  remember(r: CapturedRecord): void {
    if (r.preflight?.outcome !== 'completed') return;
    const key = keyOf(r);
    this.last.delete(key);
    this.last.set(key, r.id);
    if (this.last.size > MAX_KEYS) this.last.delete(this.last.keys().next().value!);
  }

  /** The id of the exchange whose preflight `r` most likely reused, when known. */
  sourceOf(r: Keyed): string | null {
    return this.last.get(keyOf(r)) ?? null;
  }
}
