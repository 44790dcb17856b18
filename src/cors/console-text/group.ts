/**
 * Joins the messages a browser prints for one failure: Chromium's reason line and its
 * "net::ERR_FAILED" network line; Safari's reason, its "Failed to load resource: <reason>" repeat and
 * its "… cannot load <url> due to access control checks." line; Firefox's reason and the "did not
 * succeed" lines it adds after a failed preflight. A bare TypeError joins the failure before it.
 */
import type { Reading } from './types.ts';

const sameUrl = (a: string | null, b: string | null) => a === null || b === null || a === b;
const urlOf = (group: Reading[]) => group.find((r) => r.url !== null)?.url ?? null;
const reasonOf = (group: Reading[]) => group.find((r) => r.kind === 'reason');
const withoutRepeat = (text: string) => text.replace(/^Failed to load resource: /, '');

/**
 * Firefox's follow-ups to a specific reason for the same URL (measured in Firefox ESR 153): "CORS
 * request did not succeed … (null)" after a failed preflight or a refused redirect, and "CORS
 * preflight response did not succeed … 307" after "external redirect not allowed".
 */
function firefoxFollowUp(r: Reading, reason: Reading): boolean {
  if (/\(Reason: CORS request did not succeed\)/.test(r.text)) return true;
  const preflightFailed = /\(Reason: CORS preflight (?:response|channel) did not succeed\)/;
  return preflightFailed.test(r.text) && !preflightFailed.test(reason.text);
}

function belongs(r: Reading, group: Reading[]): boolean {
  const first = group[0]!;
  if (r.browser !== first.browser || !sameUrl(r.url, urlOf(group))) return false;
  const reason = reasonOf(group);
  // A script's TypeError names no URL: it is the page's view of the failure just read.
  if (r.kind === 'context' && r.url === null && r.method === null && r.failedParameter === null) return true;
  if (r.kind === 'context') return !group.some((g) => g.kind === 'context' && g.url !== null);
  if (!reason) return true;
  if (r.browser === 'webkit')
    return group.filter((g) => g.kind === 'reason').length < 2 && withoutRepeat(r.text) === withoutRepeat(reason.text);
  if (r.browser === 'firefox') return r.url !== null && r.url === reason.url && firefoxFollowUp(r, reason);
  return false;
}

export function groupReadings(readings: Reading[]): Reading[][] {
  const groups: Reading[][] = [];
  for (const r of readings) {
    const last = groups[groups.length - 1];
    if (last && belongs(r, last)) last.push(r);
    else groups.push([r]);
  }
  return groups;
}
