/**
 * What the page-side observer reported for this exchange, folded to one line (the API, mode and
 * credentials) unless the page and the network disagree: which facts came from the page, whether
 * each was used, and every contradiction (the network's fact is the one that counts).
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { summarizePageFacts } from '../core/page-facts-summary.ts';
import { Icon } from './Icon.tsx';

export function PageFactsSection({ r }: { r: ExchangeRecord }) {
  const summary = summarizePageFacts(r);
  if (!summary) return null;
  const brief = summary.facts
    .filter((f) => f.label === 'Made with' || f.label === 'Mode' || f.label === 'Credentials')
    .map((f) => (f.label === 'Made with' ? f.value : `${f.label.toLowerCase()} ${f.value}`))
    .join(' · ');
  const conflicts = summary.conflicts.length;
  return (
    <details class="section page-facts-block" open={conflicts > 0} data-testid="page-facts">
      <summary class="section-title folding-title">
        <span class="disclosure" aria-hidden="true" />
        Facts from the page
        <span class="text-subtle page-facts-brief">{brief}</span>
        {conflicts > 0 && (
          <span class="badge badge-conflict">
            {conflicts} disagreement{conflicts > 1 ? 's' : ''} with the network
          </span>
        )}
      </summary>
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
      {conflicts > 0 && (
        <ul class="notes" data-testid="page-facts-conflicts">
          {summary.conflicts.map((c) => (
            <li key={c.fact}>
              <Icon name="warning" class="notice-icon" /> The page reported {c.fact} <span class="mono">{c.page}</span>,
              but the network shows <span class="mono">{c.network}</span>.
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
