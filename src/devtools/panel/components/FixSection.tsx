/** The fix: the exact headers to send, on the preflight and on the response, and server snippets. */
import { useState } from 'preact/hooks';
import { verifiedAgainst } from '../../../cors/verified-versions.ts';
import type { Fix, FixHeader } from '../../../cors/types.ts';
import { CopyButton } from './CopyButton.tsx';
import { LongValue } from './LongValue.tsx';
import { RichText } from './RichText.tsx';
import { Section } from './Section.tsx';

const FRAMEWORKS = [
  { id: 'express', label: 'Express' },
  { id: 'fastapi', label: 'FastAPI' },
  { id: 'go', label: 'Go' },
  { id: 'nginx', label: 'nginx' },
] as const;

type Framework = (typeof FRAMEWORKS)[number]['id'];

function HeaderLines({ title, headers }: { title: string; headers: FixHeader[] }) {
  if (headers.length === 0) return null;
  const raw = headers.map((h) => `${h.name}: ${h.value}`).join('\n');
  return (
    <div class="fix-block">
      <div class="fix-block-head">
        <span class="fix-block-title">{title}</span>
        <CopyButton text={raw} what="the headers" />
      </div>
      <dl class="fix-headers">
        {headers.map((h) => (
          <div key={h.name} class="fix-header">
            <dt class="mono">
              {h.name}: <LongValue value={h.value} />
            </dt>
            <dd class="text-subtle">{h.why}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Snippets({ snippets }: { snippets: Fix['snippets'] }) {
  const [active, setActive] = useState<Framework>('express');
  return (
    <div class="snippets">
      <div class="snippet-tabs" role="tablist" aria-label="Server snippet">
        {FRAMEWORKS.map((f) => (
          <button
            key={f.id}
            type="button"
            role="tab"
            aria-selected={active === f.id}
            class={`snippet-tab ${active === f.id ? 'active' : ''}`}
            onClick={() => setActive(f.id)}
          >
            {f.label}
          </button>
        ))}
        <span class="spacer" />
        <CopyButton text={snippets[active]} what={`the ${FRAMEWORKS.find((f) => f.id === active)!.label} snippet`} />
      </div>
      <pre class="snippet" role="tabpanel" data-testid="snippet">
        <code>{snippets[active]}</code>
      </pre>
      <p class="verified" data-testid="snippet-verified">
        Verified against {verifiedAgainst([active])}: the test suite runs this snippet in the real server and replays
        the blocked request in Chromium.
      </p>
    </div>
  );
}

export function FixSection({ fix, method }: { fix: Fix; method: string }) {
  return (
    <Section title="Fix" testId="fix">
      <HeaderLines title="Send on the preflight (OPTIONS) response" headers={fix.preflightHeaders} />
      <HeaderLines title={`Send on the ${method} response`} headers={fix.responseHeaders} />
      {fix.notes.length > 0 && (
        <ul class="notes">
          {fix.notes.map((n) => (
            <li key={n}>
              <RichText text={n} />
            </li>
          ))}
        </ul>
      )}
      <Snippets snippets={fix.snippets} />
    </Section>
  );
}
