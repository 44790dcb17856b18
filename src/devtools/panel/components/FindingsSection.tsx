/** Misconfigurations seen on this exchange, whatever its verdict (CORS is not server security). */
import { FINDING_TITLES, isFindingCode, SEVERITIES } from '../../../cors/findings/catalog.ts';
import type { Finding, Severity } from '../../../cors/types.ts';
import { Icon, type IconName } from './Icon.tsx';
import { LongValue } from './LongValue.tsx';
import { RichText } from './RichText.tsx';
import { Section } from './Section.tsx';

/** DevTools' issue icons: an error for high, a warning for medium and low, info for info. */
export const SEVERITY_ICONS: Record<Severity, IconName> = {
  high: 'error',
  medium: 'warning',
  low: 'warning',
  info: 'info',
};

export function FindingsSection({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return null;
  const bySeverity = [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return (
    <Section title={`Findings (${findings.length})`} testId="findings">
      <ul class="findings">
        {bySeverity.map((f, i) => (
          <li key={`${f.code}-${i}`} class={`finding severity-${f.severity}`}>
            <div class="finding-head">
              <Icon name={SEVERITY_ICONS[f.severity]} class="severity-icon" />
              <span class="badge">{f.severity}</span>
              <strong>
                <RichText text={isFindingCode(f.code) ? FINDING_TITLES[f.code] : f.code} />
              </strong>
              <code class="text-subtle">{f.code}</code>
            </div>
            <p>
              <RichText text={f.message} />
            </p>
            {f.evidence.length > 0 && (
              <ul class="evidence mono">
                {f.evidence.map((ev, j) => (
                  <li key={j}>
                    <span class="header-name-inline">{ev.header}:</span> <LongValue value={ev.value} />
                  </li>
                ))}
              </ul>
            )}
            <p class="finding-fix">
              <RichText text={f.fix} />
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
