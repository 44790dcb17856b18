/** The engine's trace as a checklist, the step that decided the verdict marked. */
import type { TraceStep } from '../../../cors/types.ts';
import { Icon, type IconName } from './Icon.tsx';
import { LongValue } from './LongValue.tsx';

const ICONS: Record<TraceStep['result'], IconName> = { pass: 'pass', fail: 'fail', skip: 'skip', info: 'info' };
const RESULT_WORDS: Record<TraceStep['result'], string> = {
  pass: 'Passed',
  fail: 'Failed',
  skip: 'Skipped',
  info: 'Note',
};
/** Only links to the Fetch standard are rendered: the trace is engine output, but stay strict. */
const SPEC_PREFIX = 'https://fetch.spec.whatwg.org/#';

export function TraceList({ steps }: { steps: TraceStep[] }) {
  return (
    <ol class="trace" data-testid="trace">
      {steps.map((step, i) => (
        <li key={`${step.rule}-${i}`} class={`trace-step result-${step.result} ${step.decisive ? 'decisive' : ''}`}>
          <span class="trace-icon" title={RESULT_WORDS[step.result]}>
            <Icon name={ICONS[step.result]} />
            <span class="visually-hidden">{RESULT_WORDS[step.result]}: </span>
          </span>
          <span class="trace-text">
            <span class="trace-title">{step.title}</span>
            {step.decisive && <span class="badge decisive-badge">Decisive</span>}
            {step.spec?.startsWith(SPEC_PREFIX) && (
              <a class="spec-link" href={step.spec} target="_blank" rel="noopener noreferrer">
                Fetch §
              </a>
            )}
            <span class="trace-detail">
              <LongValue value={step.detail} prose />
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
