/**
 * The default details tab, shaped like DevTools' Issues: the verdict, the reason's title, "… was
 * blocked because …", "To fix this, …", the failing header quoted, the fix with snippets, the
 * engine's checklist, how sure it is, and where Firefox would differ.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict, type DisplayVerdict } from '../../../shared/exchange-summary.ts';
import { offendingHeaders, sourceLabel } from '../core/offending-headers.ts';
import { VerifyWithChromeVerdict } from './VerifyWithChromeVerdict.tsx';
import { ExposureList } from './ExposureList.tsx';
import { FindingsSection } from './FindingsSection.tsx';
import { FixSection } from './FixSection.tsx';
import { Icon, type IconName } from './Icon.tsx';
import { LongValue } from './LongValue.tsx';
import { PageFactsSection } from './PageFactsSection.tsx';
import { PossibleReasons } from './PossibleReasons.tsx';
import { RichText } from './RichText.tsx';
import { Section } from './Section.tsx';
import { TraceList } from './TraceList.tsx';

const HEADLINES: Record<DisplayVerdict, { icon: IconName; text: string }> = {
  blocked: { icon: 'error', text: 'Blocked: the page’s JavaScript cannot read this response' },
  allowed: { icon: 'pass', text: 'Allowed: the page’s JavaScript can read this response' },
  opaque: { icon: 'info', text: 'Opaque: a no-cors request; JavaScript gets status 0, no headers and no body' },
  'not-cors': { icon: 'info', text: 'Not subject to CORS' },
  failed: { icon: 'error', text: 'Failed before CORS could decide' },
  pending: { icon: 'info', text: 'Waiting for the response…' },
  unfinished: { icon: 'warning', text: 'Unfinished: the end of this request was not seen' },
};

function FailingHeaders({ r }: { r: ExchangeRecord }) {
  const offending = offendingHeaders(r);
  if (offending.length === 0) return null;
  return (
    <dl class="failing-headers" data-testid="failing-headers">
      {offending.map((o) => (
        <div key={`${o.source}-${o.name}`} class="failing-header">
          <dt class="text-subtle">In the {sourceLabel(o.source)}</dt>
          <dd class="mono highlighted">
            <span class="header-name-inline">{o.name}:</span>{' '}
            {o.values.length === 0 ? (
              <em class="text-subtle">(missing)</em>
            ) : (
              o.values.map((v, i) => <LongValue key={i} value={v} />)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Confidence({ r }: { r: ExchangeRecord }) {
  const e = r.evaluation;
  if (e.confidence === 'certain' && e.assumptions.length === 0) return null;
  return (
    <Section title={`Confidence: ${e.confidence}`} testId="confidence">
      <ul class="notes">
        {e.assumptions.map((a) => (
          <li key={a}>
            <RichText text={a} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The message the browser the record was captured in prints in its console for this failure. */
function ConsoleMessage({ r }: { r: ExchangeRecord }) {
  const reason = r.evaluation.reason;
  if (!reason) return null;
  const firefox = r.browser === 'firefox' ? reason.firefoxReason : null;
  return (
    <div
      class="console-message mono"
      title={`The message ${firefox !== null ? 'Firefox' : 'Chrome'} prints in the console`}
      data-testid="console-message"
    >
      <LongValue value={firefox ?? reason.consoleMessage} />
    </div>
  );
}

export function ExplanationTab({ r }: { r: ExchangeRecord }) {
  const e = r.evaluation;
  const verdict = displayVerdict(r);
  const headline = HEADLINES[verdict];
  return (
    <div class="explanation" data-testid="explanation">
      <div class={`verdict-banner verdict-${verdict}`}>
        <Icon name={headline.icon} class="verdict-icon" />
        <span data-testid="verdict-headline">{headline.text}</span>
      </div>
      {e.reason && verdict !== 'pending' && (
        <div class="reason">
          <h2 class="reason-title">
            <RichText text={e.reason.title} />
          </h2>
          <code class="reason-code" data-testid="reason-code">
            {e.reason.code}
          </code>
          <p class="reason-text" data-testid="reason-explanation">
            <RichText text={e.reason.explanation} />
          </p>
          <p class="reason-text reason-fix">
            <RichText text={e.reason.howToFix} />
          </p>
          <FailingHeaders r={r} />
          <ConsoleMessage r={r} />
        </div>
      )}
      <PossibleReasons r={r} />
      {e.failure && verdict === 'failed' && (
        <p class="reason-text">
          <RichText text={e.failure} />
        </p>
      )}
      {r.endedBy && <p class="reason-text text-subtle">This request never finished: {r.endedBy}.</p>}
      {r.tabless && <p class="reason-text text-subtle">{r.tabless.why}</p>}
      <VerifyWithChromeVerdict r={r} />
      <PageFactsSection r={r} />
      {e.fix && verdict === 'blocked' && <FixSection fix={e.fix} method={r.method} />}
      <FindingsSection findings={e.findings} />
      {verdict === 'allowed' && <ExposureList exposure={e.exposure} />}
      <Section title="Checks" testId="checks">
        <TraceList steps={e.trace} />
      </Section>
      <Confidence r={r} />
      {e.browserNotes.length > 0 && (
        <Section title="Browser notes" testId="browser-notes">
          <ul class="notes">
            {e.browserNotes.map((n) => (
              <li key={n}>
                <RichText text={n} />
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
