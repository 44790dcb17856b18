/**
 * One DevTools-protocol session, typed with the protocol's own definitions (devtools-protocol):
 * either a Playwright CDPSession on a page, or a session on one of its child targets (an
 * out-of-process iframe, a dedicated worker). Child sessions ride on their parent through
 * Target.sendMessageToTarget: Playwright's CDPSession cannot address a flat child session, and a
 * page's own session does not see the requests of its out-of-process frames (measured in Chromium
 * 156: a cross-site iframe's and a sandboxed iframe's fetches reach only their own target's session).
 */
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping.js';
import type { CDPSession } from 'playwright-core';

export type CdpEvent = keyof ProtocolMapping.Events;
export type CdpCommand = keyof ProtocolMapping.Commands;
export type EventParams<E extends CdpEvent> = ProtocolMapping.Events[E] extends [infer P] ? P : undefined;
type CommandParams<C extends CdpCommand> = ProtocolMapping.Commands[C]['paramsType'];
type CommandResult<C extends CdpCommand> = ProtocolMapping.Commands[C]['returnType'];

/** One event as it arrived: its name and its parameters. */
export interface CdpMessage {
  method: string;
  params: unknown;
}

export interface CdpChannel {
  send<C extends CdpCommand>(method: C, ...params: CommandParams<C>): Promise<CommandResult<C>>;
  /** Every event of the `events` this channel was opened for (a child channel passes all of its target's). */
  onEvent(listener: (m: CdpMessage) => void): void;
  /** Called once when the session ends (the target went away or detached). */
  onClose(listener: () => void): void;
}

/** A Playwright CDPSession, listening to the named events (Playwright has no catch-all listener). */
export function playwrightChannel(session: CDPSession, events: readonly CdpEvent[]): CdpChannel {
  const listeners: ((m: CdpMessage) => void)[] = [];
  const closers: (() => void)[] = [];
  for (const method of events)
    session.on(
      method as never,
      ((params: unknown) => {
        for (const l of listeners) l({ method, params });
      }) as never,
    );
  session.on(
    'close' as never,
    (() => {
      for (const c of closers.splice(0)) c();
    }) as never,
  );
  return {
    send: (method, ...params) => session.send(method as never, params[0] as never) as never,
    onEvent: (l) => void listeners.push(l),
    onClose: (c) => void closers.push(c),
  };
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * A child target's session, attached by its parent's Target.setAutoAttach (flatten: false). The
 * parent's Target.receivedMessageFromTarget events carry the child's replies and events; the
 * parent's Target.detachedFromTarget ends it.
 */
export function childChannel(parent: CdpChannel, sessionId: string): CdpChannel {
  const listeners: ((m: CdpMessage) => void)[] = [];
  const closers: (() => void)[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const p of pending.values()) p.reject(new Error('the target went away'));
    pending.clear();
    for (const c of closers.splice(0)) c();
  };
  parent.onEvent(({ method, params }) => {
    if (method === 'Target.detachedFromTarget' && (params as { sessionId: string }).sessionId === sessionId)
      return close();
    if (method !== 'Target.receivedMessageFromTarget') return;
    const m = params as { sessionId: string; message: string };
    if (m.sessionId !== sessionId) return;
    const message = JSON.parse(m.message) as {
      id?: number;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id !== undefined) {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error.message));
      else p?.resolve(message.result);
    } else if (message.method) {
      for (const l of listeners) l({ method: message.method, params: message.params });
    }
  });
  parent.onClose(close);
  return {
    send(method, ...params) {
      if (closed) return Promise.reject(new Error('the target went away'));
      const id = nextId++;
      const reply = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      parent
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params: params[0] ?? {} }),
        })
        .catch((e: Error) => {
          pending.get(id)?.reject(e);
          pending.delete(id);
        });
      return reply as never;
    },
    onEvent: (l) => void listeners.push(l),
    onClose: (c) => void closers.push(c),
  };
}
