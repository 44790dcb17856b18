import { describe, expect, it } from 'vitest';
import { COLUMNS, fitColumns, gridTemplate, sortRecords } from '../../../src/devtools/panel/core/columns.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { demoRecords, seqs } from '../../fixtures/exchanges/demo-records.ts';

const records = demoRecords();
const shuffled = [...records].reverse();
const column = (id: string) => COLUMNS.find((c) => c.id === id)!;

describe('sortRecords', () => {
  it('without an order keeps arrival order (seq), whatever order the input had', () => {
    expect(seqs(sortRecords(shuffled, null))).toEqual(seqs(records));
  });

  it('sorts by method; ties keep arrival order in both directions', () => {
    const asc = sortRecords(shuffled, { column: 'method', direction: 'asc' });
    expect(asc.map((r) => r.method)).toEqual(['DELETE', ...Array(9).fill('GET'), 'POST', 'PUT', 'PUT', 'PUT']);
    expect(seqs(asc.filter((r) => r.method === 'PUT'))).toEqual([4, 5, 10]);
    const desc = sortRecords(shuffled, { column: 'method', direction: 'desc' });
    expect(desc.map((r) => r.method).slice(0, 3)).toEqual(['PUT', 'PUT', 'PUT']);
    expect(seqs(desc.filter((r) => r.method === 'PUT'))).toEqual([4, 5, 10]);
  });

  it('puts blocked exchanges first when sorting by status, then pending, then by code', () => {
    const asc = sortRecords(records, { column: 'status', direction: 'asc' });
    expect(seqs(asc).slice(0, 7)).toEqual([2, 3, 5, 6, 7, 8, 14]);
    expect(asc[7]!.seq).toBe(11);
    const codes = asc.slice(8).map((r) => r.response?.status ?? 0);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
  });

  it('sorts numbers numerically and keeps unknown durations last ascending', () => {
    const withTimes: ExchangeRecord[] = records
      .slice(0, 4)
      .map((r, i) => ({ ...r, durationMs: [900, null, 5, 80][i]! }));
    expect(sortRecords(withTimes, { column: 'time', direction: 'asc' }).map((r) => r.durationMs)).toEqual([
      5,
      80,
      900,
      null,
    ]);
    expect(sortRecords(withTimes, { column: 'time', direction: 'desc' }).map((r) => r.durationMs)).toEqual([
      null,
      900,
      80,
      5,
    ]);
  });

  it('sorts by verdict with blocked first', () => {
    const asc = sortRecords(records, { column: 'verdict', direction: 'asc' });
    expect(asc.slice(0, 7).every((r) => r.evaluation.verdict === 'blocked')).toBe(true);
  });

  it('does not modify its input', () => {
    const copy = [...shuffled];
    sortRecords(shuffled, { column: 'url', direction: 'asc' });
    expect(shuffled).toEqual(copy);
  });
});

describe('COLUMNS', () => {
  it('declares each id once, and the URL column cannot be hidden', () => {
    const ids = COLUMNS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(column('url').hideable).toBe(false);
  });

  it('says "CORS error" for a blocked read even when the server answered 4xx', () => {
    const orders = records.find((r) => r.url.endsWith('/api/orders'))!;
    expect(orders.response?.status).toBe(403);
    expect(column('status').text(orders)).toBe('CORS error');
  });

  it('folds the preflight into the method', () => {
    expect(column('method').text(records.find((r) => r.url.endsWith('/items/42'))!)).toBe('PUT + preflight');
    expect(column('method').text(records.find((r) => r.url.endsWith('/items/44'))!)).toBe('PUT + cached preflight');
    expect(column('method').text(records[0]!)).toBe('GET');
  });
});

describe('fitColumns: what stays in view as the panel narrows', () => {
  const visible = COLUMNS.filter((c) => c.visibleByDefault);
  const ids = (width: number) => fitColumns(visible, width).map((c) => c.id);

  it('shows every visible column when there is room, in their own order', () => {
    expect(ids(1200)).toEqual(['url', 'method', 'status', 'reason', 'verdict', 'initiator', 'findings', 'time']);
  });

  it('keeps name, status and reason docked right (~550 px, less its scroll bar) and at 500 and 400 px', () => {
    expect(ids(535)).toEqual(['url', 'method', 'status', 'reason', 'initiator']);
    // A narrower column further down fills the room a wider one could not use.
    expect(ids(500)).toEqual(['url', 'method', 'status', 'reason', 'findings']);
    expect(ids(400)).toEqual(['url', 'status', 'reason']);
  });

  it('never drops the name, however narrow', () => {
    expect(ids(50)).toEqual(['url']);
  });

  it('gives each column its minimum and a share of the rest', () => {
    expect(gridTemplate(fitColumns(visible, 400))).toBe('minmax(120px, 3fr) minmax(76px, 0.7fr) minmax(165px, 2fr)');
  });

  it('hides the origin by default: it is the same on most rows', () => {
    expect(column('origin').visibleByDefault).toBe(false);
    expect(column('origin').text(records[0]!)).toBe('http://127.0.0.1:5173');
  });
});
