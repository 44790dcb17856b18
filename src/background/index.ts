/** Chromium's background entry: a service worker, with 'extraHeaders' and the debugger (Verify with Chrome). */
import { chromeDebugger } from '../platform/debugger.ts';
import { chromeWebRequest } from '../platform/web-request.ts';
import { startBackground } from './start-background.ts';

startBackground(chromeWebRequest, chromeDebugger);
