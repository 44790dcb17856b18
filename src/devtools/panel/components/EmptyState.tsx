/**
 * What the table says when it has no rows, and what to do about it (DevTools' Network says
 * "Recording network activity… Perform a request or hit Ctrl+R to record the reload.").
 */
import { CHIPS } from '../core/filter-query.ts';
import { useServices } from '../core/services.ts';
import { Icon } from './Icon.tsx';

export function EmptyState() {
  const { store, env } = useServices();
  if (!store.connected.value) {
    return (
      <div class="empty-state" data-testid="empty-state">
        <p class="empty-title">Connecting to the recorder…</p>
      </div>
    );
  }
  if (store.records.value.length > 0) {
    return (
      <div class="empty-state" data-testid="empty-state">
        <p class="empty-title">No exchanges match the filter</p>
        <p>
          {store.records.value.length} exchanges are hidden by{' '}
          {store.chip.value === 'all' ? 'the filter' : `the ${CHIPS[store.chip.value].label} chip and the filter`}.
        </p>
        <button
          type="button"
          class="text-button"
          onClick={() => {
            store.filterText.value = '';
            store.chip.value = 'all';
          }}
        >
          Show all exchanges
        </button>
      </div>
    );
  }
  return (
    <div class="empty-state" data-testid="empty-state">
      <p class="empty-title">Recording cross-origin requests…</p>
      <p>Make a cross-origin request from the page, or reload it to capture everything it loads.</p>
      <p class="text-subtle">Requests made before recording began are not captured.</p>
      {env.reloadPage && (
        <button type="button" class="text-button" onClick={env.reloadPage} data-testid="reload-page">
          <Icon name="reload" />
          Reload to capture
        </button>
      )}
    </div>
  );
}
