/**
 * A bare DevTools-protocol client over the browser's WebSocket (the `ws` package), with flat
 * sessions (Target.attachToTarget `flatten: true`). The bench measures pages with no network
 * observer, so unlike Playwright it enables nothing by itself: a session on the measured page only
 * ever sends Runtime.evaluate.
 */
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping.js';
import WebSocket from 'ws';

type Command = keyof ProtocolMapping.Commands;
type Params<C extends Command> = ProtocolMapping.Commands[C]['paramsType'];
type Result<C extends Command> = ProtocolMapping.Commands[C]['returnType'];

export interface CdpSession {
  send<C extends Command>(method: C, ...params: Params<C>): Promise<Result<C>>;
  /** Evaluates an expression (awaiting a promise) and returns its value; a thrown error rejects. */
  evaluate<T>(expression: string): Promise<T>;
}

export interface CdpBrowser extends CdpSession {
  /** A flat session on a target (page, service worker, DevTools front-end). */
  attach(targetId: string): Promise<CdpSession & { detach(): Promise<void> }>;
  close(): void;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  method: string;
}

export async function connectCdp(wsUrl: string): Promise<CdpBrowser> {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id === undefined) return; // events: the bench listens to none
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(`${p.method}: ${m.error.message}`));
    else p?.resolve(m.result);
  });
  socket.on('close', () => {
    for (const p of pending.values()) p.reject(new Error(`${p.method}: the browser connection closed`));
    pending.clear();
  });

  const session = (sessionId?: string): CdpSession => {
    const send = <C extends Command>(method: C, ...params: Params<C>): Promise<Result<C>> => {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (r: unknown) => void, reject, method });
        socket.send(JSON.stringify({ id, method, params: params[0] ?? {}, ...(sessionId ? { sessionId } : {}) }));
      });
    };
    return {
      send,
      async evaluate<T>(expression: string): Promise<T> {
        const r = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
        if (r.exceptionDetails)
          throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
        return r.result.value as T;
      },
    };
  };
  const root = session();
  return {
    ...root,
    async attach(targetId) {
      const { sessionId } = await root.send('Target.attachToTarget', { targetId, flatten: true });
      return {
        ...session(sessionId),
        detach: () => root.send('Target.detachFromTarget', { sessionId }).then(() => undefined),
      };
    },
    close: () => socket.close(),
  };
}
