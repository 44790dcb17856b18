/**
 * Everything a component may use besides its props: the store, the environment and the side
 * effects (clipboard, downloads, the status message), provided once through a context.
 */
import { signal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelEnvironment } from './environment.ts';
import type { HarSession } from './har-session.ts';
import { copyText, downloadText } from './io.ts';
import type { PanelStore } from './store.ts';

export interface PanelServices {
  store: PanelStore;
  env: PanelEnvironment;
  /** The last action's outcome, shown in the status bar and announced politely. */
  status: Signal<string>;
  copy(text: string, what: string): void;
  download(filename: string, mimeType: string, text: string, what: string): void;
  /** Opening HAR files, where the panel can switch its source (absent on a bare fixture). */
  har?: HarSession;
}

export function createServices(store: PanelStore, env: PanelEnvironment): PanelServices {
  const status = signal('');
  return {
    store,
    env,
    status,
    copy: (text, what) => {
      void copyText(text).then((ok) => {
        status.value = ok
          ? `Copied ${what} to the clipboard.`
          : `Could not copy ${what}: the clipboard is not available here.`;
      });
    },
    download: (filename, mimeType, text, what) => {
      downloadText(filename, mimeType, text);
      status.value = `Saved ${what} as ${filename}.`;
    },
  };
}

export const ServicesContext = createContext<PanelServices | null>(null);

export function useServices(): PanelServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesContext.Provider>');
  return services;
}
