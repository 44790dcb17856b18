/**
 * Chromium's own verdict for requests made by workers, which a page's CDP session does not report:
 * the page session auto-attaches its dedicated and service workers and discovers shared workers,
 * each as a child session (non-flattened: messages travel inside Target.sendMessageToTarget, since
 * Playwright's CDPSession cannot address flattened children), with Network enabled in each.
 */
import type { CDPSession } from 'playwright-core';
import type { CdpCorsErrorStatus } from './cdp-recorder.ts';

export interface WorkerRequest {
  /** Reported by a worker's session, or by the page's (where a dedicated worker's preflight shows up). */
  from: 'worker' | 'page';
  url: string;
  method: string;
  /** Set on a preflight: the request it was sent for. */
  preflightFor: string | undefined;
  finished: boolean;
  failed: { errorText: string; corsErrorStatus?: CdpCorsErrorStatus } | undefined;
}

interface Child {
  type: string;
  url: string;
}

export class WorkerNetwork {
  readonly requests = new Map<string, WorkerRequest>();
  readonly children = new Map<string, Child>();
  /** Script URLs of the children whose Network domain is on. */
  private readonly ready = new Set<string>();
  private readonly replies = new Map<number, () => void>();
  private nextId = 1;

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(cdp: CDPSession): Promise<WorkerNetwork> {
    const w = new WorkerNetwork(cdp);
    cdp.on(
      'Target.attachedToTarget',
      (p: { sessionId: string; targetInfo: Child }) => void w.adopt(p.sessionId, p.targetInfo),
    );
    cdp.on('Target.receivedMessageFromTarget', (p: { sessionId: string; message: string }) => {
      const m = JSON.parse(p.message) as { id?: number; method?: string; params?: unknown };
      if (m.id !== undefined) return w.replies.get(m.id)?.();
      w.receive(m, 'worker');
    });
    // A dedicated worker's preflight is reported to its page's session, linked by the worker request's id.
    for (const method of ['Network.requestWillBeSent', 'Network.loadingFinished', 'Network.loadingFailed'])
      cdp.on(method as never, ((params: never) => w.receive({ method, params }, 'page')) as never);
    await cdp.send('Network.enable');
    // Not Target.setDiscoverTargets: with it on, Chromium 156 stopped relaying the children's
    // Network events (measured); shared workers are attached one by one instead (attachShared).
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
    return w;
  }

  /** Attaches the shared worker whose script is `scriptUrl` (no page owns it, so auto-attach does not). */
  async attachShared(scriptUrl: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const { targetInfos } = (await this.cdp.send('Target.getTargets')) as {
        targetInfos: (Child & { targetId: string })[];
      };
      const target = targetInfos.find((t) => t.type === 'shared_worker' && t.url === scriptUrl);
      if (target) {
        const { sessionId } = (await this.cdp.send('Target.attachToTarget', {
          targetId: target.targetId,
          flatten: false,
        })) as { sessionId: string };
        await this.adopt(sessionId, target);
        return this.watching(scriptUrl);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no shared worker ${scriptUrl}`);
  }

  /**
   * Resolves once the worker running `scriptUrl` reports its requests. Playwright's own session
   * resumes a new worker at once, so a worker must not fetch before this (make it wait for a message).
   */
  async watching(scriptUrl: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ready.has(scriptUrl)) {
      if (Date.now() > deadline) throw new Error(`no worker ${scriptUrl} attached within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The request made by a worker to exactly `url` (not a preflight), once it ended. */
  async ended(url: string, timeoutMs = 5000): Promise<WorkerRequest & { preflights: WorkerRequest[] }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const entry = [...this.requests.entries()].find(
        ([, r]) => r.from === 'worker' && r.url === url && r.preflightFor === undefined,
      );
      if (entry && (entry[1].finished || entry[1].failed)) {
        const preflights = [...this.requests.values()].filter((r) => r.preflightFor === entry[0]);
        return { ...entry[1], preflights };
      }
      if (Date.now() > deadline)
        throw new Error(
          `no worker request to ${url} ended within ${timeoutMs} ms (children: ${JSON.stringify([...this.children.values()])}; requests: ${JSON.stringify([...this.requests.values()].map((r) => [r.from, r.url, r.finished, r.failed]))})`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async adopt(sessionId: string, info: Child): Promise<void> {
    if (this.children.has(sessionId)) return;
    this.children.set(sessionId, info);
    await this.send(sessionId, 'Network.enable');
    this.ready.add(info.url);
    await this.send(sessionId, 'Runtime.runIfWaitingForDebugger');
  }

  /** Sends a command to a child and resolves with its reply (or after a second, for a child that went away). */
  private send(sessionId: string, method: string): Promise<void> {
    const id = this.nextId++;
    const replied = new Promise<void>((resolve) => {
      this.replies.set(id, resolve);
      setTimeout(resolve, 1000);
    });
    const message = JSON.stringify({ id, method, params: {} });
    void this.cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => undefined);
    return replied;
  }

  /** A Network event from the page or a worker; request ids are unique across them (the renderer's `process.n`). */
  private receive(m: { method?: string; params?: unknown }, from: WorkerRequest['from']): void {
    const p = m.params as
      | {
          requestId: string;
          request?: { url: string; method: string };
          initiator?: { type: string; requestId?: string };
          errorText?: string;
          corsErrorStatus?: CdpCorsErrorStatus;
        }
      | undefined;
    if (!p) return;
    const key = p.requestId;
    if (m.method === 'Network.requestWillBeSent' && p.request && !this.requests.has(key)) {
      this.requests.set(key, {
        from,
        url: p.request.url,
        method: p.request.method,
        preflightFor: p.initiator?.type === 'preflight' ? p.initiator.requestId : undefined,
        finished: false,
        failed: undefined,
      });
    }
    const r = this.requests.get(key);
    if (!r) return;
    if (m.method === 'Network.loadingFinished') r.finished = true;
    if (m.method === 'Network.loadingFailed')
      r.failed = { errorText: p.errorText ?? '', ...(p.corsErrorStatus ? { corsErrorStatus: p.corsErrorStatus } : {}) };
  }
}
