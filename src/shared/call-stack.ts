/**
 * Where in the page a request was made: the JavaScript stack the page-side observer saw when the
 * page called fetch / XMLHttpRequest.send / EventSource / sendBeacon, as V8 prints it
 * (`    at fn (https://app.example/app.js:12:5)`), reduced to the page's own frames. DevTools' Network
 * Initiator column shows the same thing (the first frame, `app.js:12`). It is the page's word: a
 * page can make its stack say anything about itself, so readers label it as page-reported.
 */

export interface StackFrame {
  /** The script's URL as V8 names it (for an inline script, the document's URL). */
  url: string;
  /** 1-based, as V8 prints them. */
  line: number;
  column: number;
  /** Empty for anonymous functions and top-level code. */
  functionName: string;
}

/** The most frames kept per call, and the longest stack text the observer sends. */
export const STACK_LIMITS = { frames: 5, chars: 4096, functionNameChars: 256 } as const;

// `at fn (url:line:col)`, `at url:line:col`, `at async fn (url:line:col)`, `at new Fn (url:line:col)`.
const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The page's frames of a V8 stack, innermost first. The observer's own frames are on top (the
 * stack is taken inside its wrapper), and its bundle is one script, so every leading frame from
 * the first frame's URL is its own and is dropped. Frames without a location (`at new Promise
 * (<anonymous>)`, native code) are skipped; anything out of shape yields no frames, never a throw.
 */
export function parseStack(text: unknown): StackFrame[] {
  if (typeof text !== 'string' || text.length > STACK_LIMITS.chars) return [];
  const frames: StackFrame[] = [];
  const lines = text.split('\n');
  // The observer cuts a longer stack at `chars`, so a stack of exactly that length may end mid-frame.
  if (text.length === STACK_LIMITS.chars) lines.pop();
  for (const line of lines) {
    const m = FRAME.exec(line);
    if (!m) continue;
    frames.push({
      url: m[2]!,
      line: Number(m[3]),
      column: Number(m[4]),
      functionName: (m[1] ?? '').replace(/^async /, '').slice(0, STACK_LIMITS.functionNameChars),
    });
  }
  const own = frames[0]?.url;
  let first = 0;
  while (first < frames.length && frames[first]!.url === own) first++;
  return frames.slice(first, first + STACK_LIMITS.frames);
}

/**
 * A frame as DevTools' Initiator column names it: the script's file name and line (`app.js:12`),
 * `(index)` for a document whose path ends in a slash, the whole text when it is not a URL.
 */
export function frameLabel(frame: StackFrame): string {
  let name = frame.url;
  try {
    const u = new URL(frame.url);
    const file = u.pathname.slice(u.pathname.lastIndexOf('/') + 1);
    name = file === '' ? '(index)' : file;
  } catch {
    // eval'd code or an unnamed script: V8's own words
  }
  return `${name}:${frame.line}`;
}

/** One frame on one line, as DevTools prints a stack (`fn @ https://app.example/app.js:12:5`). */
export function frameText(frame: StackFrame): string {
  return `${frame.functionName || '(anonymous)'} @ ${frame.url}:${frame.line}:${frame.column}`;
}

/** Whether the frame names a script DevTools can open (an http(s) URL, not eval'd code). */
export function isOpenable(frame: StackFrame): boolean {
  return /^https?:\/\//.test(frame.url);
}
