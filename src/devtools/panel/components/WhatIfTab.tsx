/**
 * The what-if editor: the recorded exchange with the proposed fix applied (or as recorded), every
 * header editable — the request's, the preflight's answer, the response's — and the verdict and
 * reason judged again as they change (core/what-if.ts). No request is sent.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Header } from '../../../cors/types.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { VERDICT_LABELS } from '../../../shared/exchange-summary.ts';
import { headlineFrom } from '../core/headline.ts';
import { applyFix, judgeDraft, recordedDraft, type DraftResponse, type WhatIfDraft } from '../core/what-if.ts';
import { Icon } from './Icon.tsx';
import { Section } from './Section.tsx';

/** Judging waits this long after the last keystroke (a response can carry thousands of headers). */
const JUDGE_DELAY_MS = 40;
/** Rows laid out before "Show all": the CORS headers, the edited ones and the first others. */
const ROW_LIMIT = 40;

const isCorsHeader = (name: string) => /^(access-control-|vary$|origin$|location$)/i.test(name);

interface EditorProps {
  title: string;
  testId: string;
  /** Headers laid out before "Show the other headers" (every one when absent). */
  first?: (name: string) => boolean;
  headers: Header[];
  onChange(headers: Header[]): void;
  status?: number;
  onStatus?(status: number): void;
}

function HeaderEditor({ title, testId, first = () => true, headers, onChange, status, onStatus }: EditorProps) {
  const [showAll, setShowAll] = useState(false);
  const [added, setAdded] = useState<Set<number>>(new Set());
  const rows = headers
    .map((h, i) => ({ h, i }))
    .filter(({ h, i }) => showAll || first(h.name) || added.has(i))
    .slice(0, showAll ? undefined : ROW_LIMIT);
  const others = headers.length - rows.length;
  const edit = (i: number, change: Partial<Header>) =>
    onChange(headers.map((h, k) => (k === i ? { ...h, ...change } : h)));
  return (
    <Section title={title} testId={testId}>
      {onStatus && (
        <label class="what-if-status">
          Status{' '}
          <input
            type="number"
            min={100}
            max={999}
            value={status}
            onInput={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 100 && n <= 999) onStatus(n);
            }}
            data-testid={`${testId}-status`}
          />
        </label>
      )}
      <div class="what-if-rows">
        {rows.map(({ h, i }) => (
          <div key={i} class="what-if-row">
            <input
              class="mono"
              value={h.name}
              placeholder="Header-Name"
              aria-label={`Header ${i + 1} name`}
              spellcheck={false}
              onInput={(e) => edit(i, { name: e.currentTarget.value })}
            />
            <input
              class="mono"
              value={h.value}
              placeholder="value"
              aria-label={`${h.name || `Header ${i + 1}`} value`}
              spellcheck={false}
              onInput={(e) => edit(i, { value: e.currentTarget.value })}
            />
            <button
              type="button"
              class="toolbar-button icon-only"
              aria-label={`Remove ${h.name || `header ${i + 1}`}`}
              title="Remove"
              onClick={() => onChange(headers.filter((_, k) => k !== i))}
            >
              <Icon name="close" />
            </button>
          </div>
        ))}
      </div>
      <div class="what-if-actions">
        <button
          type="button"
          class="text-button small"
          onClick={() => {
            setAdded(new Set([...added, headers.length]));
            onChange([...headers, { name: '', value: '' }]);
          }}
          data-testid={`${testId}-add`}
        >
          Add header
        </button>
        {others > 0 && (
          <button type="button" class="link-button" onClick={() => setShowAll(true)}>
            Show the other {others.toLocaleString('en-US')} headers
          </button>
        )}
      </div>
    </Section>
  );
}

/** Drops rows without a name: a header being typed is not a header yet. */
const named = (headers: Header[]) => headers.filter((h) => h.name.trim() !== '');

function clean(draft: WhatIfDraft): WhatIfDraft {
  return {
    requestHeaders: named(draft.requestHeaders),
    preflight: draft.preflight && { ...draft.preflight, headers: named(draft.preflight.headers) },
    response: { ...draft.response, headers: named(draft.response.headers) },
  };
}

export function WhatIfTab({ r }: { r: ExchangeRecord }) {
  const fix = r.evaluation.fix;
  const initial = () => (fix ? applyFix(recordedDraft(r), fix) : recordedDraft(r));
  const [draft, setDraft] = useState<WhatIfDraft>(initial);
  const [judged, setJudged] = useState(() => judgeDraft(r, clean(draft)));
  useEffect(() => {
    const timer = setTimeout(() => setJudged(judgeDraft(r, clean(draft))), JUDGE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [r, draft]);
  const answered = useMemo<DraftResponse | null>(
    () => (judged.reason?.where === 'preflight' ? draft.preflight : draft.response),
    [judged, draft],
  );
  const head = headlineFrom(judged.verdict, judged, answered);
  const set = (change: Partial<WhatIfDraft>) => setDraft({ ...draft, ...change });
  const credentials = r.evaluation.credentials;
  return (
    <div class="what-if" data-testid="what-if">
      <div class={`verdict-banner verdict-${judged.verdict}`} aria-live="polite">
        <Icon
          name={judged.verdict === 'allowed' ? 'pass' : judged.verdict === 'blocked' ? 'error' : 'info'}
          class="verdict-icon"
        />
        <div class="verdict-text">
          <p class="headline" data-testid="what-if-headline">
            {head.sentence}
          </p>
          <p class="verdict-line">
            <strong data-testid="what-if-verdict">{VERDICT_LABELS[judged.verdict]}</strong>
            {judged.reason && (
              <>
                {' · '}
                <code class="reason-code" data-testid="what-if-reason">
                  {judged.reason.code}
                </code>
              </>
            )}
            {' · recorded: '}
            {VERDICT_LABELS[r.evaluation.verdict]}
            {r.evaluation.reason ? ` (${r.evaluation.reason.code})` : ''}
          </p>
        </div>
      </div>
      <p class="section-note text-subtle">
        No request is sent: the recorded exchange is judged again, as Chromium would judge it, with the headers below.
        The request keeps what was recorded about it: origin <span class="mono">{r.initiator || '(unknown)'}</span>,
        credentials{' '}
        <span class="mono">{credentials.mode === 'unknown' ? 'same-origin (fetch’s default)' : credentials.mode}</span>.
      </p>
      <div class="what-if-actions">
        <button
          type="button"
          class="text-button small"
          disabled={!fix}
          onClick={() => fix && setDraft(applyFix(draft, fix))}
          data-testid="what-if-apply-fix"
        >
          Apply the proposed fix
        </button>
        <button
          type="button"
          class="text-button small"
          onClick={() => setDraft(recordedDraft(r))}
          data-testid="what-if-reset"
        >
          Back to the recording
        </button>
      </div>
      {draft.preflight && (
        <HeaderEditor
          title="Preflight (OPTIONS) response"
          testId="what-if-preflight"
          first={isCorsHeader}
          headers={draft.preflight.headers}
          onChange={(headers) => set({ preflight: { ...draft.preflight!, headers } })}
          status={draft.preflight.status}
          onStatus={(status) => set({ preflight: { ...draft.preflight!, status } })}
        />
      )}
      <HeaderEditor
        title={`${r.method} response`}
        testId="what-if-response"
        first={isCorsHeader}
        headers={draft.response.headers}
        onChange={(headers) => set({ response: { ...draft.response, headers } })}
        status={draft.response.status}
        onStatus={(status) => set({ response: { ...draft.response, status } })}
      />
      <HeaderEditor
        title={`${r.method} request headers`}
        testId="what-if-request"
        headers={draft.requestHeaders}
        onChange={(requestHeaders) => set({ requestHeaders })}
      />
    </div>
  );
}
