/**
 * The observer changes nothing the page can rely on: fetch returns what it returned, rejects with
 * the very same reason, throws what it threw, keeps `this`, never runs the page's getters or
 * toString, and survives hostile arguments. Its reports say what the call was. Each test gets a
 * fresh happy-dom window whose native fetch is a stub.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureIntrinsics, type ObservedScope } from '../../../src/content/intrinsics.ts';
import { installPageObserver } from '../../../src/content/page-observer.ts';
import { Reporter } from '../../../src/content/reporter.ts';
import {
  OBSERVER_CONTROL_EVENT,
  PAGE_FACTS_EVENT,
  parsePageBatch,
  type PageMessage,
} from '../../../src/shared/page-facts.ts';

const PAGE = 'http://127.0.0.1:8000/app/page.html';

interface Harness {
  scope: ObservedScope;
  native: ReturnType<typeof vi.fn>;
  reports(): Promise<PageMessage[]>;
}

const windows: Window[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  vi.useRealTimers();
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

/** A Response whose fields are prototype getters, as in browsers (happy-dom keeps them as own fields). */
class BrowserLikeResponse {
  readonly #status: number;
  constructor(_body?: unknown, init: { status?: number } = {}) {
    this.#status = init.status ?? 200;
  }
  get type() {
    return 'cors';
  }
  get status() {
    return this.#status;
  }
  get redirected() {
    return false;
  }
  get url() {
    return 'http://localhost:9000/final';
  }
}

/** A window whose fetch is a data property (as in browsers) holding `impl`, with the observer installed. */
function harness(impl: (...args: unknown[]) => unknown, install = true): Harness {
  const w = new Window({ url: PAGE });
  windows.push(w);
  const scope = w as unknown as ObservedScope;
  Object.defineProperty(scope, 'Response', { value: BrowserLikeResponse, writable: true, configurable: true });
  const native = vi.fn(impl);
  Object.defineProperty(scope, 'fetch', { value: native, writable: true, configurable: true, enumerable: true });
  // happy-dom's window timers hold Node's real setTimeout; the page's own one runs on vitest's fake
  // clock instead, so a test moves time on rather than sleeping.
  const fakeClockTimeout = (fn: () => void, ms?: number) => setTimeout(fn, ms);
  Object.defineProperty(scope, 'setTimeout', { value: fakeClockTimeout, writable: true, configurable: true });
  const batches: string[] = [];
  scope.addEventListener(PAGE_FACTS_EVENT, (e) => batches.push((e as CustomEvent<string>).detail));
  if (install) installPageObserver(scope);
  return {
    scope,
    native,
    // Reports leave after the page's current task: run it, and the reactions it waits on.
    reports: async () => {
      await vi.runAllTimersAsync();
      return batches.flatMap((b) => parsePageBatch(b).messages);
    },
  };
}

describe('fetch under the observer', () => {
  it('resolves with the very Response fetch produced', async () => {
    const h = harness(() => undefined);
    let produced: unknown;
    h.native.mockImplementation(() => {
      produced = new h.scope.Response('ok');
      return Promise.resolve(produced);
    });
    const got = await h.scope.fetch('/api');
    expect(got).toBe(produced);
  });

  it('rejects with the very reason fetch rejected with', async () => {
    const reason = new TypeError('Failed to fetch');
    const h = harness(() => Promise.reject(reason));
    await expect(h.scope.fetch('/api')).rejects.toBe(reason);
  });

  it('rethrows a synchronous throw as is, and passes `this` and the arguments through', () => {
    const thrown = new TypeError('Illegal invocation');
    const h = harness(() => {
      throw thrown;
    });
    const self = {};
    const init = { method: 'POST' };
    expect(() => h.scope.fetch.call(self, 'http://localhost:9000/x', init)).toThrow(thrown);
    expect(h.native.mock.contexts[0]).toBe(self);
    expect(h.native.mock.calls[0]).toEqual(['http://localhost:9000/x', init]);
    expect(h.native.mock.calls[0]![1]).toBe(init);
  });

  it('keeps the name and length fetch has', () => {
    const h = harness(() => Promise.resolve());
    expect(h.scope.fetch.name).toBe(h.native.name);
    expect(h.scope.fetch.length).toBe(h.native.length);
  });

  it('reports the call as the page made it, and what JavaScript got', async () => {
    const h = harness(() => undefined);
    h.native.mockImplementation(() => Promise.resolve(new h.scope.Response('ok', { status: 201 })));
    await h.scope.fetch('../api?q#frag', {
      method: 'patch',
      mode: 'cors',
      credentials: 'include',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret' },
      body: '{}',
    });
    const [start, end] = await h.reports();
    expect(start).toMatchObject({
      kind: 'start',
      call: 1,
      api: 'fetch',
      url: 'http://127.0.0.1:8000/api?q#frag',
      method: 'patch',
      mode: 'cors',
      credentials: 'include',
      redirect: 'manual',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Authorization', value: null },
      ],
      body: true,
      streamBody: false,
      uploadListener: false,
    });
    expect(end).toMatchObject({
      kind: 'end',
      call: 1,
      outcome: { kind: 'response', type: 'cors', status: 201, redirected: false, url: 'http://localhost:9000/final' },
    });
  });

  it("reads a Request's own mode, credentials and headers, and lets init override them", async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')));
    const request = new h.scope.Request('http://localhost:9000/r', {
      method: 'PUT',
      credentials: 'omit',
      headers: { 'X-Custom': '1' },
      body: 'x',
    });
    await h.scope.fetch(request, { credentials: 'include' });
    const [start] = await h.reports();
    expect(start).toMatchObject({ url: 'http://localhost:9000/r', method: 'PUT', credentials: 'include', body: true });
    // The Request added the Content-Type its string body implies; the page's own header comes first.
    expect(start!.kind === 'start' && start!.headers.map((x) => [x.name.toLowerCase(), x.value])).toEqual([
      ['x-custom', null],
      ['content-type', 'text/plain;charset=UTF-8'],
    ]);
  });

  it("never runs the page's getters or toString, and still calls fetch with them", async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')));
    const getter = vi.fn(() => 'include');
    const toString = vi.fn(() => 'http://localhost:9000/stringified');
    const init = Object.defineProperty({}, 'credentials', { get: getter, enumerable: true });
    await h.scope.fetch({ toString } as unknown as string, init);
    expect(getter).not.toHaveBeenCalled();
    expect(toString).not.toHaveBeenCalled();
    expect(h.native.mock.calls[0]![1]).toBe(init);
    // An argument the observer could only read by running page code is not reported at all.
    expect(await h.reports()).toEqual([]);
  });

  it('survives a hostile Proxy for init: the call goes through, nothing throws from the observer', async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')));
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
        getPrototypeOf: () => {
          throw new Error('trap');
        },
      },
    );
    await expect(h.scope.fetch('http://localhost:9000/x', hostile)).resolves.toBeInstanceOf(h.scope.Response);
    expect(h.native.mock.calls[0]![1]).toBe(hostile);
  });

  it('sees calls through a wrapper the page installs after it', async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')));
    const ours = h.scope.fetch;
    const pageWrapper = vi.fn((...args: Parameters<typeof fetch>) => ours(...args));
    h.scope.fetch = pageWrapper as typeof fetch;
    await h.scope.fetch('http://localhost:9000/after');
    expect(pageWrapper).toHaveBeenCalled();
    expect((await h.reports()).map((m) => m.kind === 'start' && m.url)).toContain('http://localhost:9000/after');
  });

  it('wraps a fetch the page replaced before it arrived, and calls the page version', async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')), false);
    const native = h.scope.fetch;
    const pageVersion = vi.fn((...args: Parameters<typeof fetch>) => native(...args));
    h.scope.fetch = pageVersion as unknown as typeof fetch;
    installPageObserver(h.scope);
    await h.scope.fetch('http://localhost:9000/before');
    expect(pageVersion).toHaveBeenCalledTimes(1);
    expect((await h.reports()).map((m) => m.kind === 'start' && m.url)).toContain('http://localhost:9000/before');
  });

  it('installs once, however often it is injected', async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')));
    const wrapped = h.scope.fetch;
    expect(installPageObserver(h.scope)).toBeNull();
    expect(h.scope.fetch).toBe(wrapped);
  });
});

describe('sleeping and waking', () => {
  const control = (scope: ObservedScope, command: string) =>
    scope.dispatchEvent(new scope.CustomEvent(OBSERVER_CONTROL_EVENT, { detail: command }));

  it('puts the native fetch back when told to sleep, and wraps it again on waking', async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')));
    control(h.scope, 'dormant');
    expect(h.scope.fetch).toBe(h.native);
    await h.scope.fetch('http://localhost:9000/asleep');
    expect(await h.reports()).toEqual([]);
    control(h.scope, 'observe');
    expect(h.scope.fetch).not.toBe(h.native);
  });

  it("leaves the page's own replacement in place when it sleeps", () => {
    const h = harness(() => Promise.resolve());
    const pageVersion = vi.fn();
    h.scope.fetch = pageVersion as unknown as typeof fetch;
    control(h.scope, 'dormant');
    expect(h.scope.fetch).toBe(pageVersion);
  });
});

describe('reports', () => {
  it('leave in one batch per task, as JSON the worker accepts', async () => {
    const h = harness(() => Promise.resolve(new h.scope.Response('')));
    const batches: string[] = [];
    h.scope.addEventListener(PAGE_FACTS_EVENT, (e) => batches.push((e as CustomEvent<string>).detail));
    await Promise.all([1, 2, 3].map((i) => h.scope.fetch(`http://localhost:9000/${i}`)));
    await h.reports();
    expect(batches.length).toBeLessThanOrEqual(2);
    expect(batches.flatMap((b) => parsePageBatch(b).messages)).toHaveLength(6);
    expect(batches.map((b) => parsePageBatch(b).dropped)).toEqual(batches.map(() => 0));
  });
});

describe('a document that goes away', () => {
  it('hands its queued reports to the relay at pagehide, without waiting for a later task', () => {
    const h = harness(() => Promise.reject(new TypeError('Failed to fetch')));
    const batches: string[] = [];
    h.scope.addEventListener(PAGE_FACTS_EVENT, (e) => batches.push((e as CustomEvent<string>).detail));
    void h.scope.fetch('http://localhost:9000/last').catch(() => undefined);
    h.scope.dispatchEvent(new h.scope.Event('pagehide'));
    expect(batches.flatMap((b) => parsePageBatch(b).messages).map((m) => m.kind)).toEqual(['start']);
  });
});

describe("the page's Content-Security-Policy", () => {
  it('ignores a violation event the page made itself (not dispatched by the browser)', async () => {
    const h = harness(() => Promise.reject(new TypeError('Failed to fetch')));
    const url = 'http://localhost:9000/csp';
    await h.scope.fetch(url).catch(() => undefined);
    const forged = new h.scope.Event('securitypolicyviolation');
    Object.assign(forged, { blockedURI: url, effectiveDirective: 'connect-src', disposition: 'enforce' });
    h.scope.dispatchEvent(forged);
    expect((await h.reports()).map((m) => m.kind)).toEqual(['start', 'end']);
  });
});

describe('Reporter.refusedByCsp', () => {
  const reporterIn = () => {
    const w = new Window({ url: PAGE });
    windows.push(w);
    const scope = w as unknown as ObservedScope;
    const batches: string[] = [];
    scope.addEventListener(PAGE_FACTS_EVENT, (e) => batches.push((e as CustomEvent<string>).detail));
    const reporter = new Reporter(captureIntrinsics(scope));
    const messages = () => {
      reporter.flush();
      return batches.flatMap((b) => parsePageBatch(b).messages);
    };
    return { reporter, messages };
  };
  const fetchCall = (url: string) => ({
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
  });

  it('names the latest call to the blocked URL (the fragment aside), or to the blocked origin', () => {
    const { reporter, messages } = reporterIn();
    reporter.start(fetchCall('http://localhost:9000/a#frag'));
    const second = reporter.start(fetchCall('http://localhost:9000/a'));
    const other = reporter.start(fetchCall('http://other.test:8080/deep/path'));
    reporter.refusedByCsp('http://localhost:9000/a', 'connect-src');
    reporter.refusedByCsp('http://other.test:8080', 'connect-src');
    reporter.refusedByCsp('http://unrelated.test/x', 'img-src');
    expect(messages().filter((m) => m.kind === 'csp')).toEqual([
      { kind: 'csp', call: second, directive: 'connect-src' },
      { kind: 'csp', call: other, directive: 'connect-src' },
    ]);
  });
});
