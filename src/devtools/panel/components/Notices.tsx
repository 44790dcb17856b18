/** Warnings about what the log is missing: evicted exchanges, capture gaps, recorder errors. */
import { formatClock } from '../../../shared/exchange-summary.ts';
import { useServices } from '../core/services.ts';
import { Icon } from './Icon.tsx';

export function Notices() {
  const { store } = useServices();
  const tab = store.tab.value;
  const notices: string[] = [];
  if (tab && !tab.recording) notices.push('This tab is not being recorded; new requests will not appear.');
  if (tab && tab.evicted > 0)
    notices.push(
      `${tab.evicted.toLocaleString('en-US')} older exchanges were dropped to keep the log within its storage limit. Export regularly to keep them.`,
    );
  for (const gap of tab?.gaps ?? []) {
    const span =
      gap.to === null ? `since ${formatClock(gap.from)}` : `from ${formatClock(gap.from)} to ${formatClock(gap.to)}`;
    // Not "were not captured": after a worker stop the requests are there, some without their last events.
    notices.push(`Requests ${span} were not captured, or not all of their events (${gap.why}).`);
  }
  if (store.lastError.value) notices.push(`The recorder reported an error: ${store.lastError.value}`);
  if (notices.length === 0) return null;
  return (
    <div class="notices" data-testid="notices">
      {notices.map((text) => (
        <div key={text} class="notice" role="status">
          <Icon name="warning" class="notice-icon" />
          <span>{text}</span>
        </div>
      ))}
    </div>
  );
}
