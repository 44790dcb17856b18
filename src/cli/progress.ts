/**
 * Audit progress: a progress bar (cli-progress) when stderr is a terminal, plain lines otherwise
 * (CI logs, pipes), one per finished page. Pages that could not be checked are always printed as
 * lines of their own, so the terminal keeps them after the bar is gone.
 */
import { MultiBar, Presets } from 'cli-progress';
import type { ReportPage } from '../shared/report.ts';
import { printable } from './table.ts';

export interface Progress {
  /** The number of pages to audit grew (a crawl found more). */
  setTotal(total: number): void;
  pageDone(page: ReportPage): void;
  stop(): void;
}

export function pageLine(page: ReportPage): string {
  return page.ok
    ? `${printable(page.url)}: ${page.exchanges} cross-origin exchange(s)`
    : `${printable(page.url)}: could not be loaded (${printable(page.error ?? 'unknown error')})`;
}

export function plainProgress(write: (line: string) => void): Progress {
  let total = 0;
  let done = 0;
  return {
    setTotal: (n) => {
      total = n;
    },
    pageDone: (page) => write(`[${++done}/${total}] ${pageLine(page)}`),
    stop: () => undefined,
  };
}

export function barProgress(stream: NodeJS.WriteStream): Progress {
  const bars = new MultiBar(
    {
      stream,
      format: '{bar} {value}/{total} pages · {unchecked} not checked · {url}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  // Created with the first total: a bar drawn for a run with nothing to do would only flicker.
  let bar: ReturnType<MultiBar['create']> | null = null;
  let unchecked = 0;
  return {
    setTotal: (n) => {
      if (bar) bar.setTotal(n);
      else bar = bars.create(n, 0, { unchecked: 0, url: '' });
    },
    pageDone: (page) => {
      if (!page.ok) {
        unchecked++;
        bars.log(`${pageLine(page)}\n`);
      }
      bar?.increment({ unchecked, url: printable(page.url).slice(0, 60) });
    },
    stop: () => {
      // cli-progress writes logged lines on its next redraw, and stop() does not redraw: flush first.
      if (bars.isActive) bars.update();
      bars.stop();
    },
  };
}

/** The bar on a terminal, lines elsewhere. */
export function progressOn(stream: NodeJS.WriteStream, write: (line: string) => void): Progress {
  return stream.isTTY ? barProgress(stream) : plainProgress(write);
}
