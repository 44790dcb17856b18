/** Which response headers the page's JavaScript can read, and why the others are hidden. */
import type { Exposure } from '../../../cors/types.ts';
import { Section } from './Section.tsx';

export function ExposureList({ exposure }: { exposure: Exposure }) {
  if (exposure.readable.length === 0 && exposure.hidden.length === 0) return null;
  return (
    <Section title="Response headers visible to JavaScript" testId="exposure">
      {exposure.readable.length > 0 && (
        <p>
          <span class="badge badge-readable">Readable</span> <span class="mono">{exposure.readable.join(', ')}</span>
        </p>
      )}
      {exposure.hidden.length > 0 && (
        <ul class="notes">
          {exposure.hidden.map((h) => (
            <li key={h.name}>
              <span class="badge badge-hidden">Hidden</span> <span class="mono">{h.name}</span>{' '}
              <span class="text-subtle">— {h.why}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
