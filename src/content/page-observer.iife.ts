/**
 * The page-side observer's entry, run in the page's MAIN world at document_start in every frame
 * of a recorded tab (registered by background/page-facts-scripts.ts). It exports nothing, so the
 * bundle leaves no name in the page's global scope.
 */
import type { ObservedScope } from './intrinsics.ts';
import { installPageObserver } from './page-observer.ts';

try {
  installPageObserver(globalThis as ObservedScope);
} catch {
  // A document where the observer cannot install (a frozen or exotic global) runs unobserved.
}
