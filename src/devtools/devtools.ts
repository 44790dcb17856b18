/**
 * The DevTools page: loads when DevTools opens on a tab (before our panel is first shown), creates
 * the panel, and keeps a reader port open so the tab is recorded while DevTools is open, the way
 * DevTools' own Network panel records from the moment DevTools opens.
 */
import { connectReader } from '../platform/reader-port.ts';

const tabId = chrome.devtools.inspectedWindow.tabId;
chrome.devtools.panels.create('CORS', '', 'src/devtools/panel/panel.html');
connectReader(tabId, 'devtools');
