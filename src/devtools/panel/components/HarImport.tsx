/**
 * Opening HAR files in the panel, worded as DevTools' Network panel does: an "Import HAR file"
 * toolbar button, "Drop HAR files here" while files are dragged over the panel, and a banner while
 * an imported file replaces the live log, with what the file could not show and "Back to live".
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { useServices } from '../core/services.ts';
import { Icon } from './Icon.tsx';

const ACCEPT = '.har,.json,application/json';

export function ImportHarButton() {
  const { har } = useServices();
  const input = useRef<HTMLInputElement>(null);
  if (!har) return null;
  return (
    <>
      <button
        type="button"
        class="toolbar-button icon-only"
        title="Import HAR file"
        aria-label="Import HAR file"
        data-testid="import-har"
        disabled={har.busy.value}
        onClick={() => input.current?.click()}
      >
        <Icon name="upload" />
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="import-har-input"
        onChange={(e) => {
          const picker = e.currentTarget;
          void har.open([...(picker.files ?? [])]).finally(() => {
            // Picking the same file again must fire `change` again.
            picker.value = '';
          });
        }}
      />
    </>
  );
}

const carriesFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

/** The whole panel is the drop target; the overlay shows only while files are over it. */
export function HarDropZone() {
  const { har } = useServices();
  const over = useSignal(false);
  useEffect(() => {
    if (!har) return;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      over.value = true;
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) over.value = false;
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      over.value = false;
      void har.open([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [har, over]);
  if (!har || !over.value) return null;
  return (
    <div class="har-drop" data-testid="har-drop">
      <Icon name="upload" />
      Drop HAR files here
    </div>
  );
}

const SHOWN_WARNINGS = 5;

export function HarBanner() {
  const { har } = useServices();
  const imported = har?.imported.value;
  if (!har || !imported) return null;
  const more = imported.warnings.length - SHOWN_WARNINGS;
  return (
    <div class="notices" data-testid="har-banner">
      <div class="notice" role="status">
        <Icon name="info" class="notice-icon" />
        <span>
          Showing {imported.exchanges} exchanges from {imported.files.join(', ')} ({imported.producers.join('; ')}).
          Live recording is paused.{' '}
          <button type="button" class="text-button" onClick={har.backToLive} data-testid="har-back-to-live">
            Back to live
          </button>
        </span>
      </div>
      {imported.limits.map((limit) => (
        <div key={limit} class="notice" role="status">
          <Icon name="info" class="notice-icon" />
          <span>{limit}</span>
        </div>
      ))}
      {imported.warnings.slice(0, SHOWN_WARNINGS).map((w) => (
        <div key={w} class="notice" role="status">
          <Icon name="warning" class="notice-icon" />
          <span>{w}</span>
        </div>
      ))}
      {more > 0 && (
        <div class="notice" role="status">
          <Icon name="warning" class="notice-icon" />
          <span>…and {more} more entries skipped.</span>
        </div>
      )}
    </div>
  );
}
