/** The draggable divider between the table and the details (arrow keys move it too). */
import type { Signal } from '@preact/signals';

const STEP = 16;

export function Splitter({ width, min, max }: { width: Signal<number>; min: number; max: () => number }) {
  const clamp = (w: number) => Math.round(Math.max(min, Math.min(max(), w)));
  const onPointerDown = (e: PointerEvent) => {
    const target = e.currentTarget as HTMLElement;
    const startX = e.clientX;
    const startWidth = width.value;
    target.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => (width.value = clamp(startWidth + m.clientX - startX));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  return (
    <div
      class="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the table"
      aria-valuenow={width.value}
      aria-valuemin={min}
      aria-valuemax={max()}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        const delta = e.key === 'ArrowLeft' ? -STEP : e.key === 'ArrowRight' ? STEP : 0;
        if (!delta) return;
        e.preventDefault();
        width.value = clamp(width.value + delta);
      }}
    />
  );
}
