/**
 * The DevTools page: loads when DevTools opens on a tab (before our panel is first shown), creates
 * the panel, and keeps a reader port open so the tab is recorded while DevTools is open, the way
 * DevTools' own Network panel records from the moment DevTools opens. Where DevTools' network log
 * shows CORS failures (Chromium), the page sends it to the worker, which then needs no webRequest
 * listener for the tab.
 */
import { createDevToolsPanel, inspectedTabId, networkLog } from '../platform/devtools.ts';
import { connectReader } from '../platform/reader-port.ts';
import { connectRuntimePort } from '../platform/runtime-port.ts';
import { feedNetworkLog, type NetworkFeed } from './network-feed.ts';
import { bridgeOf, type SearchAction } from './panel/core/bridge.ts';

// Ctrl/⌘+F in our panel opens DevTools' own search bar, whose events reach only this page
// (ExtensionPanel.onSearch); onShown hands us the panel's window to relay them to.
let panelWindow: Window | null = null;
createDevToolsPanel('CORS', '/src/devtools/panel/panel.html', {
  onShown: (win) => {
    panelWindow = win;
  },
  onSearch: (action, query) => bridgeOf(panelWindow)?.search(action as SearchAction, query),
});

const tabId = inspectedTabId();
const log = networkLog();
let feed: NetworkFeed | null = null;
const connection = connectReader(tabId, 'devtools', (msg) => feed?.received(msg), connectRuntimePort, log !== null);
if (log) feed = feedNetworkLog(tabId, log, (msg) => connection.send(msg));
