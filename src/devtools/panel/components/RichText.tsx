/**
 * A sentence from the engine with its `code` parts as <code>. Built from text nodes only: the
 * sentence may quote header values, and nothing in it is ever parsed as markup. A quoted value can
 * be huge, so each part is cut like any long value.
 */
import { splitInlineCode } from '../../../shared/inline-code.ts';
import { LongValue } from './LongValue.tsx';

export function RichText({ text }: { text: string }) {
  return (
    <>
      {splitInlineCode(text).map((s, i) =>
        s.code ? (
          <code key={i}>
            <LongValue value={s.text} />
          </code>
        ) : (
          <LongValue key={i} value={s.text} prose />
        ),
      )}
    </>
  );
}
