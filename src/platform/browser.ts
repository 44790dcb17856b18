/**
 * The promise-based extension namespace, the one place webextension-polyfill is imported. On Chrome
 * 144+ the polyfill returns the native `browser` unchanged; on Firefox it is native anyway. It is
 * archived (2026-07-30) and never used for `devtools`, which Chrome 144–151's native `browser`
 * lacked in DevTools pages (webextension-polyfill#721): platform/devtools.ts calls `chrome.devtools`.
 */
import browser from 'webextension-polyfill';

export { browser };
