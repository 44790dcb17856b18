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
import type { ScriptFiles, Scripting } from '../platform/worker.ts';

const OBSERVER_ID = 'cors-inspector-page-observer';
const RELAY_ID = 'cors-inspector-page-relay';
const SCRIPT_IDS = [OBSERVER_ID, RELAY_ID];

export class PageScripts {
  private chain: Promise<void> = Promise.resolve();
  private wanted = false;

  constructor(
    private readonly scripting: Scripting,
    /** The built observer and relay (the entry file imports them with crxjs's `?script`). */
    private readonly files: ScriptFiles,
  ) {}

  /** Registers or unregisters; calls are applied in order, the last one wins. Resolves when applied. */
  set(registered: boolean): Promise<void> {
    this.wanted = registered;
    this.chain = this.chain.then(() => this.apply()).catch(() => undefined);
    return this.chain;
  }

  /** Runs the observer in every frame the tab has now (the registered scripts cover documents loaded later). */
  async injectInto(tabId: number): Promise<void> {
    try {
      await this.scripting.inject(tabId, this.files.observer, 'MAIN');
      await this.scripting.inject(tabId, this.files.relay, 'ISOLATED');
    } catch {
      // A page extensions may not script (chrome://, the Web Store) or a tab that closed meanwhile.
    }
  }

  private async apply(): Promise<void> {
    const present = await this.scripting.registered(SCRIPT_IDS);
    if (!this.wanted) {
      if (present.length) await this.scripting.unregister(present);
      return;
    }
    if (present.length === SCRIPT_IDS.length) return;
    if (present.length) await this.scripting.unregister(present);
    // Listed in this order, the observer runs before the relay in each document; either order
    // works, since the observer only dispatches its first batch after the document's first task.
    await this.scripting.register([
      { id: OBSERVER_ID, file: this.files.observer, world: 'MAIN' },
      { id: RELAY_ID, file: this.files.relay, world: 'ISOLATED' },
    ]);
  }
}
