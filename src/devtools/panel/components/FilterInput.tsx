/**
 * The filter text box with suggestions (a WAI-ARIA combobox): keys as a word is typed, then values
 * seen in the log. ArrowDown/ArrowUp pick, Enter or Tab accept, Esc closes the list (a second Esc
 * clears the box).
 */
import { useRef, useState } from 'preact/hooks';
import { FILTER_KEYS } from '../core/filter-query.ts';
import { suggest, type Suggestions } from '../core/filter-suggestions.ts';
import { useServices } from '../core/services.ts';

const HELP = `Filter exchanges. Words match the URL; /regex/ too; -term negates.\nKeys: ${Object.values(FILTER_KEYS)
  .map((k) => k.hint)
  .join('  ')}`;

export function FilterInput() {
  const { store } = useServices();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState<Suggestions | null>(null);
  const [active, setActive] = useState(0);
  const errors = store.filter.value.errors;

  const refresh = (el: HTMLInputElement) => {
    setOpen(suggest(el.value, el.selectionStart ?? el.value.length, store.records.value));
    setActive(0);
  };
  const accept = (item: string) => {
    if (!open) return;
    const value = store.filterText.value;
    const next = `${value.slice(0, open.from)}${item}${value.slice(open.to)}`;
    store.filterText.value = next;
    const caret = open.from + item.length;
    // A chosen key goes straight on to its values.
    setOpen(suggest(next, caret, store.records.value));
    setActive(0);
    requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      setActive((active + (e.key === 'ArrowDown' ? 1 : -1) + open.items.length) % open.items.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab')) {
      accept(open.items[active]!);
    } else if (e.key === 'Escape' && (open || store.filterText.value)) {
      if (open) setOpen(null);
      else store.filterText.value = '';
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div class="filter-box">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open !== null}
        aria-controls="filter-suggestions"
        aria-activedescendant={open ? `filter-suggestion-${active}` : undefined}
        class={`filter-input ${errors.length ? 'invalid' : ''}`}
        placeholder="Filter, e.g. cors:blocked"
        aria-label="Filter"
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length ? 'filter-errors' : undefined}
        title={errors.length ? errors.join('\n') : HELP}
        spellcheck={false}
        autocomplete="off"
        value={store.filterText.value}
        onInput={(e) => {
          store.filterText.value = e.currentTarget.value;
          refresh(e.currentTarget);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(null)}
        data-testid="filter"
      />
      {open && (
        <ul
          id="filter-suggestions"
          role="listbox"
          class="suggestions"
          aria-label="Suggestions"
          data-testid="filter-suggestions"
        >
          {open.items.map((item, i) => (
            <li
              key={item}
              id={`filter-suggestion-${i}`}
              role="option"
              aria-selected={i === active}
              class={`suggestion ${i === active ? 'active' : ''}`}
              // mousedown, not click: a click would first blur the box and close the list.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(item);
              }}
            >
              {item}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
