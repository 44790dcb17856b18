/** The fix: the exact headers to send, on the preflight and on the response, and server snippets. */
import { useState } from 'preact/hooks';
import { snippetFor, type Snippet, type SnippetInput } from '../../../cors/snippets.ts';
import type { StackDetection } from '../../../cors/stack-detection.ts';
import { STACKS, type StackId } from '../../../cors/stacks.ts';
import type { Fix, FixHeader } from '../../../cors/types.ts';
import { VERIFICATION, verifiedAgainst } from '../../../cors/verified-versions.ts';
import { CopyButton } from './CopyButton.tsx';
import { LongValue } from './LongValue.tsx';
import { RichText } from './RichText.tsx';
import { Section } from './Section.tsx';

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

/** What the responses say about the server stack: the detected one's summary and every piece of evidence. */
function Detected({ detected }: { detected: StackDetection[] }) {
  const [first] = detected;
  if (!first) return null;
  return (
    <div class="stack-detected" data-testid="stack-detected">
      <span class="fix-block-title">{first.summary}</span>
      {first.evidence.length > 1 && (
        <ul class="evidence">
          {first.evidence.slice(1).map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function VerificationLine({ snippet }: { snippet: Snippet }) {
  const v = snippet.verification;
  return v.verified ? (
    <p class="verified" data-testid="snippet-verified">
      Verified against {verifiedAgainst(snippet.stack)}: the test suite runs this snippet in the real server, with an
      authentication layer that refuses and a handler that throws, and replays the blocked request in Chromium.
    </p>
  ) : (
    <p class="verified not-verified" data-testid="snippet-verified">
      Not verified: {v.why}. Written against {snippet.docs.join(' and ')}.
    </p>
  );
}

/** One stack's snippet at a time, picked from every stack (the detected ones first, marked). */
function Snippets({ fix, input }: { fix: Fix; input: SnippetInput }) {
  const detected = new Set(fix.detectedStacks.map((d) => d.stack));
  const [active, setActive] = useState<StackId>(fix.stacks[0] ?? 'express');
  const snippet = snippetFor(active, input);
  return (
    <div class="snippets">
      <div class="snippet-tabs">
        <label>
          Server stack{' '}
          <select
            data-testid="snippet-stack"
            value={active}
            onInput={(e) => setActive(e.currentTarget.value as StackId)}
          >
            {fix.stacks.map((id) => (
              <option key={id} value={id}>
                {STACKS[id].label}
                {detected.has(id) ? ' (detected)' : ''}
                {VERIFICATION[id].verified ? '' : ' (not verified)'}
              </option>
            ))}
          </select>
        </label>
        <span class="spacer" />
        <CopyButton text={snippet.code} what={`the ${snippet.label} snippet`} />
      </div>
      <p class="snippet-place text-subtle">Goes in {snippet.place}.</p>
      <pre class="snippet" data-testid="snippet">
        <code>{snippet.code}</code>
      </pre>
      <VerificationLine snippet={snippet} />
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
      <Detected detected={fix.detectedStacks} />
      {fix.snippetInput && <Snippets fix={fix} input={fix.snippetInput} />}
    </Section>
  );
}
