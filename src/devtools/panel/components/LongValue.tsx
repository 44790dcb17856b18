/**
 * An untrusted value shown as text: control characters made visible, and a long value cut to a
 * prefix with a button for the rest. Only the prefix is ever transformed or laid out; "Show all"
 * lays a value out inline up to INLINE_LIMIT characters, and shows a longer one (a header can be a
 * megabyte) in a scroll box that renders only the lines in view, so no click lays out megabytes.
 */
import { useState } from 'preact/hooks';
import { showControls } from '../../../shared/inline-code.ts';
import { CopyButton } from './CopyButton.tsx';
import { VirtualText } from './VirtualText.tsx';

const LONG_VALUE_LIMIT = 500;
/** Longest value laid out inline when expanded (about a screenful of wrapped text). */
const INLINE_LIMIT = 20_000;
/** Characters per line in the scroll box. */
const LINE_CHARS = 120;

const count = (n: number) => n.toLocaleString('en-US');

interface LongValueProps {
  value: string;
  limit?: number;
  /** Prose (an engine sentence) wraps between words; a wire value anywhere (the default). */
  prose?: boolean;
}

export function LongValue({ value, limit = LONG_VALUE_LIMIT, prose = false }: LongValueProps) {
  const [expanded, setExpanded] = useState(false);
  const textClass = prose ? 'prose-text' : 'value-text';
  if (value.length <= limit || (expanded && value.length <= INLINE_LIMIT))
    return <span class={textClass}>{showControls(value)}</span>;
  if (expanded)
    return (
      <span class={`${textClass} long-value-box`}>
        <VirtualText
          count={Math.ceil(value.length / LINE_CHARS)}
          line={(i) => showControls(value.slice(i * LINE_CHARS, (i + 1) * LINE_CHARS))}
          label={`The whole value, ${count(value.length)} characters`}
        />
        <CopyButton text={value} what={`the whole value (${count(value.length)} characters)`} />
      </span>
    );
  return (
    <span class={textClass}>
      {showControls(value.slice(0, limit))}…{' '}
      <button type="button" class="link-button" onClick={() => setExpanded(true)}>
        Show all {count(value.length)} characters
      </button>
    </span>
  );
}
