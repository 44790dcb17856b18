/** The exit codes, one meaning each, and the text `--help` shows for them. */

export const EXIT = {
  /** Everything was checked, and nothing met the --fail-on rule. */
  clean: 0,
  /** The --fail-on rule was met. */
  failed: 1,
  /** A bad option or argument, or Chromium could not be found or started. */
  usage: 2,
  /** Something could not be checked (and --allow-unreachable was not given). */
  unchecked: 3,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  everything was checked and nothing met --fail-on
  1  the --fail-on rule was met (this wins over 3: a problem found is certain)
  2  usage error: a bad option or argument, or Chromium could not be found or started
  3  something could not be checked: a page that did not load (connection refused, timeout,
     redirect loop, an HTTP error status), a request whose end was not seen, a request that
     failed before CORS could be judged, a probe with no answer, a missing shard, an unreadable
     sitemap. --allow-unreachable reports these and exits 0 or 1 instead.`;
