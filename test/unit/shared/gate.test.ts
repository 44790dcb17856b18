/** The gate: which exchanges break the rule, are known, ignored, cancelled or could not be checked. */
import { describe, expect, it } from 'vitest';
import { gateExchange, gateReport, problemKeys, uncheckedReason } from '../../../src/shared/gate.ts';
import { buildReport, type ReportExchange } from '../../../src/shared/report.ts';
import { demoRecords, REFLECTED } from '../../fixtures/exchanges/demo-records.ts';

const report = buildReport(demoRecords(), {
  tool: { name: 'cors-inspector', version: 'test' },
  browser: { name: 'Chromium', version: 'test' },
});
const byPath = (p: string) => report.exchanges.find((x) => x.url.endsWith(p))!;
const BLOCKED = { rule: { blocked: true, findings: null } };

describe('gate', () => {
  it('counts each exchange once, by status', () => {
    const g = gateReport(report, BLOCKED);
    expect(g.count).toEqual({ fail: 7, unchecked: 2, known: 0, ignored: 0, aborted: 0, pass: 5 });
    expect(g.failing).toEqual({ blocked: 7, findings: 0 });
    expect(g.exchanges).toHaveLength(report.exchanges.length);
  });

  it('never passes a request whose outcome is unknown', () => {
    expect(gateExchange(byPath('/api/stream'), BLOCKED).status).toBe('unchecked');
    expect(gateExchange(byPath('/api/down'), BLOCKED).status).toBe('unchecked');
    expect(uncheckedReason(byPath('/api/down'))).toMatch(/failed before CORS could be judged/);
    const cancelled: ReportExchange = { ...byPath('/api/down'), browserError: 'net::ERR_ABORTED' };
    expect(gateExchange(cancelled, BLOCKED).status).toBe('aborted');
  });

  it('keys problems on what stays the same between runs', () => {
    const keys = problemKeys(report);
    expect(keys).toContain('blocked GET http://localhost:7002/api/profile MissingAllowOriginHeader');
    expect(keys).toContain(`finding ${REFLECTED.code} high http://localhost:7002/api/account`);
    const elsewhere: ReportExchange = { ...byPath('/api/profile'), pageUrl: 'http://other.test/', id: '9:1' };
    const known = gateExchange(elsewhere, { ...BLOCKED, known: keys });
    expect(known.status).toBe('known');
    expect(known.known.map((p) => p.code)).toEqual(['MissingAllowOriginHeader']);
  });

  it('ignores by substring or regular expression, a global one included', () => {
    const x = byPath('/api/profile');
    expect(gateExchange(x, { ...BLOCKED, ignore: ['/api/prof'] }).status).toBe('ignored');
    const g = /profile$/g;
    expect(gateExchange(x, { ...BLOCKED, ignore: [g] }).status).toBe('ignored');
    expect(gateExchange(x, { ...BLOCKED, ignore: [g] }).status).toBe('ignored');
  });

  it('fails findings at or above the severity, with blocked reads or without', () => {
    const account = byPath('/api/account');
    expect(gateExchange(account, { rule: { blocked: false, findings: 'high' } }).status).toBe('fail');
    expect(gateExchange(byPath('/api/profile'), { rule: { blocked: false, findings: 'high' } }).status).toBe('pass');
    expect(gateExchange(account, { rule: { blocked: true, findings: null } }).status).toBe('pass');
  });
});
