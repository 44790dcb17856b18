/**
 * What every server snippet shares: its input, the secure defaults, and the comment lines it opens
 * with (secure by default, verified or not and against what, where it goes).
 */
import type { StackId } from '../stacks.ts';
import { verificationLine } from '../verified-versions.ts';

export interface SnippetInput {
  /** The one origin to allow-list. */
  origin: string;
  /** The URL that failed (named in comments only). */
  url: string;
  credentials: boolean;
  /** Non-safelisted methods to allow besides GET, HEAD and POST. */
  methods: string[];
  /** Lower-cased request header names to allow. */
  headers: string[];
  /** Response header names to expose to JavaScript. */
  expose: string[];
}

/** Chromium caps preflight caching at 2 h; 10 min keeps a corrected policy from staying cached long. */
export const MAX_AGE_SECONDS = 600;

export const SECURE =
  'Secure by default: only the allow-listed origin gets CORS headers (no reflection), no "*" with credentials, Max-Age <= 600 s, Vary: Origin.';

/** Where every snippet's error-path promise is made, in the same words. */
export const ERROR_PATH = 'Error responses (401, 403, 404, 500) carry the same headers, so the page can read them.';

export const allowedMethods = (s: SnippetInput) => [
  'GET',
  'HEAD',
  'POST',
  ...s.methods.filter((m) => !['GET', 'HEAD', 'POST'].includes(m)),
];

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The opening comment lines: secure by default, the verification line, then the stack's own guidance. */
export function preamble(stack: StackId, comment: '//' | '#', guidance: string[]): string[] {
  return [SECURE, verificationLine(stack), ...guidance].map((line) => `${comment} ${line}`);
}
