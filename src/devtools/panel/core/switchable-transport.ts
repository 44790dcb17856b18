/**
 * A transport whose source can change under a running store: the live worker port, or the
 * exchanges of an imported HAR. The store connects once; `use` closes the current source and
 * connects the next with the same listener, whose first message is a snapshot, as after a reconnect.
 */
import type { Transport } from './transport.ts';
import type { WorkerMessage } from '../../../shared/messages.ts';

export interface SwitchableTransport extends Transport {
  use(next: Transport): void;
}

export function switchableTransport(initial: Transport): SwitchableTransport {
  let current = initial;
  let listener: ((msg: WorkerMessage) => void) | null = null;
  return {
    connect: (onMessage) => {
      listener = onMessage;
      current.connect(onMessage);
    },
    send: (msg) => current.send(msg),
    close: () => current.close(),
    use: (next) => {
      current.close();
      current = next;
      if (listener) next.connect(listener);
    },
  };
}
