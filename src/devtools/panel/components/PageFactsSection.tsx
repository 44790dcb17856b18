/**
 * The Explanation's account of what the page-side observer reported for this exchange: which
 * facts came from the page, whether each was used, and every contradiction between what the page
 * said and what the network showed (the network's fact is the one that counts).
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { summarizePageFacts } from '../core/page-facts-summary.ts';
import { Icon } from './Icon.tsx';
import { Section } from './Section.tsx';

export function PageFactsSection({ r }: { r: ExchangeRecord }) {
  const summary = summarizePageFacts(r);
  if (!summary) return null;
  return (
    <Section title="Facts from the page" testId="page-facts">
      <p class="section-note">{summary.origin}</p>
      <dl class="page-facts">
        {summary.facts.map((f) => (
          <div key={f.label} data-used={f.used}>
            <dt class="text-subtle">{f.label}</dt>
            <dd class="mono">
              {f.value}
              {!f.used && <span class="text-subtle"> (not used: the network shows otherwise)</span>}
            </dd>
          </div>
        ))}
      </dl>
      {summary.conflicts.length > 0 && (
        <ul class="notes" data-testid="page-facts-conflicts">
          {summary.conflicts.map((c) => (
            <li key={c.fact}>
              <Icon name="warning" class="notice-icon" /> The page reported {c.fact} <span class="mono">{c.page}</span>,
              but the network shows <span class="mono">{c.network}</span>.
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
