/** The shape of the recorded console-text fixtures (test/fixtures/console-text/*.json). */

/** One console entry as the browser reported it (CDP Log.entryAdded, or BiDi log.entryAdded). */
export interface RecordedLog {
  source: string;
  level: string;
  text: string;
  /** The entry's URL (CDP gives the request URL on network entries), when any. */
  url: string | null;
}

/** One page call of a scenario, and what the browser said about it. */
export interface RecordedCall {
  /** Every URL the call visited (first hop first). */
  urls: string[];
  /** Chromium's verdict for the call (Network.loadingFailed.corsErrorStatus), null when not blocked. */
  corsError: string | null;
  failedParameter: string | null;
  netError: string | null;
  /** The console entries that name one of `urls`, in arrival order. */
  console: RecordedLog[];
}

export interface ChromiumConsoleFixture {
  browser: string;
  origins: { page: string; api: string; api2: string };
  scenarios: { id: string; calls: RecordedCall[] }[];
}

export interface FirefoxConsoleFixture {
  browser: string;
  origins: { page: string; api: string; api2: string };
  /**
   * Scenarios run in Firefox; each call carries Chromium's verdict from the scenario table (`chromium`:
   * the CorsError, or allowed/failed/…) and what the page's JavaScript saw in Firefox (`firefoxJs`).
   */
  scenarios: { id: string; calls: (RecordedCall & { chromium: string; firefoxJs: string })[] }[];
}
