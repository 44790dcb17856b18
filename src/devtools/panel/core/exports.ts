/** The toolbar's Export menu and the row's Copy as… actions, over what the table currently shows. */
import { version } from '../../../../package.json';
import { toCurl, toFetch } from './copy-as.ts';
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { toHar } from '../../../shared/har.ts';
import { toMarkdown } from '../../../shared/markdown.ts';
import { buildReport } from '../../../shared/report.ts';
import { exportBaseName } from './io.ts';
import type { PanelServices } from './services.ts';

function context(s: PanelServices) {
  const { store } = s;
  const pageUrl = store.tab.value?.pageUrl ?? '';
  return { records: store.visible.value, pageUrl, base: exportBaseName(pageUrl, Date.now()) };
}

export function saveHar(s: PanelServices, sensitive: boolean): void {
  const { records, base } = context(s);
  const har = toHar(records, { sensitive, creatorVersion: version });
  s.download(
    `${base}${sensitive ? '-with-sensitive-data' : ''}.har`,
    'application/json',
    JSON.stringify(har, null, 2),
    sensitive ? 'the HAR with sensitive data' : 'the sanitized HAR',
  );
}

/** The browser the panel runs in, as the report names it ("Chromium 156.0.0.0"). */
export function browserFromUserAgent(userAgent: string): { name: string; version: string } {
  // Named so as not to shadow the extension globals `chrome` and `browser`, which only src/platform/ uses.
  const chromium = /(?:Headless)?Chrome\/(\S+)/.exec(userAgent);
  if (chromium) return { name: 'Chromium', version: chromium[1]! };
  const firefox = /Firefox\/(\S+)/.exec(userAgent);
  return firefox ? { name: 'Firefox', version: firefox[1]! } : { name: 'unknown', version: '' };
}

export function saveReport(s: PanelServices): void {
  const { records, base } = context(s);
  const report = buildReport([...records], {
    tool: { name: 'CORS Inspector', version },
    browser: browserFromUserAgent(navigator.userAgent),
  });
  s.download(`${base}.report.json`, 'application/json', JSON.stringify(report, null, 2), 'the JSON report');
}

export function copyMarkdown(s: PanelServices): void {
  const { records, pageUrl } = context(s);
  const chip = s.store.chip.value;
  const filter = [chip === 'all' ? '' : `[${chip}]`, s.store.filterText.value.trim()].filter(Boolean).join(' ');
  s.copy(
    toMarkdown(records, { pageUrl, generatedAt: Date.now(), filter, totalRecorded: s.store.records.value.length }),
    'the Markdown summary',
  );
}

export function copyCurl(s: PanelServices, r: ExchangeRecord): void {
  s.copy(toCurl(r), 'the cURL commands');
}

export function copyFetch(s: PanelServices, r: ExchangeRecord): void {
  s.copy(toFetch(r), 'the fetch() call');
}
