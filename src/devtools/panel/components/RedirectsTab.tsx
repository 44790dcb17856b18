/**
 * Each redirect hop with the Origin it carried, and where the origin became `null` — the reason an
 * Allow-Origin that names the page can still fail after a redirect. A redirect the browser refused
 * to follow is the last hop, marked as such.
 */
import { headerValues } from '../../../cors/headers.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { hopRequestHeaders } from '../../../shared/exchange-summary.ts';
import { headlineOf } from '../core/headline.ts';
import { expectedOrigins } from '../core/redirect-origins.ts';
import { redirectHops } from '../core/redirect-hops.ts';
import { LongValue } from './LongValue.tsx';
import { Section } from './Section.tsx';

export function RedirectsTab({ r }: { r: ExchangeRecord }) {
  const hops = redirectHops(r);
  const refused = hops.at(-1)?.followed === false;
  const expected = expectedOrigins(r);
  // One entry per request on the wire: each hop's URL, then the final URL when the last was followed.
  const requests = [
    ...hops.map((h) => ({ url: h.url, status: h.status as number | null, hop: h })),
    ...(refused
      ? []
      : [{ url: r.urlChain[r.urlChain.length - 1] ?? r.url, status: r.response?.status ?? null, hop: null }]),
  ];
  const sentOrigin = (k: number) => {
    const headers = hopRequestHeaders(r, k);
    return headers ? (headerValues(headers, 'Origin')[0] ?? null) : null;
  };
  return (
    <div data-testid="redirects-tab">
      <Section title={`Redirects (${hops.length})`}>
        <ol class="hops">
          {requests.map(({ url, status, hop }, i) => {
            const origin = sentOrigin(i) ?? expected[i] ?? 'null';
            return (
              <li key={i} class={`hop ${origin === 'null' ? 'tainted' : ''}`} data-testid="hop">
                <div class="hop-line mono">
                  <span class="badge">{status ?? '—'}</span> <LongValue value={url} />
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
                {hop && !hop.followed && (
                  <div class="hop-detail text-error" data-testid="hop-refused">
                    Not followed: {headlineOf(r).sentence}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        <p>
          {refused ? 'The redirect was checked against origin' : 'The final response was checked against origin'}{' '}
          <span class="mono">{r.evaluation.effectiveOrigin ?? 'null'}</span>.
        </p>
      </Section>
    </div>
  );
}
