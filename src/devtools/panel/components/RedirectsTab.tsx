/**
 * Each redirect hop with the Origin it carried, and where the origin became `null` — the reason an
 * Allow-Origin that names the page can still fail after a redirect.
 */
import { headerValues } from '../../../cors/headers.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { hopRequestHeaders } from '../../../shared/exchange-summary.ts';
import { expectedOrigins } from '../core/redirect-origins.ts';
import { LongValue } from './LongValue.tsx';
import { Section } from './Section.tsx';

export function RedirectsTab({ r }: { r: ExchangeRecord }) {
  const expected = expectedOrigins(r);
  const urls = [...r.redirects.map((h) => h.url), r.urlChain[r.urlChain.length - 1] ?? r.url];
  const sentOrigin = (k: number) => {
    const headers = hopRequestHeaders(r, k);
    return headers ? (headerValues(headers, 'Origin')[0] ?? null) : null;
  };
  return (
    <div data-testid="redirects-tab">
      <Section title={`Redirects (${r.redirects.length})`}>
        <ol class="hops">
          {urls.map((url, i) => {
            const hop = r.redirects[i];
            const origin = sentOrigin(i) ?? expected[i]!;
            return (
              <li key={i} class={`hop ${origin === 'null' ? 'tainted' : ''}`}>
                <div class="hop-line mono">
                  <span class="badge">{hop ? hop.status : (r.response?.status ?? '—')}</span> <LongValue value={url} />
                </div>
                <div class="hop-detail">
                  Origin sent: <span class="mono">{origin}</span>
                  {sentOrigin(i) === null && <span class="text-subtle"> (expected; not captured)</span>}
                  {origin === 'null' && <span class="text-error"> — tainted by a cross-origin redirect</span>}
                </div>
                {hop && (
                  <div class="hop-detail text-subtle">
                    → Location: <LongValue value={hop.location} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        <p>
          The final response was checked against origin{' '}
          <span class="mono">{r.evaluation.effectiveOrigin ?? 'null'}</span>.
        </p>
      </Section>
    </div>
  );
}
