/**
 * The engine's sentences mark code with backticks ("send `Access-Control-Allow-Origin: …`"), and
 * the code often holds values from the wire. Splitting them into segments lets each reader render
 * code its own safe way (a <code> element built from text, a Markdown code span with a long enough
 * fence) instead of interpreting the sentence as markup. Pure; no DOM.
 */
export interface Segment {
  code: boolean;
  text: string;
}

/**
 * Splits on single backticks. A value can itself hold a backtick; the split then pairs them
 * differently, which changes only which part looks like code, never what the text says.
 */
export function splitInlineCode(sentence: string): Segment[] {
  const parts = sentence.split('`');
  // An odd number of backticks: the last one opens nothing, so it stays literal text.
  if (parts.length % 2 === 0)
    parts.splice(parts.length - 2, 2, `${parts[parts.length - 2]}\`${parts[parts.length - 1]}`);
  return parts.map((text, i) => ({ code: i % 2 === 1, text })).filter((s) => s.text !== '');
}

/** Control characters shown as visible escapes (`\x0a`), so a value cannot fake a new line. */
export function showControls(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
