/**
 * Text too long to lay out at once (a megabyte header value, ten thousand raw header lines), shown
 * whole in a scroll box of its own: only the lines in view are in the DOM, each a fixed-height
 * line that never wraps. Selecting across it is limited to what is rendered, so the caller offers
 * a Copy button for the whole text.
 */
import { useVirtualRows } from './use-virtual-rows.ts';

/** px; matches .virtual-line's line-height. */
const LINE_HEIGHT = 16;

export function VirtualText({ count, line, label }: { count: number; line: (i: number) => string; label: string }) {
  const { scrollRef, virtualizer } = useVirtualRows(count, 0, -1, LINE_HEIGHT);
  const items = virtualizer.getVirtualItems();
  // The lines in view stay in normal flow (moved down as one block), so the widest sets the
  // scroll width and a long line scrolls sideways instead of being cut.
  return (
    // tabIndex: a scroll box must be reachable to scroll it by keyboard.
    <div
      ref={scrollRef}
      class="virtual-text mono"
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid="virtual-text"
    >
      <div class="virtual-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        <div class="virtual-lines" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => (
            <div key={item.index} class="virtual-line">
              {line(item.index)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
