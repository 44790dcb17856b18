/**
 * @tanstack/virtual-core bound to Preact: only the rows in view (plus a few) are in the DOM, so
 * 50 000 exchanges scroll like 50. Rows have one fixed height, like DevTools' 21 px grid rows.
 * Mirrors how @tanstack/react-virtual drives the core (setOptions every render, mount/update hooks).
 * Those hooks, _didMount() and _willUpdate(), are internal, which is why package.json pins 3.19.x.
 */
import {
  defaultRangeExtractor,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type Range,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';

export const ROW_HEIGHT = 21;

/**
 * @param keepIndex a row to keep mounted even when scrolled out of view: the one holding the
 *   grid's focus, which would otherwise be lost to <body> on unmount.
 * @param rowHeight every row's height in px (the table's 21 px unless given).
 */
export function useVirtualRows(count: number, headerHeight: number, keepIndex: number, rowHeight = ROW_HEIGHT) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options = {
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // The sticky header sits inside the scroll element, above the first row.
    scrollMargin: headerHeight,
    overscan: 12,
    rangeExtractor: (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (keepIndex < 0 || keepIndex >= count || indexes.includes(keepIndex)) return indexes;
      return [...indexes, keepIndex].sort((a, b) => a - b);
    },
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => rerender(undefined),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLDivElement, HTMLDivElement>(options));
  virtualizer.setOptions(options);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => virtualizer._willUpdate());
  return { scrollRef, virtualizer };
}
