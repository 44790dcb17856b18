/** The filter box (DevTools syntax plus CORS keys) and the quick chips, as DevTools' filter bar. */
import { CHIPS, type ChipId } from '../core/filter-query.ts';
import { useServices } from '../core/services.ts';
import { FilterInput } from './FilterInput.tsx';

export function FilterBar() {
  const { store } = useServices();
  const counts = store.counts.value;
  const errors = store.filter.value.errors;
  const chipCount: Record<ChipId, number | null> = {
    all: null,
    blocked: counts.blocked,
    preflighted: counts.preflighted,
    findings: counts.findings,
  };
  return (
    <div class="filter-bar">
      <FilterInput />
      <div class="chips" role="radiogroup" aria-label="Show">
        {(Object.keys(CHIPS) as ChipId[]).map((id) => (
          <button
            key={id}
            type="button"
            role="radio"
            aria-checked={store.chip.value === id}
            class={`chip ${store.chip.value === id ? 'active' : ''}`}
            onClick={() => (store.chip.value = id)}
            data-testid={`chip-${id}`}
          >
            {CHIPS[id].label}
            {chipCount[id] !== null && <span class="chip-count">{chipCount[id]}</span>}
          </button>
        ))}
      </div>
      {errors.length > 0 && (
        <span id="filter-errors" class="filter-errors" role="status">
          {errors[0]}
        </span>
      )}
    </div>
  );
}
