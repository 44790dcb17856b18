/**
 * Headers of the preflight and of the actual request side by side (stacked when narrow), each in
 * DevTools' General / Response Headers / Request Headers layout.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import {
  displayVerdict,
  formatClock,
  formatDuration,
  VERDICT_LABELS,
  whyNoRequestHeaders,
} from '../../../shared/exchange-summary.ts';
import { offendingHeaders, offendingNames } from '../core/offending-headers.ts';
import { GeneralSection, HeaderList } from './HeaderList.tsx';
import { LongValue } from './LongValue.tsx';
import { VerdictDot } from './cells.tsx';

function StatusValue({ status, line, failed }: { status: number | null; line: string | null; failed: string | null }) {
  if (status === null) return <span class="text-error">{failed ?? '(no response)'}</span>;
  const tone = status >= 200 && status < 300 ? 'ok' : status >= 300 && status < 400 ? 'redirect' : 'error';
  return (
    <span>
      <span class={`status-dot status-${tone}`} aria-hidden="true" />
      {line ? line.replace(/^HTTP\/\S+\s+/, '') : status}
    </span>
  );
}

function PreflightColumn({ r }: { r: ExchangeRecord }) {
  const p = r.preflight!;
  const offending = offendingHeaders(r);
  return (
    <div class="headers-column" data-testid="preflight-headers">
      <h3 class="column-title">Preflight (OPTIONS)</h3>
      <GeneralSection
        title="General"
        rows={[
          { name: 'Request URL', value: <LongValue value={p.url} /> },
          { name: 'Request Method', value: p.method },
          { name: 'Status Code', value: <StatusValue status={p.status} line={p.statusLine} failed={p.error} /> },
          { name: 'Time', value: formatDuration(p.durationMs) || '—' },
        ]}
      />
      <HeaderList
        title="Response Headers"
        headers={p.responseHeaders}
        highlight={offendingNames(offending, 'preflight-response')}
        firstLine={p.statusLine ?? ''}
        testId="preflight-response-headers"
      />
      <HeaderList
        title="Request Headers"
        headers={p.requestHeaders}
        highlight={offendingNames(offending, 'preflight-request')}
        firstLine={`${p.method} ${p.url}`}
      />
    </div>
  );
}

function ActualColumn({ r }: { r: ExchangeRecord }) {
  const e = r.evaluation;
  const offending = offendingHeaders(r);
  const finalUrl = r.urlChain[r.urlChain.length - 1] ?? r.url;
  const rows = [
    { name: 'Request URL', value: <LongValue value={finalUrl} /> },
    ...(finalUrl !== r.url ? [{ name: 'First URL', value: <LongValue value={r.url} /> }] : []),
    { name: 'Request Method', value: r.method },
    {
      name: 'Status Code',
      value: (
        <StatusValue
          status={r.response?.status ?? null}
          line={r.response?.statusLine ?? null}
          failed={r.browserError ?? (r.browserOutcome === 'pending' ? '(pending)' : null)}
        />
      ),
    },
    {
      name: 'CORS verdict',
      value: (
        <span>
          <VerdictDot r={r} />
          {VERDICT_LABELS[displayVerdict(r)]}
          {e.reason ? ` — ${e.reason.code}` : ''}
        </span>
      ),
    },
    { name: 'Initiator', value: <LongValue value={r.initiator || '(unknown)'} /> },
    ...(e.effectiveOrigin !== null && e.effectiveOrigin !== r.initiator
      ? [{ name: 'Origin checked', value: <LongValue value={e.effectiveOrigin} /> }]
      : []),
    { name: 'Credentials mode', value: `${e.credentials.mode} (${e.credentials.source})` },
    { name: 'Request mode', value: `${e.mode.mode} (${e.mode.source})` },
    ...(r.response?.ip ? [{ name: 'Remote Address', value: r.response.ip }] : []),
    { name: 'Started', value: formatClock(r.startedAt) },
    { name: 'Time', value: formatDuration(r.durationMs) || '—' },
  ];
  return (
    <div class="headers-column" data-testid="actual-headers">
      {r.preflight && <h3 class="column-title">{r.method} request</h3>}
      <GeneralSection title="General" rows={rows} />
      {r.response ? (
        <HeaderList
          title="Response Headers"
          headers={r.response.headers}
          highlight={offendingNames(offending, 'response')}
          firstLine={r.response.statusLine ?? ''}
          exposure={e.exposure}
          testId="response-headers"
        />
      ) : (
        <p class="text-subtle section-note">
          No response:{' '}
          {r.browserOutcome === 'pending'
            ? 'the request is still in flight.'
            : r.preflight
              ? 'the browser never sent this request because the preflight failed.'
              : 'the request failed before a response arrived.'}
        </p>
      )}
      {r.requestHeaders.length > 0 ? (
        <HeaderList
          title="Request Headers"
          headers={r.requestHeaders}
          highlight={offendingNames(offending, 'request')}
          firstLine={`${r.method} ${r.url}`}
          testId="request-headers"
        />
      ) : (
        <p class="text-subtle section-note">Request headers were not captured: {whyNoRequestHeaders(r)}.</p>
      )}
    </div>
  );
}

export function HeadersTab({ r }: { r: ExchangeRecord }) {
  return (
    <div class={`headers-tab ${r.preflight ? 'two-columns' : ''}`} data-testid="headers-tab">
      {r.preflight && <PreflightColumn r={r} />}
      <ActualColumn r={r} />
    </div>
  );
}
