/// <reference types="@crxjs/vite-plugin/client" />
/**
 * Service-worker entry: the real browser behind the worker's interfaces (src/platform), handed to
 * startWorker() during the worker's first task. See worker.ts for the pipeline.
 */
import observer from '../content/page-observer.iife.ts?script';
import relay from '../content/relay.iife.ts?script';
import { chromeDebugger } from '../platform/debugger.ts';
import { chromeWebRequest } from '../platform/web-request.ts';
import { chromeWorkerPlatform } from '../platform/worker.ts';
import { ExchangeDb } from './exchange-db.ts';
import { startWorker } from './worker.ts';

startWorker({
  platform: chromeWorkerPlatform(),
  webRequest: chromeWebRequest,
  debugger: chromeDebugger,
  db: new ExchangeDb(),
  scripts: { observer, relay },
  // Wrapped: called as methods, the native timer functions would throw "Illegal invocation".
  timers: {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as number),
  },
});
