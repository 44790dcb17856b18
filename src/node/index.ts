/** `cors-inspector/node`: the Node API. */
export { launchInspector, type Inspector, type InspectorOptions, type ReportOptions } from './inspector.ts';
export { findChromium, BrowserNotFoundError } from './chromium.ts';
export { buildReport, type Report, type ReportExchange, type ReportSummary } from '../shared/report.ts';
