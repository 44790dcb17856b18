/**
 * A DevTools-like popup menu (toolbar drop-downs and right-click menus), keyboard operable per the
 * WAI-ARIA menu pattern: arrows move, Enter/Space choose, Esc closes and gives focus back.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Icon } from './Icon.tsx';

export interface MenuItem {
  label: string;
  onSelect(): void;
  /** Present on check items (menuitemcheckbox). */
  checked?: boolean;
  disabled?: boolean;
  separatorBefore?: boolean;
}

export interface MenuPosition {
  x: number;
  y: number;
}

interface MenuProps {
  items: MenuItem[];
  at: MenuPosition;
  label: string;
  onClose(): void;
}

export function Menu({ items, at, label, onClose }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(at);
  const enabledItems = () => [
    ...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? []),
  ];
  const focusItem = (index: number) => {
    const all = enabledItems();
    if (all.length) all[(index + all.length) % all.length]!.focus();
  };
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Keep the menu inside the panel, as DevTools' context menus do.
    const { innerWidth, innerHeight } = window;
    const rect = el.getBoundingClientRect();
    setPos({
      x: Math.max(0, Math.min(at.x, innerWidth - rect.width - 2)),
      y: Math.max(0, Math.min(at.y, innerHeight - rect.height - 2)),
    });
    focusItem(0);
  }, [at.x, at.y]);
  useEffect(() => {
    const outside = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside, true);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);
  const onKeyDown = (e: KeyboardEvent) => {
    const all = enabledItems();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: all.length - 1,
    };
    if (e.key in moves) focusItem(moves[e.key]!);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    item.onSelect();
    if (item.checked === undefined) onClose();
  };
  return (
    <div
      ref={ref}
      class="menu"
      role="menu"
      aria-label={label}
      style={{ left: `${pos.x}px`, top: `${pos.y}px` }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <Fragment key={item.label}>
          {item.separatorBefore && <div class="menu-separator" role="separator" />}
          <div
            role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked={item.checked === undefined ? undefined : item.checked}
            aria-disabled={item.disabled ? 'true' : undefined}
            tabIndex={-1}
            class="menu-item"
            onClick={() => choose(item)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                choose(item);
              }
            }}
          >
            <span class="menu-check">{item.checked ? <Icon name="pass" /> : null}</span>
            {item.label}
          </div>
        </Fragment>
      ))}
    </div>
  );
}

interface MenuButtonProps {
  label: string;
  items: () => MenuItem[];
  children: ComponentChildren;
  title?: string;
  testId?: string;
}

/** A toolbar button that opens a Menu below itself. */
export function MenuButton({ label, items, children, title, testId }: MenuButtonProps) {
  const button = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<MenuPosition | null>(null);
  const open = () => {
    const r = button.current!.getBoundingClientRect();
    setAt({ x: r.left, y: r.bottom + 2 });
  };
  const close = () => {
    setAt(null);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        class="toolbar-button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        // Its text may be hidden when the toolbar is narrow; the name stays.
        aria-label={label}
        title={title}
        data-testid={testId}
        onClick={() => (at ? close() : open())}
      >
        {children}
        <Icon name="dropdown" />
      </button>
      {at && <Menu items={items()} at={at} label={label} onClose={close} />}
    </>
  );
}
