/**
 * "Explain this error": any browser's pasted console text → the engine's reason codes, explanation
 * and fix, with what the text could not tell stated. Pure; the CLI `explain` verb and the MCP
 * `explain` tool both call explainConsoleText.
 */
import { readChromium, startsChromium } from './chromium.ts';
import { diagnose } from './diagnose.ts';
import { readFirefox, startsFirefox } from './firefox.ts';
import { groupReadings } from './group.ts';
import { splitLines, stripDecorations } from './lines.ts';
import type { ConsoleExplanation, Reading } from './types.ts';
import { readWebKit, startsWebKit } from './webkit.ts';

export type * from './types.ts';
export { summarizeConsoleExplanation } from './summary.ts';

/** Longest run of lines one wrapped message is rejoined from. */
const MAX_WRAPPED_LINES = 6;

function read(line: string): Reading | null {
  const message = stripDecorations(line);
  return readChromium(message) ?? readFirefox(message) ?? readWebKit(message);
}

const starts = (line: string) => startsChromium(line) || startsFirefox(line) || startsWebKit(line);

export function explainConsoleText(text: string): ConsoleExplanation {
  const lines = splitLines(text);
  const readings: Reading[] = [];
  const unrecognised: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let r = read(lines[i]!);
    // A message the paste wrapped: rejoin the following lines until it reads, or another message starts.
    if (!r && starts(lines[i]!)) {
      let joined = lines[i]!;
      for (let j = i + 1; j < lines.length && j <= i + MAX_WRAPPED_LINES && !starts(lines[j]!); j++) {
        joined = `${joined} ${lines[j]}`;
        r = read(joined);
        if (r) {
          i = j;
          break;
        }
      }
    }
    if (r) readings.push(r);
    else unrecognised.push(lines[i]!);
  }
  const groups = groupReadings(readings);
  // A script's bare TypeError says nothing the browser's own message for it does not.
  const meaningful = groups.length > 1 ? groups.filter((g) => !isBareScriptError(g)) : groups;
  return { diagnoses: meaningful.map(diagnose), unrecognised };
}

function isBareScriptError(group: Reading[]): boolean {
  return group.every((r) => r.kind === 'context' && r.url === null && r.failedParameter === null);
}
