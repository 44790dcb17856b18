/**
 * Pasted console text → candidate message lines. Consoles decorate messages differently (Chrome's
 * "(index):1" source links, Safari's "[Error]" and "(file, line 0)", Firefox's "[Learn More]",
 * timestamps), and pastes wrap long lines; the readers look for their own anchors inside a line,
 * so only typography and line structure are normalised here.
 */

/** Firefox writes ‘…’ and “…” where Chromium and WebKit write ASCII quotes. */
export function normaliseTypography(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u00a0\u2007\u202f]/g, ' ');
}

/** Non-empty lines, trimmed, in order. */
export function splitLines(text: string): string[] {
  return normaliseTypography(text)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Console chrome around a message: Safari's trailing "(file, line N)", Firefox's "[Learn More]". */
export function stripDecorations(message: string): string {
  return message
    .replace(/\s*\[Learn More\]\s*$/i, '')
    .replace(/\s*\([^()]*, line \d+\)\s*$/, '')
    .trim();
}
