/**
 * Which response headers the page's JavaScript can read, and why the others are hidden. A response
 * can carry thousands of headers, so the hidden ones are listed a page at a time.
 */
import { useState } from 'preact/hooks';
import type { Exposure } from '../../../cors/types.ts';
import { Section } from './Section.tsx';

/** Hidden headers listed before "Show more", and how many each click adds. */
const HIDDEN_STEP = 20;
/** Readable names listed in full; more are counted. */
const READABLE_LIMIT = 50;

export function ExposureList({ exposure }: { exposure: Exposure }) {
  const [hiddenShown, setHiddenShown] = useState(HIDDEN_STEP);
  if (exposure.readable.length === 0 && exposure.hidden.length === 0) return null;
  const readableRest = exposure.readable.length - READABLE_LIMIT;
  const hiddenRest = exposure.hidden.length - hiddenShown;
  return (
    <Section title="Response headers visible to JavaScript" testId="exposure">
      {exposure.readable.length > 0 && (
        <p>
          <span class="badge badge-readable">Readable</span>{' '}
          <span class="mono">{exposure.readable.slice(0, READABLE_LIMIT).join(', ')}</span>
          {readableRest > 0 && <span class="text-subtle"> and {readableRest.toLocaleString('en-US')} more</span>}
        </p>
      )}
      {exposure.hidden.length > 0 && (
        <ul class="notes">
          {exposure.hidden.slice(0, hiddenShown).map((h) => (
            <li key={h.name}>
              <span class="badge badge-hidden">Hidden</span> <span class="mono">{h.name}</span>{' '}
              <span class="text-subtle">— {h.why}</span>
            </li>
          ))}
          {hiddenRest > 0 && (
            <li class="more-rows">
              <button type="button" class="link-button" onClick={() => setHiddenShown(hiddenShown + HIDDEN_STEP * 10)}>
                Show {Math.min(hiddenRest, HIDDEN_STEP * 10).toLocaleString('en-US')} more of{' '}
                {hiddenRest.toLocaleString('en-US')} hidden headers
              </button>
            </li>
          )}
        </ul>
      )}
    </Section>
  );
}
