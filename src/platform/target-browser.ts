/**
 * The browser this bundle was built for: `vite build` → dist/ (Chromium), `vite build --mode
 * firefox` → dist-firefox/ (vite.config.ts). Vite replaces `import.meta.env.MODE` at build time,
 * so each bundle keeps only its own browser's code: Firefox's carries no chrome.debugger, which
 * web-ext lint reports as UNSUPPORTED_API for every call. Anything else (vitest's 'test') is Chromium.
 */
import type { BrowserProfile } from '../shared/exchange.ts';

export const TARGET_BROWSER: BrowserProfile = import.meta.env.MODE === 'firefox' ? 'firefox' : 'chromium';
