/**
 * Values from the wire land in snippet source: each framework must run the snippet and treat every
 * such value as the literal it is. No browser sends an Origin like these, so the requests come from
 * Node's HTTP client straight to the real servers; the values are those HTTP can carry (printable
 * ASCII), chosen to be code in at least one snippet language.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetCode } from '../../../src/cors/snippets.ts';
import { HARNESSES } from '../support/frameworks/index.ts';
import type { RunningApps } from '../support/frameworks/types.ts';

const ORIGINS = [
  'http://a"b\\c',
  "http://x'y",
  'http://$host',
  '~.*',
  'default',
  '\\leading-backslash',
  'http://a`${process.exit(1)}`',
  'http://a"); import os; os.system("id") #',
  'http://a; add_header X-Injected 1',
  'http://a} server { listen 1; }',
];
/** A header name may hold any token character: these mean something in JS, Python, Go or nginx. */
const HEADER = "x-$uri`'#%!|~^*&+";

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

for (const harness of HARNESSES) {
  const toolchain = await harness.probe();
  const skipped = toolchain.ok ? '' : ` (SKIPPED: ${toolchain.reason})`;

  describe.skipIf(!toolchain.ok)(`${harness.label}: hostile values stay literals${skipped}`, () => {
    let apps: RunningApps;
    let workDir: string;
    const idOf = (i: number) => `hostile-${i}`;

    beforeAll(async () => {
      if (!toolchain.ok) return;
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), `fix-hostile-${harness.framework}-`));
      const specs = ORIGINS.map((origin, i) => ({
        id: idOf(i),
        snippet: snippetCode(harness.framework, {
          origin,
          url: 'http://localhost/r',
          credentials: true,
          methods: ['PUT'],
          headers: [HEADER],
          expose: [],
        }),
        redirects: {},
      }));
      apps = await harness.start(specs, toolchain, workDir);
    });

    afterAll(async () => {
      await apps?.close();
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    });

    for (const [i, origin] of ORIGINS.entries()) {
      it(`allows exactly ${JSON.stringify(origin)} and its header name, and nothing else`, async () => {
        const url = `${apps.baseUrl(idOf(i))}/r`;
        const preflight = await send(url, 'OPTIONS', {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': HEADER,
        });
        expect(preflight.status).toBeLessThan(300);
        expect(preflight.headers['access-control-allow-origin']).toBe(origin);
        expect(String(preflight.headers['access-control-allow-headers']).toLowerCase().split(/, ?/)).toContain(
          HEADER.toLowerCase(),
        );
        expect(preflight.headers['x-injected']).toBeUndefined();

        const actual = await send(url, 'GET', { origin });
        expect(actual.headers['access-control-allow-origin']).toBe(origin);
        const other = await send(url, 'GET', { origin: 'http://evil.example' });
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      });
    }
  });
}
