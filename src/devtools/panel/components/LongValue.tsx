/**
 * An untrusted value shown as text: control characters made visible, and long values cut with a
 * button to show the rest (a 1 MB header must not freeze the pane or push everything else away).
 */
import { useState } from 'preact/hooks';
import { showControls } from '../../../shared/inline-code.ts';

const LONG_VALUE_LIMIT = 500;

export function LongValue({ value, limit = LONG_VALUE_LIMIT }: { value: string; limit?: number }) {
  const [expanded, setExpanded] = useState(false);
  const shown = showControls(value);
  if (shown.length <= limit || expanded) return <span class="value-text">{shown}</span>;
  return (
    <span class="value-text">
      {shown.slice(0, limit)}…{' '}
      <button type="button" class="link-button" onClick={() => setExpanded(true)}>
        Show all {value.length.toLocaleString('en-US')} characters
      </button>
    </span>
  );
}
