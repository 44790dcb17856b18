/**
 * Firefox's background entry: an event page (Firefox MV3 runs no extension service workers), on
 * Firefox's webRequest, without a debugger (Firefox has none, so Verify with Chrome is absent).
 */
import { noDebugger } from '../platform/debugger.ts';
import { firefoxWebRequest } from '../platform/web-request.ts';
import { startBackground } from './start-background.ts';

startBackground(firefoxWebRequest, noDebugger);
