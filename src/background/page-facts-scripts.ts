/// <reference types="@crxjs/vite-plugin/client" />
/**
 * Putting the page-side observer into pages: registered as content scripts (document_start, every
 * frame, about:/data:/blob: frames through match_origin_as_fallback) while some tab is recorded,
 * and injected into the documents a tab already has when its recording starts.
 *
 * Chromium cannot register a content script for one tab (RegisteredContentScript has no tabIds;
 * w3c/webextensions#539 was closed, Chrome opposed), so while any tab is recorded the scripts are
 * registered for all of them. In a tab nobody records, the relay asks the worker as the document
 * starts, is answered "not wanted", and the observer puts the page's own functions back.
 */
import observerFile from '../content/page-observer.iife.ts?script';
import relayFile from '../content/relay.iife.ts?script';

const SCRIPT_IDS = ['cors-inspector-page-observer', 'cors-inspector-page-relay'];

const common: Omit<chrome.scripting.RegisteredContentScript, 'id'> = {
  matches: ['<all_urls>'],
  allFrames: true,
  matchOriginAsFallback: true,
  runAt: 'document_start',
  persistAcrossSessions: false,
};

export class PageScripts {
  private chain: Promise<void> = Promise.resolve();
  private wanted = false;

  /** Registers or unregisters; calls are applied in order, the last one wins. Resolves when applied. */
  set(registered: boolean): Promise<void> {
    this.wanted = registered;
    this.chain = this.chain.then(() => this.apply()).catch(() => undefined);
    return this.chain;
  }

  /** Resolves once every registration change asked for so far is in place. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Runs the observer in every frame the tab has now (the registered scripts cover documents loaded later). */
  async injectInto(tabId: number): Promise<void> {
    const target = { tabId, allFrames: true };
    try {
      await chrome.scripting.executeScript({ target, files: [observerFile], world: 'MAIN', injectImmediately: true });
      await chrome.scripting.executeScript({ target, files: [relayFile], world: 'ISOLATED', injectImmediately: true });
    } catch {
      // A page extensions may not script (chrome://, the Web Store) or a tab that closed meanwhile.
    }
  }

  private async apply(): Promise<void> {
    const present = (await chrome.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS })).map((s) => s.id);
    if (!this.wanted) {
      if (present.length) await chrome.scripting.unregisterContentScripts({ ids: present });
      return;
    }
    if (present.length === SCRIPT_IDS.length) return;
    if (present.length) await chrome.scripting.unregisterContentScripts({ ids: present });
    // Listed in this order, the observer runs before the relay in each document; either order
    // works, since the observer only dispatches its first batch after the document's first task.
    await chrome.scripting.registerContentScripts([
      { id: SCRIPT_IDS[0]!, js: [observerFile], world: 'MAIN', ...common },
      { id: SCRIPT_IDS[1]!, js: [relayFile], world: 'ISOLATED', ...common },
    ]);
  }
}
