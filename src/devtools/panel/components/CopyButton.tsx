/** A small "Copy" button next to a block of text. */
import { useServices } from '../core/services.ts';
import { Icon } from './Icon.tsx';

export function CopyButton({ text, what, label = 'Copy' }: { text: string; what: string; label?: string }) {
  const { copy } = useServices();
  return (
    <button type="button" class="text-button small" onClick={() => copy(text, what)} title={`Copy ${what}`}>
      <Icon name="copy" />
      {label}
    </button>
  );
}
