/** A few plain lines an agent or a terminal can relay: what failed, why, the fix, and what is unknown. */
import type { ConsoleDiagnosis, ConsoleExplanation } from './types.ts';

const BROWSER = { chromium: 'Chrome/Chromium', firefox: 'Firefox', webkit: 'Safari' } as const;

function reasonOf(d: ConsoleDiagnosis): string {
  if (d.code) return d.failedParameter ? `${d.code} (${d.failedParameter})` : d.code;
  if (d.candidates.length) return `one of ${d.candidates.join(', ')}`;
  return d.title;
}

export function summarizeConsoleExplanation(e: ConsoleExplanation): string {
  if (e.diagnoses.length === 0)
    return e.unrecognised.length
      ? `Not recognised: none of the ${e.unrecognised.length} line(s) is a CORS console message from Chrome, Firefox or Safari that this tool knows. Nothing was guessed.`
      : 'Nothing to explain: the text is empty.';
  const lines = [
    `${e.diagnoses.length} failure(s) recognised (${[...new Set(e.diagnoses.map((d) => BROWSER[d.browser]))].join(', ')}).`,
  ];
  e.diagnoses.forEach((d, i) => {
    const target = [d.method, d.url].filter(Boolean).join(' ') || '(request not named)';
    lines.push(`${i + 1}. ${d.verdict.toUpperCase()} ${target}: ${reasonOf(d)}`);
    lines.push(`   ${d.explanation}`);
    lines.push(`   ${d.howToFix}`);
    if (d.unknowns.length) lines.push('   Not known from the text:', ...d.unknowns.map((u) => `   - ${u}`));
  });
  if (e.unrecognised.length) lines.push(`(${e.unrecognised.length} other line(s) not recognised and left out.)`);
  return lines.join('\n');
}
