/** Audit progress: plain lines for logs; on a terminal a bar, with unreachable pages kept as lines. */
import { describe, expect, it } from 'vitest';
import { barProgress, plainProgress } from '../../../src/cli/progress.ts';
import type { ReportPage } from '../../../src/shared/report.ts';

const page = (url: string, ok = true): ReportPage => ({
  url,
  ok,
  error: ok ? null : 'net::ERR_CONNECTION_REFUSED',
  status: ok ? 200 : null,
  tabId: 1,
  exchanges: ok ? 3 : 0,
});

describe('progress', () => {
  it('prints one line per finished page when not on a terminal, numbered against the total so far', () => {
    const lines: string[] = [];
    const p = plainProgress((l) => lines.push(l));
    p.setTotal(2);
    p.pageDone(page('http://a.test/'));
    p.setTotal(3);
    p.pageDone(page('http://a.test/\u001b[31mx', false));
    expect(lines).toEqual([
      '[1/2] http://a.test/: 3 cross-origin exchange(s)',
      '[2/3] http://a.test/\\x1b[31mx: could not be loaded (net::ERR_CONNECTION_REFUSED)',
    ]);
  });

  it('draws a bar on a terminal and keeps what could not be loaded as lines above it', () => {
    let written = '';
    const tty = {
      isTTY: true,
      columns: 100,
      write: (s: string) => {
        written += s;
        return true;
      },
      cursorTo: () => true,
      clearLine: () => true,
      clearScreenDown: () => true,
      moveCursor: () => true,
      on: () => tty,
      removeListener: () => tty,
    } as unknown as NodeJS.WriteStream;
    const p = barProgress(tty);
    p.setTotal(2);
    p.pageDone(page('http://a.test/'));
    p.pageDone(page('http://a.test/down', false));
    p.stop();
    expect(written).toContain('http://a.test/down: could not be loaded (net::ERR_CONNECTION_REFUSED)\n');
    expect(written).toMatch(/2\/2 pages · 1 not checked/);
  });

  it('stops cleanly when nothing was audited', () => {
    const p = barProgress({ isTTY: true, write: () => true } as unknown as NodeJS.WriteStream);
    expect(() => p.stop()).not.toThrow();
  });
});
