/**
 * In-memory stand-ins for src/platform's interfaces, so the worker's modules run in unit tests.
 * Each keeps what was done to it for assertions; none pretends to be more than the interface says.
 */
import type { BrowserProfile } from '../../src/cors/types.ts';
import type { DebuggerHost } from '../../src/platform/debugger.ts';
import type {
  ListenerSet,
  ListenerTarget,
  RequestDetails,
  WebRequestEventName,
  WebRequestHandler,
  WebRequestHost,
} from '../../src/platform/web-request.ts';
import type { BadgeHost, Port, Scripting, StorageArea, Tabs } from '../../src/platform/worker.ts';

export class FakeStorage implements StorageArea {
  data = new Map<string, unknown>();
  /** How many times set() was called (each is one IPC in a browser). */
  setCalls = 0;
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    return Object.fromEntries(
      wanted.filter((k) => this.data.has(k)).map((k) => [k, structuredClone(this.data.get(k))]),
    );
  }
  async set(items: Record<string, unknown>): Promise<void> {
    this.setCalls++;
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: string[]): Promise<void> {
    for (const k of keys) this.data.delete(k);
  }
}

export class FakeWebRequest implements WebRequestHost {
  constructor(readonly browser: BrowserProfile = 'chromium') {}
  sets: { target: ListenerTarget; handle: WebRequestHandler; removed: boolean }[] = [];
  listen(target: ListenerTarget, handle: WebRequestHandler): ListenerSet {
    const set = { target, handle, removed: false };
    this.sets.push(set);
    return {
      remove: () => {
        set.removed = true;
      },
      extraHeadersCount: this.browser === 'firefox' ? 0 : 2,
    };
  }
  /** The targets of the sets still registered. */
  active(): ListenerTarget[] {
    return this.sets.filter((s) => !s.removed).map((s) => s.target);
  }
  /** Delivers an event the way Chromium would: to every set whose filter matches the tab. */
  emit(event: WebRequestEventName, details: RequestDetails): void {
    for (const s of this.sets)
      if (!s.removed && (s.target === 'all' || s.target === details.tabId)) s.handle(event, details);
  }
}

export class FakePort implements Port {
  sent: unknown[] = [];
  disconnected = false;
  private messageListeners: ((m: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  constructor(
    readonly name: string,
    readonly sender?: Port['sender'],
  ) {}
  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(structuredClone(message));
  }
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.messageListeners.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.disconnectListeners.push(cb) };
  disconnect(): void {
    this.disconnected = true;
  }
  /** The other side sends a message. */
  receive(message: unknown): void {
    for (const cb of this.messageListeners) cb(structuredClone(message));
  }
  /** The other side goes away. */
  close(): void {
    this.disconnected = true;
    for (const cb of this.disconnectListeners) cb();
  }
  /** Messages sent so far, of one type. */
  ofType<T = unknown>(type: string): T[] {
    return this.sent.filter((m) => (m as { type?: string }).type === type).map((m) => (m as { data: T }).data);
  }
}

export class FakeTabs implements Tabs {
  urls = new Map<number, string>();
  private removedListeners: ((tabId: number) => void)[] = [];
  async url(tabId: number) {
    return this.urls.get(tabId) ?? null;
  }
  async ids() {
    return [...this.urls.keys()];
  }
  async withUrl(url: string) {
    return [...this.urls].filter(([, u]) => u === url).map(([id]) => id);
  }
  onRemoved(cb: (tabId: number) => void): void {
    this.removedListeners.push(cb);
  }
  remove(tabId: number): void {
    this.urls.delete(tabId);
    for (const cb of this.removedListeners) cb(tabId);
  }
}

export class FakeScripting implements Scripting {
  registeredIds = new Set<string>();
  injected: { tabId: number; world: string }[] = [];
  async registered(ids: string[]) {
    return ids.filter((id) => this.registeredIds.has(id));
  }
  async register(scripts: { id: string }[]) {
    for (const s of scripts) {
      if (this.registeredIds.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      this.registeredIds.add(s.id);
    }
  }
  async unregister(ids: string[]) {
    for (const id of ids) this.registeredIds.delete(id);
  }
  async inject(tabId: number, _file: string, world: 'MAIN' | 'ISOLATED') {
    this.injected.push({ tabId, world });
  }
}

export class FakeBadge implements BadgeHost {
  texts = new Map<number, string>();
  show(tabId: number, text: string): void {
    this.texts.set(tabId, text);
  }
}

export class FakeDebugger implements DebuggerHost {
  granted = true;
  attached = new Set<number>();
  commands: string[] = [];
  refuse: string | null = null;
  private handlers: Parameters<DebuggerHost['listen']>[0] | null = null;
  async available() {
    return this.granted;
  }
  async attach(tabId: number) {
    if (this.refuse) throw new Error(this.refuse);
    this.attached.add(tabId);
  }
  async send(tabId: number, method: string) {
    this.commands.push(`${tabId} ${method}`);
    return {};
  }
  async detach(tabId: number) {
    this.attached.delete(tabId);
  }
  listen(handlers: Parameters<DebuggerHost['listen']>[0]): void {
    this.handlers = handlers;
  }
  /** Chromium sends a CDP event for the tab. */
  event(tabId: number, method: string, params: unknown): void {
    this.handlers?.event(tabId, method, params);
  }
  detached(tabId: number, reason: string): void {
    this.attached.delete(tabId);
    this.handlers?.detached(tabId, reason);
  }
}

/** A timer queue driven by hand: nothing runs until `run()`. */
export class ManualTimers {
  private queue: { fn: () => void; handle: object }[] = [];
  time = 1_000_000;
  now = (): number => this.time;
  setTimeout = (fn: () => void): unknown => {
    const handle = {};
    this.queue.push({ fn, handle });
    return handle;
  };
  clearTimeout = (handle: unknown): void => {
    this.queue = this.queue.filter((t) => t.handle !== handle);
  };
  run(): void {
    while (this.queue.length) this.queue.shift()!.fn();
  }
}
