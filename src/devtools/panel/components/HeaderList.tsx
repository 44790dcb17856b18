/**
 * One collapsible header section in DevTools' Headers layout (General / Response Headers / Request
 * Headers): headers sorted by name as DevTools sorts them, names subdued, values monospace and
 * wrapping, a Raw toggle (wire order), the offending header highlighted and, for the response the
 * page reads, each header marked readable or hidden from JS. A response can carry thousands of
 * headers: the first ROW_LIMIT rows are laid out (highlighted ones always), the rest on request,
 * and a long raw view renders only the lines in view.
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Exposure, Header } from '../../../cors/types.ts';
import { showControls } from '../../../shared/inline-code.ts';
import { CopyButton } from './CopyButton.tsx';
import { LongValue } from './LongValue.tsx';
import { VirtualText } from './VirtualText.tsx';

interface Row {
  name: string;
  value: ComponentChildren;
}

/** A header section's title line, with DevTools' disclosure triangle. */
function SectionSummary({ children }: { children: ComponentChildren }) {
  return (
    <summary class="header-section-title">
      <span class="disclosure" aria-hidden="true" />
      {children}
    </summary>
  );
}

export function GeneralSection({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <details open class="header-section">
      <SectionSummary>{title}</SectionSummary>
      <div class="header-rows">
        {rows.map((row) => (
          <div key={row.name} class="header-row">
            <div class="header-name">{row.name}</div>
            <div class="header-value general-value">{row.value}</div>
          </div>
        ))}
      </div>
    </details>
  );
}

interface HeaderListProps {
  title: string;
  headers: readonly Header[];
  /** Names to highlight: lower-cased → as spelled (a missing one is shown by that name). */
  highlight: Map<string, string>;
  /** First line of the raw view (status line or request line). */
  firstLine: string;
  exposure?: Exposure;
  testId?: string;
}

/** Rows laid out before "Show more" (DevTools lays out all; ten thousand take seconds). */
const ROW_LIMIT = 100;
/** Rows each "Show more" adds. */
const ROW_STEP = 200;
/** Raw lines shown inline; more go to a scroll box that renders only the lines in view. */
const RAW_INLINE_LINES = 200;
/** A raw line longer than this is cut in the scroll box (the row view shows it whole). */
const RAW_LINE_CHARS = 1000;

const count = (n: number) => n.toLocaleString('en-US');

/** Lower-cased name → readable (null) or why it is hidden; looked up once per row. */
type ExposureIndex = Map<string, string | null>;

function indexExposure(exposure: Exposure): ExposureIndex {
  const index: ExposureIndex = new Map(exposure.hidden.map((h) => [h.name, h.why]));
  for (const name of exposure.readable) index.set(name, null);
  return index;
}

function ExposureTag({ name, exposure }: { name: string; exposure: ExposureIndex }) {
  const lower = name.toLowerCase();
  if (!exposure.has(lower)) return null;
  const why = exposure.get(lower);
  return why === null ? (
    <span class="badge badge-readable" title="JavaScript can read this header">
      readable
    </span>
  ) : (
    <span class="badge badge-hidden" title={`Hidden from JavaScript: ${why}`}>
      hidden
    </span>
  );
}

function RawHeaders({ firstLine, headers }: { firstLine: string; headers: readonly Header[] }) {
  const lines = useMemo(
    () => [firstLine, ...headers.map((h) => `${h.name}: ${h.value}`)].filter(Boolean),
    [firstLine, headers],
  );
  if (lines.length <= RAW_INLINE_LINES)
    return <pre class="raw-headers">{lines.map((l) => showControls(l)).join('\n')}</pre>;
  const cut = (l: string) =>
    l.length > RAW_LINE_CHARS
      ? `${l.slice(0, RAW_LINE_CHARS)}… (${count(l.length - RAW_LINE_CHARS)} more characters)`
      : l;
  return (
    <div class="raw-headers">
      <VirtualText count={lines.length} line={(i) => showControls(cut(lines[i]!))} label="Raw headers" />
      <CopyButton text={lines.join('\n')} what={`the ${count(headers.length)} raw headers`} />
    </div>
  );
}

export function HeaderList({ title, headers, highlight, firstLine, exposure, testId }: HeaderListProps) {
  const [raw, setRaw] = useState(false);
  const [limit, setLimit] = useState(ROW_LIMIT);
  // Sorted by name like DevTools (stable, so repeated names keep their wire order).
  const sorted = useMemo(
    () =>
      headers
        .map((h, wire) => ({ h, wire, key: h.name.toLowerCase() }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.wire - b.wire)),
    [headers],
  );
  const exposureIndex = useMemo(() => (exposure ? indexExposure(exposure) : null), [exposure]);
  const present = new Set(sorted.map((s) => s.key));
  const missing = [...highlight].filter(([lower]) => !present.has(lower)).map(([, name]) => name);
  // The highlighted rows are always laid out, wherever the cut falls.
  const shown = sorted.filter((s, i) => i < limit || highlight.has(s.key));
  const hiddenCount = sorted.length - shown.length;
  return (
    <details open class="header-section" data-testid={testId}>
      <SectionSummary>
        {title} ({count(headers.length)})
        <label class="raw-toggle" onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.currentTarget.checked)} />
          Raw
        </label>
      </SectionSummary>
      {raw && <RawHeaders firstLine={firstLine} headers={headers} />}
      {/* Kept mounted while Raw is shown: switching back re-lays out nothing. */}
      <div class="header-rows" hidden={raw}>
        {missing.map((name) => (
          <div key={`missing-${name}`} class="header-row highlighted" data-testid="missing-header">
            <div class="header-name">{name}</div>
            <div class="header-value text-subtle">(missing)</div>
          </div>
        ))}
        {shown.map(({ h, wire, key }) => (
          <div key={wire} class={`header-row ${highlight.has(key) ? 'highlighted' : ''}`}>
            <div class="header-name">{h.name}</div>
            <div class="header-value mono">
              <LongValue value={h.value} />
              {exposureIndex && <ExposureTag name={h.name} exposure={exposureIndex} />}
            </div>
          </div>
        ))}
        {hiddenCount > 0 && (
          <div class="header-row more-rows">
            <button
              type="button"
              class="link-button"
              onClick={() => setLimit(limit + ROW_STEP)}
              data-testid="more-headers"
            >
              Show {count(Math.min(ROW_STEP, hiddenCount))} more of {count(hiddenCount)} headers not shown
            </button>
          </div>
        )}
      </div>
    </details>
  );
}
