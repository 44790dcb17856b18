/**
 * The default details tab. It leads with one plain sentence naming the cause and the header (or,
 * when the server answered an error without CORS headers, that), the reason code with a Learn more
 * link and the check that decided it; then the fix; then the details: DevTools' Issues wording, the
 * failing header quoted, Chrome's console text, what the page reported (folded), findings, the full
 * checklist, how sure it is, and where other browsers differ.
 */
import { LEARN_MORE } from '../../../cors/learn-more.ts';
import type { TraceStep } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { displayVerdict, VERDICT_LABELS, type DisplayVerdict } from '../../../shared/exchange-summary.ts';
import { headlineOf } from '../core/headline.ts';
import { offendingHeaders, sourceLabel, type OffendingHeader } from '../core/offending-headers.ts';
import { useServices } from '../core/services.ts';
import { pageOnlyNotice } from '../core/page-facts-summary.ts';
import { canTry } from '../core/what-if.ts';
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

const VERDICT_ICONS: Record<DisplayVerdict, IconName> = {
  blocked: 'error',
  allowed: 'pass',
  opaque: 'info',
  'not-cors': 'info',
  failed: 'error',
  pending: 'info',
  unfinished: 'warning',
};

/** What the verdict means for the page, after its label, where the headline (a cause) does not say it. */
const VERDICT_MEANING: Partial<Record<DisplayVerdict, string>> = {
  blocked: 'the page’s JavaScript cannot read this response',
  failed: 'it failed before CORS could decide',
};

function Headline({ r }: { r: ExchangeRecord }) {
  const verdict = displayVerdict(r);
  const head = headlineOf(r);
  const reason = verdict === 'pending' ? null : r.evaluation.reason;
  return (
    <div class={`verdict-banner verdict-${verdict}`}>
      <Icon name={VERDICT_ICONS[verdict]} class="verdict-icon" />
      <div class="verdict-text">
        <p class="headline" data-testid="verdict-headline">
          {head.sentence}
        </p>
        {head.serverFailure && (
          <p class="headline-advice" data-testid="server-failure">
            {head.serverFailure.advice}
          </p>
        )}
        <p class="verdict-line">
          <strong>{VERDICT_LABELS[verdict]}</strong>
          {VERDICT_MEANING[verdict] && `: ${VERDICT_MEANING[verdict]}`}
          {reason && (
            <>
              {' · '}
              <code class="reason-code" data-testid="reason-code">
                {reason.code}
              </code>{' '}
              <a
                class="learn-more"
                href={LEARN_MORE[reason.code]}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="learn-more"
              >
                Learn more<span class="visually-hidden"> about {reason.code}</span>
              </a>
            </>
          )}
        </p>
      </div>
    </div>
  );
}

/** The check that decided the verdict, right under the headline (the full list is further down). */
function DecisiveStep({ steps }: { steps: TraceStep[] }) {
  const decisive = steps.filter((s) => s.decisive);
  if (decisive.length === 0) return null;
  return (
    <div class="decisive-step" data-testid="decisive-step">
      <span class="decided-by text-subtle">Decided by</span>
      <TraceList steps={decisive} />
    </div>
  );
}

function HeaderValue({ o }: { o: OffendingHeader }) {
  const never = o.notSent ? 'never sent: the preflight failed' : null;
  if (o.values.length === 0)
    return (
      <em class="text-subtle">
        {o.notSent?.setByPage ? `(set by the page; ${never})` : never ? `(${never})` : '(missing)'}
      </em>
    );
  return (
    <>
      {o.values.map((v, i) => (
        <LongValue key={i} value={v} />
      ))}
      {never && <em class="text-subtle"> (as the page set it; {never})</em>}
    </>
  );
}

function FailingHeaders({ r }: { r: ExchangeRecord }) {
  const offending = offendingHeaders(r);
  if (offending.length === 0) return null;
  return (
    <dl class="failing-headers" data-testid="failing-headers">
      {offending.map((o) => (
        <div key={`${o.source}-${o.name}`} class="failing-header">
          <dt class="text-subtle">In the {sourceLabel(o.source)}</dt>
          <dd class="mono highlighted">
            <span class="header-name-inline">{o.name}:</span> <HeaderValue o={o} />
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

/** DevTools' Issues wording, the failing header and the browser's console line: the details of the reason. */
function ReasonDetails({ r }: { r: ExchangeRecord }) {
  const reason = r.evaluation.reason!;
  return (
    <Section title="Why" testId="reason">
      <p class="reason-title">
        <RichText text={reason.title} />
      </p>
      <p class="reason-text" data-testid="reason-explanation">
        <RichText text={reason.explanation} />
      </p>
      <p class="reason-text reason-fix">
        <RichText text={reason.howToFix} />
      </p>
      <FailingHeaders r={r} />
      <ConsoleMessage r={r} />
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
  const { store } = useServices();
  const e = r.evaluation;
  const verdict = displayVerdict(r);
  const pageOnly = pageOnlyNotice(r);
  return (
    <div class="explanation" data-testid="explanation">
      <Headline r={r} />
      {verdict !== 'pending' && <DecisiveStep steps={e.trace} />}
      {pageOnly && (
        <p class="notice page-reported" data-testid="page-reported">
          <Icon name="warning" class="notice-icon" />
          <span>
            <strong>{pageOnly.title}</strong> {pageOnly.text}
          </span>
        </p>
      )}
      <PossibleReasons r={r} />
      {e.failure && verdict === 'unfinished' && (
        <p class="reason-text">
          <RichText text={e.failure} />
        </p>
      )}
      {r.endedBy && <p class="reason-text text-subtle">This request never finished: {r.endedBy}.</p>}
      {r.tabless && <p class="reason-text text-subtle">{r.tabless.why}</p>}
      <VerifyWithChromeVerdict r={r} />
      {e.fix && verdict === 'blocked' && (
        <>
          <FixSection fix={e.fix} method={r.method} />
          {canTry(r) && (
            <p class="try-fix">
              <button
                type="button"
                class="text-button"
                onClick={() => store.select(r.id, 'what-if')}
                data-testid="try-fix"
              >
                Try this fix on the recorded exchange
              </button>{' '}
              <span class="text-subtle">No request is sent; edit any header and see the verdict change.</span>
            </p>
          )}
        </>
      )}
      {e.reason && verdict !== 'pending' && <ReasonDetails r={r} />}
      <PageFactsSection r={r} />
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
