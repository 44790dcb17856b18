/**
 * The requests of one tab the CDP source saw too late, as the words of its capture gap. Chromium
 * lets a dedicated worker or a sandboxed srcdoc iframe run as soon as Playwright's own session
 * resumes it, so its first requests can start before the source watches it (measured in Chromium
 * 156: a srcdoc iframe's first fetch was seen 0 of 6 times, a worker's 1 of 6; an iframe loaded
 * from a URL waits for every session, 6 of 6). Two witnesses report them — the end of a request
 * whose start was not seen ('ended', once per request id: network-log.ts), and the child's
 * Resource Timing ('timed') — and one request may show in both. The count is the fewest requests
 * that explain both: per URL the larger count, and an ended request whose URL is unknown (no
 * response reached the page) taken as one of the URLs only Resource Timing named, while there are such.
 */

/** URLs counted one by one, at most (beyond, misses are counted without their URL). */
const MAX_URLS = 5000;

/** Missed URLs the gap names; the rest are counted. */
const MAX_NAMED = 10;

export class MissedRequests {
  /** Per URL ('' when unknown), how many missed requests each witness reported. */
  private readonly byUrl = new Map<string, { ended: number; timed: number }>();

  note(url: string | undefined, how: 'ended' | 'timed'): void {
    const key = url !== undefined && (this.byUrl.has(url) || this.byUrl.size < MAX_URLS) ? url : '';
    const counts = this.byUrl.get(key) ?? { ended: 0, timed: 0 };
    counts[how]++;
    this.byUrl.set(key, counts);
  }

  /** How many requests were missed, at least. */
  get total(): number {
    let total = 0;
    let timedOnly = 0;
    for (const [url, c] of this.byUrl) {
      if (url === '') continue;
      total += Math.max(c.ended, c.timed);
      timedOnly += Math.max(0, c.timed - c.ended);
    }
    const unknown = this.byUrl.get('') ?? { ended: 0, timed: 0 };
    return total + Math.max(0, unknown.ended - timedOnly) + unknown.timed;
  }

  /** The gap's words: how many, and every URL known, up to a few (a reader looking for one call must find it named). */
  why(): string {
    const named = [...this.byUrl.keys()].filter((u) => u !== '');
    const shown = named.slice(0, MAX_NAMED);
    const list = shown.length
      ? ` (${shown.join(', ')}${named.length > shown.length ? ` and ${named.length - shown.length} more URL(s)` : ''})`
      : '';
    return `${this.total} request(s) of a worker or sandboxed srcdoc iframe started before the inspector could watch it${list}: their exchanges are missing`;
  }
}
