/**
 * Malformed input never throws: thousands of random exchanges from a seeded PRNG, with empty,
 * duplicated, 1 MB and binary header values, invalid URLs, unknown methods and wrong types
 * everywhere. Every result has a verdict, a trace, and a reason exactly when it is blocked.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import { isCorsErrorCode } from '../../../src/cors/reason-codes.ts';

/** mulberry32: a tiny deterministic PRNG, so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MEGABYTE = 'a'.repeat(1024 * 1024);
/** Big values in the random pool stay at 64 KB so thousands of runs stay fast; 1 MB header values get their own test. */
const BIG = 'b'.repeat(64 * 1024);
const BINARY = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const WEIRD: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  NaN,
  Infinity,
  true,
  false,
  [],
  {},
  [[]],
  { name: {} },
  () => 1,
  Symbol('s'),
  10n,
  Object.create(null),
  new Date(0),
];
const STRINGS = [
  '',
  ' ',
  'x',
  '*',
  'null',
  'true',
  'True',
  ',',
  ', ,',
  '"quoted"',
  'GET,,PUT',
  '\r\n',
  '\u0000',
  BINARY,
  'ünïcødé',
  '💥',
  BIG,
];
const NAMES = [
  'Access-Control-Allow-Origin',
  'access-control-allow-origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Location',
  'Origin',
  'Cookie',
  'Content-Type',
  'Range',
  'Accept',
  'Sec-Fetch-Mode',
  'Access-Control-Request-Headers',
  'X-Custom',
  'DPR',
];
const ORIGINS = ['http://127.0.0.1:7001', 'null', 'https://a.test', 'http://localhost:7002'];
const URLS = [
  'http://localhost:7002/api',
  'http://127.0.0.1:7001/same',
  'https://a.test/x',
  'http://user:pw@b.test/',
  'data:text/plain,hi',
  'file:///etc/passwd',
  'ftp://x/',
  'javascript:alert(1)',
  'http://',
  '::',
  '%%',
  '/relative',
  `http://x.test/${BIG}`,
];
const METHODS = ['GET', 'get', 'PUT', 'patch', 'OPTIONS', 'FOO', '', 'PUT\n', 'DELETE '];
const ERRORS = [
  'net::ERR_FAILED',
  'net::ERR_TOO_MANY_REDIRECTS',
  'net::ERR_UNSAFE_REDIRECT',
  'net::ERR_CONNECTION_REFUSED',
  '',
];

function value(r: Rand): unknown {
  const roll = r();
  if (roll < 0.15) return pick(r, WEIRD);
  if (roll < 0.3) return pick(r, ORIGINS);
  if (roll < 0.4) return pick(r, URLS);
  return pick(r, STRINGS);
}

function headers(r: Rand): unknown {
  if (r() < 0.1) return value(r);
  return Array.from({ length: Math.floor(r() * 8) }, () =>
    r() < 0.1 ? value(r) : { name: r() < 0.85 ? pick(r, NAMES) : value(r), value: value(r) },
  );
}

const maybe = (r: Rand, make: () => unknown): unknown => (r() < 0.2 ? value(r) : make());

function request(r: Rand): unknown {
  return maybe(r, () => ({
    method: r() < 0.8 ? pick(r, METHODS) : value(r),
    url: r() < 0.8 ? pick(r, URLS) : value(r),
    headers: headers(r),
  }));
}

function response(r: Rand): unknown {
  return maybe(r, () => ({
    status: r() < 0.7 ? pick(r, [200, 204, 302, 304, 307, 404, 500, 0, -5, 99999]) : value(r),
    headers: headers(r),
  }));
}

function outcome(r: Rand): unknown {
  return maybe(r, () =>
    pick(r, [
      { kind: 'completed' },
      { kind: 'unknown' },
      { kind: 'failed', error: r() < 0.8 ? pick(r, ERRORS) : value(r) },
      { kind: value(r) },
    ]),
  );
}

function exchange(r: Rand): unknown {
  if (r() < 0.03) return value(r);
  return {
    initiator: r() < 0.7 ? pick(r, ORIGINS) : value(r),
    request: request(r),
    preflight:
      r() < 0.4
        ? maybe(r, () => ({
            request: request(r),
            response: response(r),
            outcome: outcome(r),
            redirectedTo: r() < 0.1 ? value(r) : undefined,
          }))
        : undefined,
    redirects:
      r() < 0.3
        ? maybe(r, () =>
            Array.from({ length: Math.floor(r() * 25) }, () =>
              maybe(r, () => ({
                url: pick(r, URLS),
                status: value(r),
                headers: headers(r),
                location: r() < 0.7 ? pick(r, URLS) : value(r),
              })),
            ),
          )
        : undefined,
    response: response(r),
    outcome: outcome(r),
    credentials: r() < 0.5 ? pick(r, ['omit', 'same-origin', 'include']) : value(r),
    mode: r() < 0.5 ? pick(r, ['cors', 'no-cors', 'same-origin', 'navigate']) : value(r),
    redirectMode: r() < 0.3 ? pick(r, ['follow', 'error', 'manual']) : value(r),
    forcedPreflight: value(r),
    preflightCached: value(r),
    browser: r() < 0.3 ? pick(r, ['chromium', 'firefox']) : value(r),
  };
}

const VERDICTS = ['allowed', 'blocked', 'opaque', 'not-cors', 'failed', 'unfinished'];
const RUNS = 3000;
/** Generous: two cores shared with other test files; this guards against hangs, not speed. */
const TIMEOUT_MS = 60_000;

describe('malformed input never throws', () => {
  it(
    `${RUNS} random exchanges (seed 20261122) each get a verdict`,
    () => {
      const r = prng(20261122);
      for (let i = 0; i < RUNS; i++) {
        const input = exchange(r);
        let e: ReturnType<typeof evaluate>;
        try {
          e = evaluate(input);
        } catch (err) {
          throw new Error(`run ${i} threw: ${String(err)}`);
        }
        expect(VERDICTS, `run ${i}`).toContain(e.verdict);
        expect(Array.isArray(e.trace) && e.trace.length > 0, `run ${i}: trace`).toBe(true);
        if (e.verdict === 'blocked')
          expect(isCorsErrorCode(e.reason?.code), `run ${i}: blocked without a reason`).toBe(true);
        else expect(e.reason, `run ${i}: a reason without a block`).toBeNull();
        if (e.verdict === 'failed') expect(typeof e.failure, `run ${i}: failed without saying why`).toBe('string');
      }
    },
    TIMEOUT_MS,
  );

  it('the edge inputs one by one', () => {
    for (const input of [
      undefined,
      null,
      42,
      'GET /',
      [],
      {},
      { request: null },
      { request: { headers: [{ name: BINARY, value: BINARY }] } },
    ]) {
      const e = evaluate(input);
      expect(VERDICTS).toContain(e.verdict);
      expect(() => JSON.stringify(e)).not.toThrow();
    }
  });

  it(
    'a 1 MB value in every header, on the request, the preflight and the response',
    () => {
      const huge = NAMES.map((name) => ({ name, value: MEGABYTE }));
      const e = evaluate({
        initiator: ORIGINS[0],
        request: { method: 'PUT', url: URLS[0], headers: huge },
        preflight: {
          request: { method: 'OPTIONS', url: URLS[0], headers: huge },
          response: { status: 204, headers: huge },
          outcome: { kind: 'completed' },
        },
        response: { status: 200, headers: huge },
        outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
      });
      expect(e.verdict).toBe('blocked');
      expect(e.reason?.code).toBe('PreflightMultipleAllowOriginValues');
    },
    TIMEOUT_MS,
  );
});
