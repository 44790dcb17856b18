/**
 * What the DevTools page (devtools.ts) may call on the panel's window. `ExtensionPanel.onSearch`
 * fires in the DevTools page, not in the panel, and `onShown` hands that page the panel's window;
 * this small named object is the only thing shared between the two.
 */
export type SearchAction = 'performSearch' | 'nextSearchResult' | 'previousSearchResult' | 'cancelSearch';

export interface PanelBridge {
  search(action: SearchAction, query?: string): void;
}

const KEY = '__corsInspectorPanel';

type BridgeHost = { [KEY]?: PanelBridge };

export function exposeBridge(win: Window, bridge: PanelBridge): void {
  (win as unknown as BridgeHost)[KEY] = bridge;
}

export function bridgeOf(win: Window | null): PanelBridge | null {
  return (win as unknown as BridgeHost | null)?.[KEY] ?? null;
}
