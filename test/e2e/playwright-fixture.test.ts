/**
 * The Playwright side as a user runs it: the example QA suite in examples/playwright runs green
 * with the `cors-inspector/playwright` fixture and matcher, and a suite of assertions meant to
 * fail (test/e2e/support/matcher-suite, each marked test.fail()) shows what a failing
 * `toHaveNoCorsErrors()` says and attaches, read from Playwright's own JSON report.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report.ts';
import { reportErrors } from '../support/report-schema.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function playwrightTest(config: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', config],
      { cwd: ROOT, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

it('runs the example suite with the Playwright Test fixture and matcher', async () => {
  const { code, stdout, stderr } = await playwrightTest('examples/playwright');
  expect(stdout + stderr).toMatch(/3 passed/);
  expect(code).toBe(0);
});

interface Attachment {
  name: string;
  contentType: string;
  body?: string;
}
interface Result {
  status: string;
  errors: { message: string }[];
  attachments: Attachment[];
}

describe('toHaveNoCorsErrors', () => {
  const results = new Map<string, Result>();
  // Playwright colours the message; what is asserted is the text.
  const plain = (r: Result) => r.errors.map((e) => e.message.replace(/\u001b\[\d+m/g, '')).join('\n');
  const attachment = (r: Result, name: string) => {
    const a = r.attachments.find((x) => x.name === name)!;
    return { contentType: a.contentType, text: Buffer.from(a.body!, 'base64').toString('utf8') };
  };

  beforeAll(async () => {
    const { code, stdout } = await playwrightTest('test/e2e/support/matcher-suite');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      suites: { specs: { title: string; tests: { status: string; results: Result[] }[] }[] }[];
    };
    for (const spec of json.suites.flatMap((s) => s.specs)) {
      expect(spec.tests[0]!.status, spec.title).toBe('expected');
      results.set(spec.title, spec.tests[0]!.results[0]!);
    }
    expect(results.size).toBe(3);
  }, 180_000);

  it('lists each blocked request with its reason, the failing header and the fix', () => {
    const r = results.get('a blocked request fails the matcher')!;
    expect(r.status).toBe('failed');
    const message = plain(r);
    expect(message).toContain('expect(page).toHaveNoCorsErrors()');
    expect(message).toContain('1 cross-origin request(s) failed CORS:');
    expect(message).toMatch(/1\. BLOCKED GET http:\/\/localhost:\d+\/api\/recommendations/);
    expect(message).toMatch(/Reason: MissingAllowOriginHeader: Access to http:\/\/localhost:\d+\/api\/recommendations/);
    expect(message).toContain('Failing header (response): Access-Control-Allow-Origin: (absent)');
    expect(message).toMatch(
      /Send on the GET response:\n\s+Access-Control-Allow-Origin: http:\/\/127\.0\.0\.1:\d+\n\s+Vary: Origin/,
    );
    expect(message).toContain('attached to this test (cors-report.json, cors-report.md)');
  });

  it('attaches the JSON report (valid against the schema) and the Markdown summary', () => {
    const r = results.get('a blocked request fails the matcher')!;
    const json = attachment(r, 'cors-report.json');
    expect(json.contentType).toBe('application/json');
    const report = JSON.parse(json.text) as Report;
    expect(reportErrors(report)).toEqual([]);
    expect(report.exchanges.map((x) => [x.verdict, x.reason?.code])).toEqual([['blocked', 'MissingAllowOriginHeader']]);
    const md = attachment(r, 'cors-report.md');
    expect(md.contentType).toBe('text/markdown');
    expect(md.text).toMatch(/^### CORS: 1 of 1 cross-origin requests blocked/);
    expect(md.text).toContain('MissingAllowOriginHeader');
  });

  it('never passes a request still in flight, and says which one and how to leave it out', () => {
    const r = results.get('a request still in flight is not a pass')!;
    expect(r.status).toBe('failed');
    const message = plain(r);
    expect(message).toContain('1 cross-origin request(s) could not be checked');
    expect(message).toMatch(/UNFINISHED GET http:\/\/localhost:\d+\/api\/silent: The request had not finished/);
    expect(message).toContain('2 cross-origin exchange(s) on this page, 1 ignored.');
    expect(message).not.toContain('failed CORS');
  });

  it('passes .not on a page with a blocked request, and attaches the reports there too', () => {
    const r = results.get('.not passes on a page with a blocked request')!;
    expect(r.status).toBe('passed');
    expect(r.attachments.map((a) => a.name)).toEqual(['cors-report.json', 'cors-report.md']);
  });
});
