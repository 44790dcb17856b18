/// <reference types="@crxjs/vite-plugin/client" />
/**
 * What both background entries share: the real browser behind the worker's interfaces
 * (src/platform), handed to startWorker() during the first task. See worker.ts for the pipeline.
 * Each browser's entry (index.ts for Chromium, firefox.ts) adds the two hosts that differ, so
 * each bundle carries only its own browser's code.
 */
import observer from '../content/page-observer.iife.ts?script';
import relay from '../content/relay.iife.ts?script';
import type { DebuggerHost } from '../platform/debugger.ts';
import type { WebRequestHost } from '../platform/web-request.ts';
import { chromeWorkerPlatform } from '../platform/worker.ts';
import { ExchangeDb } from './exchange-db.ts';
import { startWorker } from './worker.ts';

export function startBackground(webRequest: WebRequestHost, debuggerHost: DebuggerHost): void {
  startWorker({
    platform: chromeWorkerPlatform(),
    webRequest,
    debugger: debuggerHost,
    db: new ExchangeDb(),
    scripts: { observer, relay },
    // Wrapped: called as methods, the native timer functions would throw "Illegal invocation".
    timers: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
  });
}
