/**
 * One collapsible header section in DevTools' Headers layout (General / Response Headers / Request
 * Headers): names subdued, values monospace and wrapping, a Raw toggle, the offending header
 * highlighted, and, for the response the page reads, each header marked readable or hidden from JS.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Exposure, Header } from '../../../cors/types.ts';
import { showControls } from '../../../shared/inline-code.ts';
import { LongValue } from './LongValue.tsx';

interface Row {
  name: string;
  value: ComponentChildren;
}

export function GeneralSection({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <details open class="header-section">
      <summary class="header-section-title">{title}</summary>
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

function ExposureTag({ name, exposure }: { name: string; exposure: Exposure }) {
  const lower = name.toLowerCase();
  if (exposure.readable.includes(lower))
    return (
      <span class="badge badge-readable" title="JavaScript can read this header">
        readable
      </span>
    );
  const hidden = exposure.hidden.find((h) => h.name === lower);
  return hidden ? (
    <span class="badge badge-hidden" title={`Hidden from JavaScript: ${hidden.why}`}>
      hidden
    </span>
  ) : null;
}

export function HeaderList({ title, headers, highlight, firstLine, exposure, testId }: HeaderListProps) {
  const [raw, setRaw] = useState(false);
  const present = new Set(headers.map((h) => h.name.toLowerCase()));
  const missing = [...highlight].filter(([lower]) => !present.has(lower)).map(([, name]) => name);
  return (
    <details open class="header-section" data-testid={testId}>
      <summary class="header-section-title">
        {title} ({headers.length})
        <label class="raw-toggle" onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.currentTarget.checked)} />
          Raw
        </label>
      </summary>
      {raw ? (
        <pre class="raw-headers">
          {[firstLine, ...headers.map((h) => `${h.name}: ${showControls(h.value)}`)].filter(Boolean).join('\n')}
        </pre>
      ) : (
        <div class="header-rows">
          {missing.map((name) => (
            <div key={`missing-${name}`} class="header-row highlighted" data-testid="missing-header">
              <div class="header-name">{name}</div>
              <div class="header-value text-subtle">(missing)</div>
            </div>
          ))}
          {headers.map((h, i) => (
            <div
              key={`${h.name}-${i}`}
              class={`header-row ${highlight.has(h.name.toLowerCase()) ? 'highlighted' : ''}`}
            >
              <div class="header-name">{h.name}</div>
              <div class="header-value mono">
                <LongValue value={h.value} />
                {exposure && <ExposureTag name={h.name} exposure={exposure} />}
              </div>
            </div>
          ))}
        </div>
      )}
    </details>
  );
}
