/**
 * The top toolbar, in DevTools Network's order: Clear, Preserve log, then Import HAR file, Export
 * and Columns. It never wraps: docked right, Export and Columns keep their icons and lose their words.
 */
import { copyMarkdown, saveHar, saveReport } from '../core/exports.ts';
import { useServices } from '../core/services.ts';
import { columnMenuItems } from './column-menu.ts';
import { ImportHarButton } from './HarImport.tsx';
import { Icon } from './Icon.tsx';
import { MenuButton } from './Menu.tsx';
import { PageSideControls } from './PageSideControls.tsx';

export function Toolbar() {
  const services = useServices();
  const { store } = services;
  const shown = store.counts.value.shown;
  return (
    <div class="toolbar" role="toolbar" aria-label="CORS Inspector">
      <button
        type="button"
        class="toolbar-button icon-only"
        title="Clear"
        aria-label="Clear"
        data-testid="clear"
        onClick={store.clear}
      >
        <Icon name="clear" />
      </button>
      <span class="toolbar-divider" />
      <label class="toolbar-checkbox" title="Do not clear the log when the page navigates">
        <input
          type="checkbox"
          checked={store.tab.value?.preserveLog ?? false}
          onChange={(e) => store.setPreserveLog(e.currentTarget.checked)}
          data-testid="preserve-log"
        />
        Preserve log
      </label>
      <span class="toolbar-divider" />
      <PageSideControls />
      <span class="toolbar-divider" />
      <ImportHarButton />
      <MenuButton
        label="Export"
        testId="export"
        title="Export what the table shows"
        items={() => [
          {
            label: `Save HAR (sanitized, ${shown} exchanges)`,
            disabled: shown === 0,
            onSelect: () => saveHar(services, false),
          },
          { label: 'Save HAR with sensitive data', disabled: shown === 0, onSelect: () => saveHar(services, true) },
          {
            label: 'Save JSON report',
            disabled: shown === 0,
            separatorBefore: true,
            onSelect: () => saveReport(services),
          },
          { label: 'Copy Markdown summary', disabled: shown === 0, onSelect: () => copyMarkdown(services) },
        ]}
      >
        <Icon name="download" />
        <span class="toolbar-label">Export</span>
      </MenuButton>
      <MenuButton label="Columns" testId="columns" title="Show or hide columns" items={() => columnMenuItems(store)}>
        <Icon name="columns" />
        <span class="toolbar-label">Columns</span>
      </MenuButton>
    </div>
  );
}
