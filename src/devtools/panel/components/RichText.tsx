/**
 * A sentence from the engine with its `code` parts as <code>. Built from text nodes only: the
 * sentence may quote header values, and nothing in it is ever parsed as markup.
 */
import { splitInlineCode } from '../../../shared/inline-code.ts';

export function RichText({ text }: { text: string }) {
  return <>{splitInlineCode(text).map((s, i) => (s.code ? <code key={i}>{s.text}</code> : s.text))}</>;
}
