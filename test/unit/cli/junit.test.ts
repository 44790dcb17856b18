/**
 * JUnit XML from reports built on the panel's fixture records, read back with a strict XML 1.0
 * parser (saxes): well-formed even with hostile values; one suite per page with a "page loads"
 * case and one case per exchange; what breaks the rule a failure that names the reason, the failing
 * header and the fix; what could not be checked an error; ignored and cancelled requests skipped.
 */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { toJUnit } from '../../../src/cli/junit.ts';
import { SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { type GateOptions, gateReport } from '../../../src/shared/gate.ts';
import { buildReport, type Report } from '../../../src/shared/report.ts';
import { demoRecords, REFLECTED } from '../../fixtures/exchanges/demo-records.ts';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** Parses strictly: any well-formedness error (a raw control character, a bad entity) throws. */
function parseXml(xml: string): Element {
  const document: Element = { name: '#document', attributes: {}, children: [], text: '' };
  const open = [document];
  const parser = new SaxesParser();
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '' };
    open.at(-1)!.children.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    open.at(-1)!.text += text;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  expect(document.children).toHaveLength(1);
  return document.children[0]!;
}

const META = { tool: { name: 'cors-inspector', version: 'test' }, browser: { name: 'Chromium', version: 'test' } };
const reportOf = (records = demoRecords()) => buildReport(records, META);
const BLOCKED: GateOptions = { rule: { blocked: true, findings: null } };
const junit = (report: Report, o: GateOptions = BLOCKED) => parseXml(toJUnit(report, gateReport(report, o)));
const cases = (root: Element) => root.children.flatMap((suite) => suite.children);
const child = (c: Element, name: string) => c.children.find((e) => e.name === name);
const sum = (root: Element, attribute: string) =>
  root.children.reduce((n, s) => n + Number(s.attributes[attribute]), 0);

/** The demo records as an audit of two pages: tab 7 is the page that loaded, another page did not load. */
function auditReport(): Report {
  return {
    ...reportOf(),
    pages: [
      { url: 'http://127.0.0.1:5173/', ok: true, error: null, status: 200, tabId: 7, exchanges: 14 },
      {
        url: 'http://127.0.0.1:1/',
        ok: false,
        error: 'net::ERR_CONNECTION_REFUSED',
        status: null,
        tabId: 8,
        exchanges: 0,
      },
    ],
  };
}

describe('toJUnit', () => {
  it('writes one suite per audited page: a "page loads" case, then one case per exchange', () => {
    const report = auditReport();
    const root = junit(report);
    expect(root.name).toBe('testsuites');
    expect(root.children.map((s) => s.attributes.name)).toEqual(['http://127.0.0.1:5173/', 'http://127.0.0.1:1/']);
    const [loaded, refused] = root.children;
    expect(loaded!.children.map((c) => c.attributes.name)).toEqual([
      'page loads',
      ...report.exchanges.map((x) => `${x.method} ${x.url}`),
    ]);
    expect(refused!.children.map((c) => c.attributes.name)).toEqual(['page loads']);
    const error = child(refused!.children[0]!, 'error')!;
    expect(error.attributes).toMatchObject({
      type: 'unreachable',
      message: 'could not be checked: net::ERR_CONNECTION_REFUSED',
    });
    expect(Number(root.attributes.tests)).toBe(report.exchanges.length + 2);
    for (const attribute of ['tests', 'failures', 'errors', 'skipped'])
      expect(Number(root.attributes[attribute]), attribute).toBe(sum(root, attribute));
  });

  it('groups by page URL when there are no audited pages (analyze)', () => {
    const report = reportOf();
    const root = junit(report);
    expect(root.children.map((s) => s.attributes.name)).toEqual([...new Set(report.exchanges.map((x) => x.pageUrl))]);
    expect(cases(root)).toHaveLength(report.exchanges.length);
  });

  it('fails a blocked read with its reason, the failing header as received, the explanation and the fix', () => {
    const report = reportOf();
    const root = junit(report);
    const failures = cases(root).flatMap((c) => (child(c, 'failure') ? [child(c, 'failure')!] : []));
    const blocked = report.exchanges.filter((x) => x.verdict === 'blocked');
    expect(blocked).toHaveLength(7);
    expect(failures.map((f) => f.attributes.type)).toEqual(blocked.map((x) => x.reason!.code));
    expect(sum(root, 'failures')).toBe(7);
    const mismatch = failures.find((f) => f.attributes.type === 'AllowOriginMismatch')!;
    const x = blocked.find((b) => b.reason!.code === 'AllowOriginMismatch')!;
    const acao = x.response!.headers.find((h) => h.name.toLowerCase() === 'access-control-allow-origin')!.value;
    expect(mismatch.attributes.message).toBe(
      `BLOCKED: AllowOriginMismatch (response Access-Control-Allow-Origin: ${acao})`,
    );
    expect(mismatch.text).toContain(x.reason!.explanation);
    expect(mismatch.text).toContain(`Fix: ${x.reason!.howToFix}`);
    expect(mismatch.text).toContain(
      `Send on the GET response:\n      Access-Control-Allow-Origin: http://127.0.0.1:5173`,
    );
    const missing = failures.find((f) => f.attributes.type === 'MissingAllowOriginHeader')!;
    expect(missing.attributes.message).toBe(
      'BLOCKED: MissingAllowOriginHeader (response Access-Control-Allow-Origin: (absent))',
    );
  });

  it('fails findings at the --fail-on severity, not blocked reads, when that is the rule', () => {
    const root = junit(reportOf(), { rule: { blocked: false, findings: 'high' } });
    const failures = cases(root).flatMap((c) => (child(c, 'failure') ? [child(c, 'failure')!] : []));
    expect(failures.map((f) => f.attributes.type)).toEqual([`finding:${REFLECTED.code}`]);
    expect(failures[0]!.attributes.message).toBe(`high ${REFLECTED.code}: ${REFLECTED.message}`);
  });

  it('makes requests whose outcome is unknown errors: unfinished, and failed before CORS', () => {
    const report = reportOf();
    const root = junit(report);
    const errors = cases(root).flatMap((c) => (child(c, 'error') ? [[c.attributes.name, child(c, 'error')!]] : []));
    expect(errors.map(([name, e]) => [name, (e as Element).attributes.type])).toEqual([
      ['GET http://localhost:7002/api/stream', 'unfinished'],
      ['GET http://localhost:1/api/down', 'failed'],
    ]);
    expect((errors[1]![1] as Element).attributes.message).toMatch(
      /^could not be checked: the request failed before CORS could be judged: .*ERR_CONNECTION_REFUSED/,
    );
  });

  it('skips ignored and page-cancelled requests; passes known problems with a note', () => {
    const records = demoRecords().map((r) =>
      r.url.endsWith('/api/down') ? { ...r, browserError: 'net::ERR_ABORTED', url: 'http://localhost:7002/api/x' } : r,
    );
    const report = reportOf(
      records.map((r) =>
        r.url.endsWith('/api/x') ? { ...r, evaluation: { ...r.evaluation, verdict: 'failed' as const } } : r,
      ),
    );
    const known = new Set(['blocked GET http://localhost:7002/api/profile MissingAllowOriginHeader']);
    const root = junit(report, { ...BLOCKED, ignore: ['/api/stream'], known });
    const byName = (name: string) => cases(root).find((c) => c.attributes.name === name)!;
    expect(child(byName('GET http://localhost:7002/api/stream'), 'skipped')!.attributes.message).toMatch(/^ignored/);
    expect(child(byName('GET http://localhost:7002/api/x'), 'skipped')!.attributes.message).toBe(
      'cancelled by the page: net::ERR_ABORTED',
    );
    const profile = byName('GET http://localhost:7002/api/profile');
    expect(child(profile, 'failure')).toBeUndefined();
    expect(child(profile, 'system-out')!.text).toMatch(/^Known problem \(in the baseline\), not failing/);
    expect(sum(root, 'skipped')).toBe(2);
    expect(sum(root, 'failures')).toBe(6);
  });

  it('numbers repeated requests within a suite, so CI servers do not fold them together', () => {
    const [first] = demoRecords();
    const report = reportOf([first!, { ...first!, id: '7:again', seq: 99 }]);
    expect(cases(junit(report)).map((c) => c.attributes.name)).toEqual([`GET ${first!.url}`, `GET ${first!.url} #2`]);
  });

  it('passes an allowed exchange without a failure', () => {
    const report = reportOf();
    const root = junit(report);
    const allowed = report.exchanges.findIndex((x) => x.verdict === 'allowed' && x.findings.length === 0);
    expect(allowed).toBeGreaterThanOrEqual(0);
    expect(cases(root)[allowed]!.children).toEqual([]);
  });

  it('stays well-formed with hostile values, which read back as they were', () => {
    const hostile = reportOf(SCENARIOS.hostile!().exchanges);
    const root = junit(hostile);
    expect(cases(root).map((c) => c.attributes.name!.replace(/ #\d+$/, ''))).toEqual(
      hostile.exchanges.map((x) => `${x.method} ${x.url}`),
    );
  });

  it('shows control characters, which XML 1.0 cannot carry, as \\xNN', () => {
    const report: Report = reportOf();
    const i = report.exchanges.findIndex((x) => x.verdict === 'blocked');
    const x = report.exchanges[i]!;
    report.exchanges[i] = {
      ...x,
      reason: { ...x.reason!, code: 'bell\u0007 and <tag> & "quote"', explanation: 'nul\u0000]]>' },
    };
    const root = junit(report);
    const failure = child(cases(root)[i]!, 'failure')!;
    expect(failure.attributes.type).toBe('bell\\x07 and <tag> & "quote"');
    expect(failure.text).toContain('nul\\x00]]>');
  });

  it('writes an empty report as an empty, well-formed document', () => {
    const root = junit(reportOf([]));
    expect(root.children).toEqual([]);
    expect(root.attributes.tests).toBe('0');
  });
});
