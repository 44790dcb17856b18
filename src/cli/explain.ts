/**
 * `cors-inspector explain "<console text>"`: the pasted text (or stdin) read by the same console-text
 * reader the MCP `explain` tool uses. Exit 0 when a failure was recognised, 1 when nothing was
 * (unknown is never success), 2 when there is no text at all.
 */
import fs from 'node:fs';
import {
  explainConsoleText,
  summarizeConsoleExplanation,
  type ConsoleExplanation,
} from '../cors/console-text/index.ts';
import { UsageError } from './options.ts';

/** The text to explain: the arguments joined, or stdin when the argument is `-` or absent and stdin is piped. */
export function explainInput(args: string[], stdinIsTTY: boolean, readStdin: () => string): string {
  const fromStdin = (args.length === 1 && args[0] === '-') || (args.length === 0 && !stdinIsTTY);
  const text = fromStdin ? readStdin() : args.join(' ');
  if (text.trim() === '')
    throw new UsageError(
      'give the console text to explain: cors-inspector explain "<pasted text>", or pipe it: pbpaste | cors-inspector explain -',
    );
  return text;
}

export const readAllStdin = (): string => fs.readFileSync(0, 'utf8');

export function explainText(text: string): { explanation: ConsoleExplanation; summary: string; exitCode: 0 | 1 } {
  const explanation = explainConsoleText(text);
  return {
    explanation,
    summary: summarizeConsoleExplanation(explanation),
    exitCode: explanation.diagnoses.length > 0 ? 0 : 1,
  };
}
