/**
 * JUnit XML from reports built on the panel's fixture records, read back with a strict XML 1.0
 * parser (saxes): well-formed even with hostile values, one suite per page, one case per exchange,
 * blocked reads and high findings as failures, network failures as errors.
 */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { toJUnit } from '../../../src/cli/junit.ts';
import { SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
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
const cases = (root: Element) => root.children.flatMap((suite) => suite.children);

describe('toJUnit', () => {
  it('writes one suite per page and one case per exchange', () => {
    const report = reportOf();
    const root = parseXml(toJUnit(report));
    expect(root.name).toBe('testsuites');
    const pages = new Set(report.exchanges.map((x) => x.pageUrl));
    expect(root.children.map((s) => s.attributes.name)).toEqual([...pages]);
    expect(cases(root)).toHaveLength(report.exchanges.length);
    expect(cases(root).map((c) => c.attributes.name)).toEqual(report.exchanges.map((x) => `${x.method} ${x.url}`));
    for (const suite of root.children)
      expect(Number(suite.attributes.tests)).toBe(
        report.exchanges.filter((x) => x.pageUrl === suite.attributes.name).length,
      );
  });

  it('fails blocked reads with their reason code and high findings with theirs; errors on network failures', () => {
    const report = reportOf();
    const root = parseXml(toJUnit(report));
    const failureTypes = cases(root).flatMap((c) =>
      c.children.filter((e) => e.name === 'failure').map((e) => e.attributes.type),
    );
    const blocked = report.exchanges.filter((x) => x.verdict === 'blocked');
    expect(blocked).toHaveLength(7);
    expect(failureTypes).toEqual(
      report.exchanges.flatMap((x) => [
        ...(x.verdict === 'blocked' ? [x.reason!.code] : []),
        ...x.findings.filter((f) => f.severity === 'high').map((f) => `finding:${f.code}`),
      ]),
    );
    expect(failureTypes).toContain(`finding:${REFLECTED.code}`);
    const sum = (attribute: string) => root.children.reduce((n, s) => n + Number(s.attributes[attribute]), 0);
    expect(sum('failures')).toBe(failureTypes.length);
    const errors = cases(root).filter((c) => c.children.some((e) => e.name === 'error'));
    expect(errors).toHaveLength(report.exchanges.filter((x) => x.verdict === 'failed').length);
    expect(sum('errors')).toBe(errors.length);
  });

  it('passes an allowed exchange without a failure', () => {
    const report = reportOf();
    const root = parseXml(toJUnit(report));
    const allowed = report.exchanges.findIndex((x) => x.verdict === 'allowed' && x.findings.length === 0);
    expect(allowed).toBeGreaterThanOrEqual(0);
    expect(cases(root)[allowed]!.children).toEqual([]);
  });

  it('stays well-formed with hostile values, which read back as they were', () => {
    const hostile = reportOf(SCENARIOS.hostile!().exchanges);
    const root = parseXml(toJUnit(hostile));
    expect(cases(root).map((c) => c.attributes.name)).toEqual(hostile.exchanges.map((x) => `${x.method} ${x.url}`));
  });

  it('shows control characters, which XML 1.0 cannot carry, as \\xNN', () => {
    const report: Report = reportOf();
    const i = report.exchanges.findIndex((x) => x.verdict === 'blocked');
    const x = report.exchanges[i]!;
    report.exchanges[i] = {
      ...x,
      reason: { ...x.reason!, title: 'bell\u0007 and <tag> & "quote"', explanation: 'nul\u0000]]>' },
    };
    const root = parseXml(toJUnit(report));
    const failure = cases(root)[i]!.children.find((e) => e.name === 'failure')!;
    expect(failure.attributes.message).toBe('bell\\x07 and <tag> & "quote"');
    expect(failure.text.startsWith('nul\\x00]]>')).toBe(true);
  });

  it('writes an empty report as an empty, well-formed document', () => {
    expect(parseXml(toJUnit(reportOf([]))).children).toEqual([]);
  });
});
