import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import harSchemas from 'har-schema';
import { describe, expect, it } from 'vitest';
import { buildExchange } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import { SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { toHar } from '../../../src/shared/har.ts';
import { REDACTED } from '../../../src/shared/redact.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';

// har-schema is the HAR 1.2 JSON Schema (draft-06); ajv validates it, formats included.
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft06);
addFormats(ajv);
for (const schema of Object.values(harSchemas)) ajv.addSchema(schema);
const validateHar = ajv.getSchema('har.json#')!;

function expectValid(har: unknown) {
  const ok = validateHar(har);
  expect(validateHar.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const secretRecord = buildExchange(
  {
    url: 'http://localhost:7002/api/me',
    requestHeaders: { Cookie: 'sid=s3cr3t; theme=dark', Authorization: 'Bearer t0ken' },
    response: {
      status: 200,
      headers: {
        'Access-Control-Allow-Origin': 'http://127.0.0.1:5173',
        'Set-Cookie': 'sid=n3w; HttpOnly',
        'Content-Type': 'application/json',
      },
    },
  },
  1,
);

describe('toHar', () => {
  it('produces HAR 1.2 that validates against the schema, for every fixture set', () => {
    for (const name of ['demo', 'hostile', 'evicted', 'empty']) {
      const har = toHar(SCENARIOS[name]!().exchanges, { sensitive: false, creatorVersion: '1.2.3' });
      expectValid(har);
      expect(har.log.version).toBe('1.2');
      expect(har.log.creator).toEqual({ name: 'CORS Inspector', version: '1.2.3' });
    }
  });

  it('writes the preflight, each redirect hop and the request as entries, in wire order', () => {
    const records = demoRecords();
    const har = toHar(records, { sensitive: false, creatorVersion: '0' });
    const expected = records.reduce((n, r) => n + 1 + (r.preflight ? 1 : 0) + r.redirects.length, 0);
    expect(har.log.entries).toHaveLength(expected);
    const put = har.log.entries.filter((e) => e.request.url.endsWith('/api/items/43'));
    expect(put.map((e) => [e.request.method, (e._cors as { role: string }).role])).toEqual([
      ['OPTIONS', 'preflight'],
      ['PUT', 'request'],
    ]);
    const redirected = har.log.entries.filter(
      (e) => (e._cors as { exchangeId: string }).exchangeId === records.find((r) => r.redirects.length)!.id,
    );
    expect(redirected.map((e) => [e.response.status, e.response.redirectURL])).toEqual([
      [302, 'http://127.0.0.1:7003/avatars/1.png'],
      [200, ''],
    ]);
  });

  it('carries the verdict and why in a _cors block per request entry', () => {
    const har = toHar(demoRecords(), { sensitive: false, creatorVersion: '0' });
    const entry = har.log.entries.find((e) => e.request.url.endsWith('/api/orders'))!;
    const cors = entry._cors as {
      verdict: string;
      reason: { code: string; failedParameter: string };
      preflight: { needed: boolean };
    };
    expect(cors.verdict).toBe('blocked');
    expect(cors.reason.code).toBe('AllowOriginMismatch');
    expect(cors.reason.failedParameter).toBe('http://127.0.0.1:5173/');
    expect(cors.preflight.needed).toBe(false);
    expect(entry.response.status).toBe(403);
    expect(entry.response.statusText).toBe('Forbidden');
  });

  it('records a request that never got a response as status 0 with the browser error', () => {
    const har = toHar(demoRecords(), { sensitive: false, creatorVersion: '0' });
    const down = har.log.entries.find((e) => e.request.url === 'http://localhost:1/api/down')!;
    expect(down.response.status).toBe(0);
    expect((down.response as { _error?: string })._error).toBe('net::ERR_CONNECTION_REFUSED');
  });

  it('redacts Cookie, Set-Cookie and Authorization values by default, keeping the names', () => {
    const har = toHar([secretRecord], { sensitive: false, creatorVersion: '0' });
    expectValid(har);
    const text = JSON.stringify(har);
    for (const secret of ['s3cr3t', 't0ken', 'n3w']) expect(text).not.toContain(secret);
    const entry = har.log.entries[0]!;
    expect(entry.request.headers.find((h) => h.name === 'Cookie')?.value).toBe(REDACTED);
    expect(entry.request.headers.find((h) => h.name === 'Authorization')?.value).toBe(REDACTED);
    expect(entry.request.cookies).toEqual([
      { name: 'sid', value: REDACTED },
      { name: 'theme', value: REDACTED },
    ]);
    expect(entry.response.cookies).toEqual([{ name: 'sid', value: REDACTED }]);
    expect(entry.response.headers.find((h) => h.name === 'Set-Cookie')?.value).toBe(REDACTED);
    expect(har.log.comment).toMatch(/Sanitized/);
  });

  it('keeps them "with sensitive data"', () => {
    const har = toHar([secretRecord], { sensitive: true, creatorVersion: '0' });
    const entry = har.log.entries[0]!;
    expect(entry.request.cookies).toEqual([
      { name: 'sid', value: 's3cr3t' },
      { name: 'theme', value: 'dark' },
    ]);
    expect(entry.request.headers.find((h) => h.name === 'Authorization')?.value).toBe('Bearer t0ken');
    expect(entry.response.cookies).toEqual([{ name: 'sid', value: 'n3w' }]);
  });

  it('redacts sensitive values quoted as finding evidence', () => {
    const withFinding = {
      ...secretRecord,
      evaluation: {
        ...secretRecord.evaluation,
        findings: [
          {
            code: 'x',
            severity: 'low' as const,
            message: 'm',
            fix: 'f',
            evidence: [{ header: 'Set-Cookie', value: 'sid=n3w' }],
          },
        ],
      },
    };
    expect(JSON.stringify(toHar([withFinding], { sensitive: false, creatorVersion: '0' }))).not.toContain('n3w');
  });

  it('groups entries into one page per page URL', () => {
    const records = demoRecords();
    const moved = records.map((r, i) => (i >= 7 ? { ...r, pageUrl: 'http://127.0.0.1:5173/next' } : r));
    const har = toHar(moved, { sensitive: false, creatorVersion: '0' });
    expect(har.log.pages?.map((p) => p.title)).toEqual(['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/next']);
    expect(new Set(har.log.entries.map((e) => e.pageref))).toEqual(new Set(['page_1', 'page_2']));
  });
});
