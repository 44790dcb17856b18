/**
 * The DevTools page's feed: DevTools' log since it attached (getHAR) and each request as it
 * finishes overlap, and the worker must get every request exactly once — including two identical
 * requests started in the same millisecond.
 */
import { describe, expect, it, vi } from 'vitest';
import { feedNetworkLog } from '../../../src/devtools/network-feed.ts';
import type { NetworkLog } from '../../../src/platform/devtools.ts';
import type { ReaderMessage } from '../../../src/shared/messages.ts';

const entry = (url: string, startedDateTime = '2026-12-05T06:00:00.000Z') => ({
  startedDateTime,
  request: { method: 'PUT', url },
  response: { status: 200 },
});

function fakeLog() {
  let finished: (e: unknown) => void = () => {};
  let answer: (entries: unknown[]) => void = () => {};
  const log: NetworkLog = {
    entries: () => new Promise((resolve) => (answer = resolve)),
    onRequestFinished: (cb) => (finished = cb),
    onNavigated: () => {},
  };
  return { log, finish: (e: unknown) => finished(e), answer: (entries: unknown[]) => answer(entries) };
}

async function sent(run: (send: (m: ReaderMessage) => void) => Promise<void>): Promise<unknown[]> {
  vi.useFakeTimers();
  try {
    const messages: ReaderMessage[] = [];
    await run((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(100);
    return messages.flatMap((m) => (m.type === 'devtools-entries' ? m.data.entries : []));
  } finally {
    vi.useRealTimers();
  }
}

describe('the DevTools network feed', () => {
  it('sends a request that both getHAR and onRequestFinished give once', async () => {
    const entries = await sent(async (send) => {
      const { log, finish, answer } = fakeLog();
      feedNetworkLog(1, log, send);
      finish(entry('http://a.test/early'));
      answer([entry('http://a.test/early'), entry('http://a.test/before')]);
      await Promise.resolve();
      finish(entry('http://a.test/after'));
    });
    expect(entries.map((e) => (e as { request: { url: string } }).request.url)).toEqual([
      'http://a.test/early',
      'http://a.test/before',
      'http://a.test/after',
    ]);
  });

  it('keeps two identical requests started in the same millisecond', async () => {
    const entries = await sent(async (send) => {
      const { log, finish, answer } = fakeLog();
      feedNetworkLog(1, log, send);
      answer([]);
      await Promise.resolve();
      finish(entry('http://a.test/same'));
      finish(entry('http://a.test/same'));
    });
    expect(entries).toHaveLength(2);
  });

  it('counts identical requests on both sides of the overlap', async () => {
    const entries = await sent(async (send) => {
      const { log, finish, answer } = fakeLog();
      feedNetworkLog(1, log, send);
      finish(entry('http://a.test/same'));
      // getHAR lists both identical requests; one of them onRequestFinished already gave.
      answer([entry('http://a.test/same'), entry('http://a.test/same')]);
      await Promise.resolve();
    });
    expect(entries).toHaveLength(2);
  });
});
