/**
 * Stack detection on real responses: what each verified stack sent when its CORS layer refused an
 * origin, its own 404 and 500 (and a proxy's 502), captured from the running servers by the
 * fix-verification suite (test/fixtures/stack-responses, refreshed with UPDATE_STACK_FIXTURES=1);
 * and, for the stacks no test machine can run, responses quoted from their documentation and issue
 * trackers (documented.ts, each with its source).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectStacks, stackOrder, type StackEvidenceResponse } from '../../../src/cors/stack-detection.ts';
import { STACK_IDS, type StackId } from '../../../src/cors/stacks.ts';
import { DOCUMENTED } from '../../fixtures/stack-responses/documented.ts';
import { EXPECTED_DETECTION } from './stack-detection-expected.ts';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/stack-responses');

interface Fixture {
  stack: StackId;
  capturedWith: string;
  responses: Record<string, { status: number; headers: { name: string; value: string }[]; body: string }>;
}

const ROLES: Record<string, StackEvidenceResponse['role']> = { 'refused-preflight': 'preflight' };
const fixtures = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Fixture);
const evidence = (f: Fixture, names = Object.keys(f.responses)) =>
  names.map((name) => ({ role: ROLES[name] ?? ('response' as const), ...f.responses[name]! }));

describe('stack detection on captured responses', () => {
  it('has a fixture for every verified stack', () => {
    expect(fixtures.map((f) => f.stack).sort()).toEqual(Object.keys(EXPECTED_DETECTION).sort());
  });

  it.each(fixtures.map((f) => [f.stack, f] as const))('%s: the responses name the stack they came from', (stack, f) => {
    const detected = detectStacks(evidence(f));
    expect(detected[0]?.stack ?? null).toBe(EXPECTED_DETECTION[stack]);
    if (detected[0]) {
      expect(detected[0].summary).toMatch(/^(looks like|may be) /);
      expect(detected[0].evidence.length).toBeGreaterThan(0);
    }
  });

  it.each(fixtures.map((f) => [f.stack, f] as const))(
    '%s: no other stack is named with strong evidence',
    (stack, f) => {
      const strongOthers = detectStacks(evidence(f)).filter((d) => d.stack !== stack && d.strength === 'strong');
      expect(strongOthers.map((d) => d.summary)).toEqual([]);
    },
  );

  it("FastAPI's refused preflight is named by its body: looks like FastAPI: 400 'Disallowed CORS origin'", () => {
    const fastapi = fixtures.find((f) => f.stack === 'fastapi')!;
    const [first] = detectStacks(evidence(fastapi, ['refused-preflight']));
    expect(first?.summary).toMatch(/^looks like FastAPI: 400 'Disallowed CORS origin' on the preflight/);
  });

  it('without bodies (webRequest), only headers speak: Express by X-Powered-By, nginx by Server', () => {
    const strip = (f: Fixture) => evidence(f).map((r) => ({ ...r, body: undefined }));
    expect(detectStacks(strip(fixtures.find((f) => f.stack === 'express')!))[0]?.stack).toBe('express');
    expect(detectStacks(strip(fixtures.find((f) => f.stack === 'nginx')!))[0]?.stack).toBe('nginx');
  });
});

describe('stack detection on documented responses of stacks no test machine runs', () => {
  it.each(DOCUMENTED.map((d) => [d.title, d] as const))('%s', (_title, d) => {
    const detected = detectStacks(d.responses);
    expect(detected[0]?.stack).toBe(d.stack);
    expect(detected[0]?.summary).toContain(d.evidence);
  });
});

describe('ranking', () => {
  const r = (status: number, headers: [string, string][], body?: string): StackEvidenceResponse => ({
    role: 'response',
    status,
    headers: headers.map(([name, value]) => ({ name, value })),
    body,
  });

  it('an application behind a proxy comes first, unless the proxy wrote a gateway error', () => {
    const behind = [
      r(401, [
        ['Server', 'nginx/1.22.1'],
        ['X-Powered-By', 'Express'],
      ]),
    ];
    expect(detectStacks(behind).map((d) => d.stack)).toEqual(['express', 'nginx']);
    const gateway = [
      r(502, [
        ['Server', 'nginx/1.22.1'],
        ['X-Powered-By', 'Express'],
      ]),
    ];
    expect(detectStacks(gateway)[0]?.stack).toBe('nginx');
  });

  it('nothing recognizable: no detection, and the default order', () => {
    expect(detectStacks([r(200, [['Content-Type', 'text/plain']], 'ok')])).toEqual([]);
    expect(stackOrder([])).toEqual([...STACK_IDS]);
  });

  it('quotes untrusted values on one printable line, bounded', () => {
    const [d] = detectStacks([r(200, [['Server', `nginx\u0000<script>${'x'.repeat(200)}`]])]);
    expect(d?.summary).toMatch(/^looks like nginx: Server: nginx <script>x+\.\.\.$/);
    expect(d!.summary.length).toBeLessThan(120);
  });
});
