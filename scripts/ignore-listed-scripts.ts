/**
 * A build step that makes DevTools skip our page-side scripts when it names who made a request.
 *
 * The page observer wraps fetch and XMLHttpRequest in the page's MAIN world, so its wrapper is the
 * top JavaScript frame of every request the page makes. DevTools' Network Initiator column, the
 * console's `net::ERR_FAILED` links and the request's Initiator tab all show the first frame that
 * is not ignore-listed (DebuggerWorkspaceBinding's StackTraceTopFrameLocation); without this they
 * showed `page-observer.iife.js:1` for every fetch instead of the developer's own line.
 *
 * The script gets an inline source map whose `x_google_ignoreList` covers its one source
 * (https://developer.chrome.com/docs/devtools/x-google-ignore-list), so DevTools ignore-lists it
 * by default ("Automatically add known third-party scripts to ignore list"). The map is the
 * identity: its source is the built file itself, so un-ignoring it shows exactly what runs.
 * Scripts registered for the MAIN world are not "content scripts" to DevTools (they run in the
 * page's own context), so its content-script ignore setting does not cover them.
 */
import path from 'node:path';
import type { Plugin } from 'vite';

/** The identity source map of `code`, ignore-listed, as a `sourceMappingURL` comment. */
export function ignoreListComment(code: string, fileName: string): string {
  const lines = code.split('\n').length;
  const map = {
    version: 3,
    file: path.basename(fileName),
    // DevTools resolves a data: map's sources against the script's own URL, so the source sits
    // beside the script under the extension (an absolute made-up URL got a tree entry of its own).
    sources: [path.basename(fileName)],
    sourcesContent: [code],
    names: [],
    // Line i of the file is line i of the source, from column 0.
    mappings: `AAAA${';AACA'.repeat(lines - 1)}`,
    x_google_ignoreList: [0],
  };
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

/** Appends the ignore-list map to each named output file; the build fails if one is missing. */
export function ignoreListed(fileNames: readonly string[]): Plugin {
  return {
    name: 'cors-inspector:ignore-listed',
    apply: 'build',
    // After crxjs's own post plugin has emitted the IIFE scripts (this plugin is listed after it).
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const fileName of fileNames) {
        const out = bundle[fileName];
        if (!out) this.error(`${fileName} is not in the build, so it cannot be ignore-listed`);
        if (out.type === 'chunk') {
          out.code += ignoreListComment(out.code, fileName);
        } else {
          const code = typeof out.source === 'string' ? out.source : new TextDecoder().decode(out.source);
          out.source = code + ignoreListComment(code, fileName);
        }
      }
    },
  };
}
