/** The footer: "12 / 40 exchanges · 3 blocked", search position, and the last action's outcome. */
import { useServices } from '../core/services.ts';

export function StatusBar() {
  const { store, status } = useServices();
  const c = store.counts.value;
  const matches = store.searchMatches.value.length;
  const parts = [
    c.shown === c.total ? `${c.total} exchanges` : `${c.shown} / ${c.total} exchanges`,
    `${c.blocked} blocked`,
  ];
  if (c.pending) parts.push(`${c.pending} pending`);
  if (store.searchQuery.value)
    parts.push(matches ? `match ${store.searchIndex.value + 1} of ${matches}` : 'no matches');
  return (
    <div class="status-bar">
      <span data-testid="counts">{parts.join(' · ')}</span>
      <span class="status-message" role="status" aria-live="polite" data-testid="status-message">
        {status.value}
      </span>
    </div>
  );
}
