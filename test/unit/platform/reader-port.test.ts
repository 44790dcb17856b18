/**
 * The reader port on a fake runtime: it subscribes on every connection, reconnects when the worker
 * drops the port, backs off while the worker does not answer, and stops for good when closed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectReader, RECONNECT_DELAY } from '../../../src/platform/reader-port.ts';
import type { ConnectPort, PortListeners } from '../../../src/platform/runtime-port.ts';
import { message, PORT_NAME, PROTOCOL_VERSION, type WorkerMessage } from '../../../src/shared/messages.ts';

interface FakePort {
  name: string;
  listeners: PortListeners<WorkerMessage>;
  posted: unknown[];
  disconnected: boolean;
}

/** A runtime whose connect() records each port, or throws while `gone` (the extension context is gone). */
function fakeRuntime() {
  const ports: FakePort[] = [];
  const runtime = { ports, gone: false, attempts: 0 };
  const connect = ((name: string, listeners: PortListeners<WorkerMessage>) => {
    runtime.attempts++;
    if (runtime.gone) throw new Error('Extension context invalidated.');
    const port: FakePort = { name, listeners, posted: [], disconnected: false };
    ports.push(port);
    return {
      postMessage: (msg: unknown) => port.posted.push(msg),
      disconnect: () => {
        port.disconnected = true;
      },
    };
  }) as ConnectPort;
  return { runtime, connect };
}

const subscribe = message('subscribe', { tabId: 5, reader: 'panel', protocol: PROTOCOL_VERSION, feeds: false });
const snapshotLike = { type: 'snapshot' } as unknown as WorkerMessage;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connectReader', () => {
  it('subscribes on the reader port and hands the worker messages on', () => {
    const { runtime, connect } = fakeRuntime();
    const received: WorkerMessage[] = [];
    const reader = connectReader(5, 'panel', (m) => received.push(m), connect);
    expect(runtime.ports).toHaveLength(1);
    expect(runtime.ports[0]!.name).toBe(PORT_NAME);
    expect(runtime.ports[0]!.posted).toEqual([subscribe]);
    runtime.ports[0]!.listeners.onMessage(snapshotLike);
    expect(received).toEqual([snapshotLike]);
    const clear = message('clear', { tabId: 5 });
    reader.send(clear);
    expect(runtime.ports[0]!.posted).toEqual([subscribe, clear]);
  });

  it('reconnects and subscribes again after the worker stops', () => {
    const { runtime, connect } = fakeRuntime();
    connectReader(5, 'panel', () => {}, connect);
    runtime.ports[0]!.listeners.onDisconnect();
    vi.advanceTimersByTime(RECONNECT_DELAY.first - 1);
    expect(runtime.ports).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runtime.ports).toHaveLength(2);
    expect(runtime.ports[1]!.posted).toEqual([subscribe]);
  });

  it('backs off while the worker drops the port without answering, and starts over once it answers', () => {
    const { runtime, connect } = fakeRuntime();
    connectReader(5, 'panel', () => {}, connect);
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = Date.now();
      runtime.ports.at(-1)!.listeners.onDisconnect();
      const count = runtime.ports.length;
      while (runtime.ports.length === count) vi.advanceTimersByTime(1);
      delays.push(Date.now() - before);
    }
    expect(delays).toEqual([50, 100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    runtime.ports.at(-1)!.listeners.onMessage(snapshotLike);
    runtime.ports.at(-1)!.listeners.onDisconnect();
    vi.advanceTimersByTime(RECONNECT_DELAY.first);
    expect(runtime.ports).toHaveLength(11);
  });

  it('keeps trying, ever more slowly, while connecting throws', () => {
    const { runtime, connect } = fakeRuntime();
    runtime.gone = true;
    connectReader(5, 'panel', () => {}, connect);
    expect(runtime.attempts).toBe(1);
    vi.advanceTimersByTime(50 + 100 + 200);
    expect(runtime.attempts).toBe(4);
    runtime.gone = false;
    vi.advanceTimersByTime(400);
    expect(runtime.ports).toHaveLength(1);
    expect(runtime.ports[0]!.posted).toEqual([subscribe]);
  });

  it('ignores a late disconnect from a port it already replaced', () => {
    const { runtime, connect } = fakeRuntime();
    const reader = connectReader(5, 'panel', () => {}, connect);
    const first = runtime.ports[0]!;
    first.listeners.onDisconnect();
    vi.advanceTimersByTime(RECONNECT_DELAY.first);
    first.listeners.onDisconnect();
    vi.advanceTimersByTime(RECONNECT_DELAY.max);
    expect(runtime.ports).toHaveLength(2);
    const clear = message('clear', { tabId: 5 });
    reader.send(clear);
    expect(runtime.ports[1]!.posted).toEqual([subscribe, clear]);
  });

  it('closes the port and never reconnects after close()', () => {
    const { runtime, connect } = fakeRuntime();
    const reader = connectReader(5, 'panel', () => {}, connect);
    runtime.ports[0]!.listeners.onDisconnect();
    reader.close();
    vi.advanceTimersByTime(RECONNECT_DELAY.max * 2);
    expect(runtime.attempts).toBe(1);

    const { runtime: other, connect: otherConnect } = fakeRuntime();
    const open = connectReader(5, 'panel', () => {}, otherConnect);
    open.close();
    expect(other.ports[0]!.disconnected).toBe(true);
    other.ports[0]!.listeners.onDisconnect();
    vi.advanceTimersByTime(RECONNECT_DELAY.max * 2);
    expect(other.attempts).toBe(1);
  });
});
