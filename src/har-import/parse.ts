/**
 * Reads a HAR document as a stream: each `log.entries[i]` is handed over as soon as it is parsed and
 * then dropped, so memory follows what the caller keeps, not the file (a HAR is mostly response
 * bodies). @streamparser/json does the tokenizing (a JSON.parse of a 150 MB file needs the whole
 * text and its whole tree at once, and V8 refuses strings over 512 MB); it takes text or UTF-8
 * bytes in chunks of any size, so the CLI feeds it a file stream and the panel a File's stream.
 */
import { JSONParser } from '@streamparser/json';

/** The file is not a HAR at all (not JSON, or JSON without log.entries). Nothing of it can be read. */
export class HarFormatError extends Error {}

export interface HarHeader {
  version: string | null;
  creator: { name: string; version: string } | null;
  browser: { name: string; version: string } | null;
  pages: unknown[];
}

const nameVersion = (v: unknown): { name: string; version: string } | null => {
  if (!v || typeof v !== 'object') return null;
  const o = v as { name?: unknown; version?: unknown };
  return { name: typeof o.name === 'string' ? o.name : '', version: typeof o.version === 'string' ? o.version : '' };
};

export class HarStreamParser {
  private readonly parser = new JSONParser({
    paths: ['$.log.version', '$.log.creator', '$.log.browser', '$.log.pages.*', '$.log.entries.*'],
    keepStack: false,
  });
  private readonly header: HarHeader = { version: null, creator: null, browser: null, pages: [] };
  private entries = 0;
  private error: Error | null = null;

  constructor(onEntry: (raw: unknown, index: number) => void) {
    this.parser.onValue = ({ value, key, stack }) => {
      const parent = stack[stack.length - 1]?.key;
      if (parent === 'entries' && typeof key === 'number') {
        onEntry(value, this.entries++);
      } else if (parent === 'pages') {
        this.header.pages.push(value);
      } else if (key === 'version') {
        this.header.version = typeof value === 'string' ? value : String(value);
      } else if (key === 'creator') {
        this.header.creator = nameVersion(value);
      } else if (key === 'browser') {
        this.header.browser = nameVersion(value);
      }
    };
    this.parser.onError = (e) => {
      this.error ??= e;
    };
  }

  /** Text or UTF-8 bytes, in any chunking. Never throws: a syntax error stops the reading and is reported by end(). */
  write(chunk: string | Uint8Array): void {
    if (!this.error) this.parser.write(chunk);
  }

  /**
   * The log's header and entry count. A syntax error after some entries (a truncated download)
   * keeps what was read and says where it stopped; with nothing HAR-like read, it is a HarFormatError.
   */
  end(): HarHeader & { entries: number; syntaxError: string | null } {
    if (!this.error && !this.parser.isEnded) this.parser.end();
    const harLike = this.entries > 0 || this.header.version !== null || this.header.creator !== null;
    if (this.error && !harLike) throw new HarFormatError(`not valid JSON: ${this.error.message}`);
    if (!harLike) throw new HarFormatError('not a HAR file (no log.entries array)');
    const syntaxError = this.error
      ? `the JSON breaks off ${this.entries > 0 ? `after entry #${this.entries - 1}` : 'before the first entry'} (${this.error.message}); whatever follows is lost`
      : null;
    return { ...this.header, entries: this.entries, syntaxError };
  }
}
