/**
 * A block whose reason the recording does not show (a HAR without the deciding headers): say so
 * plainly and list the reasons still possible, each with where it would have failed.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';

const WHERE: Record<string, string> = {
  preflight: 'the preflight',
  response: 'the response',
  redirect: 'a redirect',
  request: 'the request',
};

export function PossibleReasons({ r }: { r: ExchangeRecord }) {
  const possible = r.evaluation.possibleReasons ?? [];
  if (r.evaluation.verdict !== 'blocked' || r.evaluation.reason || possible.length === 0) return null;
  return (
    <div class="reason" data-testid="possible-reasons">
      <h2 class="reason-title">The recording does not show why</h2>
      <p class="reason-text">
        The browser blocked this read, but the file lacks the headers that decide it. It is one of these (see Confidence
        below for what is missing):
      </p>
      <ul class="notes">
        {possible.map((p) => (
          <li key={`${p.code}-${p.failedParameter}-${p.where}`}>
            <code class="reason-code">{p.code}</code>
            {p.failedParameter && <span class="mono"> ({p.failedParameter})</span>}
            <span class="text-subtle"> at {WHERE[p.where] ?? p.where}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
