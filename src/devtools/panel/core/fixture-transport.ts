/**
 * A transport that replays a fixture scenario and answers the reader messages the way the worker
 * does, so every toolbar action works without the extension. Tests push live messages with `emit`.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { message, type ReaderMessage, type TabState, type WorkerMessage } from '../../../shared/messages.ts';
import type { Scenario } from '../fixtures/scenarios.ts';
import type { Transport } from './transport.ts';

export interface FixtureTransport extends Transport {
  /** Delivers a worker message as if it came over the port (and remembers its effect for snapshots). */
  emit(msg: WorkerMessage): void;
  /** Every message the panel sent, in order. */
  readonly sent: ReaderMessage[];
}

export function fixtureTransport(scenario: Scenario): FixtureTransport {
  let state: TabState = { ...scenario.state };
  let exchanges: ExchangeRecord[] = [...scenario.exchanges];
  let listener: ((msg: WorkerMessage) => void) | null = null;
  const sent: ReaderMessage[] = [];
  const remember = (msg: WorkerMessage) => {
    if (msg.type === 'exchange-added') exchanges.push(msg.data.exchange);
    if (msg.type === 'exchange-updated')
      exchanges = exchanges.map((e) => (e.id === msg.data.exchange.id ? msg.data.exchange : e));
    if (msg.type === 'exchanges-removed') exchanges = exchanges.filter((e) => !msg.data.ids.includes(e.id));
    if (msg.type === 'cleared') exchanges = [];
    if (msg.type === 'state') state = msg.data.state;
  };
  const emit = (msg: WorkerMessage) => {
    remember(msg);
    listener?.(msg);
  };
  const snapshot = () => emit(message('snapshot', { state, exchanges: [...exchanges] }));
  return {
    sent,
    emit,
    connect: (onMessage) => {
      listener = onMessage;
      // Ports deliver asynchronously; so does the fixture, so the panel never relies on otherwise.
      queueMicrotask(snapshot);
    },
    send: (msg) => {
      sent.push(msg);
      if (msg.type === 'clear') emit(message('cleared', { tabId: state.tabId, why: 'user' }));
      if (msg.type === 'set-preserve-log') emit(message('state', { state: { ...state, preserveLog: msg.data.value } }));
      if (msg.type === 'get-snapshot') snapshot();
    },
    close: () => {
      listener = null;
    },
  };
}
