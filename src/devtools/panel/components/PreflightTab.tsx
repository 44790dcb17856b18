/**
 * Why a preflight was (or was not) needed, where it came from, what it cost, and Max-Age advice
 * for a preflight that passed; for one that failed, that it failed, why, and that the request
 * itself was never sent.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { formatDuration } from '../../../shared/exchange-summary.ts';
import { headlineOf } from '../core/headline.ts';
import { maxAgeAdvice } from '../core/max-age-advice.ts';
import { useServices } from '../core/services.ts';
import { LongValue } from './LongValue.tsx';
import { RichText } from './RichText.tsx';
import { Section } from './Section.tsx';

/** The preflight's own check failed: the browser stopped there and never sent the request. */
const preflightFailed = (r: ExchangeRecord) => r.evaluation.reason?.where === 'preflight';

function Cost({ r }: { r: ExchangeRecord }) {
  const p = r.preflight!;
  if (p.durationMs === null) return <p>The preflight has not finished.</p>;
  if (preflightFailed(r))
    return (
      <p data-testid="preflight-cost">
        The preflight took <strong>{formatDuration(p.durationMs)}</strong> and failed, so the browser never sent the{' '}
        {r.method}.
      </p>
    );
  const total = r.durationMs;
  const share =
    total && total > 0
      ? ` — ${Math.round((p.durationMs / total) * 100)}% of the exchange’s ${formatDuration(total)}`
      : '';
  return (
    <p data-testid="preflight-cost">
      The preflight took <strong>{formatDuration(p.durationMs)}</strong> before the {r.method} could be sent{share}.
    </p>
  );
}

export function PreflightTab({ r }: { r: ExchangeRecord }) {
  const { store } = useServices();
  const analysis = r.evaluation.preflight;
  const failed = r.preflight !== null && preflightFailed(r);
  // Caching advice only for a preflight that passed: a failed one is not cached, whatever it says.
  const advice =
    r.preflight && r.preflight.status !== null && !failed ? maxAgeAdvice(r.preflight.responseHeaders, r.method) : null;
  const cachedFrom = r.preflightCachedFrom
    ? store.records.value.find((x) => x.id === r.preflightCachedFrom)
    : undefined;
  return (
    <div class="preflight-tab" data-testid="preflight-tab">
      <Section title={analysis.needed ? 'Why a preflight was needed' : 'Why no preflight was needed'}>
        {/* The summary repeats the causes; it is shown only when there is no list of them. */}
        {analysis.because.length === 0 && (
          <p>
            <RichText text={analysis.summary} />
          </p>
        )}
        {analysis.because.length > 0 && (
          <ul class="notes">
            {analysis.because.map((c, i) => (
              <li key={i}>
                <RichText text={c.detail} />
              </li>
            ))}
          </ul>
        )}
        {analysis.requestHeaders && (
          <p class="mono">
            Access-Control-Request-Headers: <LongValue value={analysis.requestHeaders} />
          </p>
        )}
      </Section>
      {(r.preflightCached || analysis.cached) && (
        <Section title="From the preflight cache">
          <p>The browser reused a preflight it had cached, so none was sent for this request.</p>
          {cachedFrom && (
            <button
              type="button"
              class="text-button"
              onClick={() => store.select(cachedFrom.id, 'preflight')}
              data-testid="cached-from"
            >
              Show the exchange whose preflight was cached ({cachedFrom.method} {cachedFrom.url})
            </button>
          )}
        </Section>
      )}
      {failed && (
        <Section title="The preflight failed" testId="preflight-failure">
          <p class="text-error">
            {headlineOf(r).sentence}{' '}
            <button
              type="button"
              class="link-button"
              onClick={() => store.select(r.id, 'explanation')}
              data-testid="preflight-failure-why"
            >
              Why, and the fix
            </button>
          </p>
        </Section>
      )}
      {r.preflight && (
        <Section title="Timing">
          <p>
            Sent{' '}
            <span class="mono">
              <LongValue value={`OPTIONS ${r.preflight.url}`} />
            </span>
            , answered{' '}
            {r.preflight.status === null ? (
              <span class="text-error">{r.preflight.error ?? 'with no response'}</span>
            ) : (
              <span class="mono">{r.preflight.statusLine ?? r.preflight.status}</span>
            )}
            .
          </p>
          <Cost r={r} />
        </Section>
      )}
      {analysis.needed && !r.preflight && !r.preflightCached && !analysis.cached && (
        <Section title="Not observed">
          <p>
            <RichText text={analysis.summary} />
          </p>
        </Section>
      )}
      {advice && (
        <Section title="Caching (Access-Control-Max-Age)" testId="max-age">
          <p class="mono">
            Access-Control-Max-Age:{' '}
            {advice.sent === null ? <em class="text-subtle">(missing)</em> : <LongValue value={advice.sent} />}
          </p>
          <p>
            <RichText text={advice.advice} />
          </p>
        </Section>
      )}
    </div>
  );
}
