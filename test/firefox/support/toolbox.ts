/**
 * Firefox's DevTools toolbox, driven from Firefox's own chrome scope over BiDi (needs
 * `--remote-allow-system-access`, test-only): open it on a tab, show our panel, switch the theme,
 * and take a picture of it. BiDi cannot screenshot chrome-scope contexts, so the picture comes
 * from Firefox's compositor (WindowGlobalParent.drawSnapshot, which Firefox's own screenshots
 * use): the same pixels headless or on a display, no X server involved.
 */
import type { FirefoxSession } from './firefox.ts';
import { bidi } from './firefox.ts';

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

/** Evaluates `expression` (awaited) in the browser window's chrome scope and returns its string value. */
export async function inChrome(firefox: FirefoxSession, expression: string): Promise<string> {
  const connection = bidi(firefox.browser);
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[];
  };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window in chrome scope');
  const r = (
    await connection.send('script.evaluate', {
      expression,
      target: { context: window.context },
      awaitPromise: true,
    })
  ).result as EvaluateResult;
  if (r.type !== 'success') throw new Error(`chrome scope: ${r.exceptionDetails?.text ?? 'failed'}`);
  return String(r.result?.value ?? '');
}

/** What the toolbox shows after `showPanel`. */
export interface ShownPanel {
  /** The tool's label in the toolbox's tab bar. */
  label: string;
  /** The URL the panel's frame loaded. */
  url: string;
}

/** Opens the toolbox on the selected tab and shows the panel our add-on added to it. */
export async function showPanel(firefox: FirefoxSession): Promise<ShownPanel> {
  const json = await inChrome(
    firefox,
    `(async () => {
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      const { gDevTools } = require('devtools/client/framework/devtools');
      const toolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab);
      const ours = () => toolbox.getAdditionalTools().find((t) => t.id.includes(${JSON.stringify(firefox.extensionId.replace(/[{}@.]/g, '_'))}));
      for (let i = 0; i < 100 && !ours(); i++) await new Promise((r) => setTimeout(r, 100));
      const tool = ours();
      if (!tool) throw new Error('the add-on added no panel to the toolbox');
      await toolbox.selectTool(tool.id);
      const frame = () => toolbox.doc.getElementById('toolbox-panel-iframe-' + tool.id);
      const browser = () => frame()?.contentDocument?.querySelector('browser');
      for (let i = 0; i < 100 && !browser()?.currentURI?.spec.startsWith('moz-extension:'); i++)
        await new Promise((r) => setTimeout(r, 100));
      return JSON.stringify({ label: tool.label, url: browser()?.currentURI?.spec ?? '' });
    })()`,
  );
  return JSON.parse(json) as ShownPanel;
}

/** Switches DevTools' theme, which the panel follows (devtools.panels.onThemeChanged). */
export async function setDevToolsTheme(firefox: FirefoxSession, theme: 'light' | 'dark'): Promise<void> {
  await inChrome(firefox, `(Services.prefs.setCharPref('devtools.theme', ${JSON.stringify(theme)}), 'ok')`);
}

/** A PNG of the docked toolbox, and its mean luminance (0 black … 1 white). */
export async function snapshotToolbox(firefox: FirefoxSession): Promise<{ png: Buffer; luminance: number }> {
  const json = await inChrome(
    firefox,
    `(async () => {
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      const { gDevTools } = require('devtools/client/framework/devtools');
      const toolbox = gDevTools.getToolboxForTab(gBrowser.selectedTab);
      const frame = toolbox.win.browsingContext.embedderElement;
      const { width, height } = frame.getBoundingClientRect();
      const bitmap = await toolbox.win.browsingContext.currentWindowGlobal.drawSnapshot(
        new DOMRect(0, 0, width, height), 1, 'white');
      const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext('2d');
      context.drawImage(bitmap, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let sum = 0;
      for (let i = 0; i < pixels.length; i += 4)
        sum += (0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2]) / 255;
      return JSON.stringify({ png: canvas.toDataURL('image/png'), luminance: sum / (pixels.length / 4) });
    })()`,
  );
  const { png, luminance } = JSON.parse(json) as { png: string; luminance: number };
  return { png: Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'), luminance };
}

/**
 * Suspends the add-on's background page now, as Firefox does after 30 s without events
 * (Extension.terminateBackground, which Firefox's own tests use for the same purpose).
 */
export async function suspendBackground(firefox: FirefoxSession): Promise<void> {
  await inChrome(
    firefox,
    `(async () => {
      await WebExtensionPolicy.getByID(${JSON.stringify(firefox.extensionId)}).extension.terminateBackground();
      return 'ok';
    })()`,
  );
}
