/**
 * Requests webRequest ties to no tab (tabId -1): the own requests of shared workers and service
 * workers (measured in Chromium 156: tabId -1, frameId -1, no documentId, initiator = the worker's
 * origin; dedicated workers' requests carry their document's tab and frame). Such a worker shares
 * its origin with the documents that use it, so when exactly one recorded tab shows a document of
 * that origin, that is the tab; otherwise the request stays tab-less and says why. Pure.
 */
export const NO_TAB = -1;

export interface TablessAttribution {
  tabId: number;
  /** One sentence for the reader: where the request was put, and on what evidence. */
  why: string;
}

/** @param candidates tabs recorded now that show a document (top or frame) of `initiator`'s origin. */
export function attributeTabless(initiator: string | undefined, candidates: readonly number[]): TablessAttribution {
  const who = 'a shared or service worker, which webRequest ties to no tab';
  const tabs = [...new Set(candidates)];
  if (initiator === undefined || initiator === 'null')
    return { tabId: NO_TAB, why: `Made by ${who}; its origin is opaque, so no tab can be named.` };
  if (tabs.length === 1)
    return {
      tabId: tabs[0]!,
      why: `Made by ${who}; attributed to this tab because it is the only recorded tab showing a document of ${initiator}.`,
    };
  return {
    tabId: NO_TAB,
    why:
      tabs.length === 0
        ? `Made by ${who}; no recorded tab shows a document of ${initiator}, so it is listed without a tab.`
        : `Made by ${who}; ${tabs.length} recorded tabs show documents of ${initiator}, so it is listed without a tab rather than guessed.`,
  };
}
