import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildExchange } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import { shellQuote, toCurl, toFetch } from '../../../src/devtools/panel/core/copy-as.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';

const HOSTILE = [
  "it's",
  '$(touch CANARY)',
  '`touch CANARY`',
  '"; touch CANARY; "',
  "'; touch CANARY; '",
  'a\\b\\\\c',
  'line1\nline2\r\n\ttab',
  '!!',
  '!-1 history',
  '\u0007bell \u001b[31mred\u001b[0m \u007f',
  '\u0085 next-line \u009b csi',
  'ünïcödé ✓ \u202e rtl',
  '${HOME} $HOME %PATH%',
  '<img src=x onerror=alert(1)>',
  '',
];

/** Runs bash in a scratch directory; a successful injection would create the CANARY file there. */
function bash(script: string): { out: string; canary: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-as-'));
  try {
    const out = execFileSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
    return { out, canary: fs.existsSync(path.join(dir, 'CANARY')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('shellQuote', () => {
  it.each(HOSTILE)('reads back exactly and runs nothing: %j', (value) => {
    const { out, canary } = bash(`printf '%s' ${shellQuote(value)}`);
    expect(out).toBe(value);
    expect(canary).toBe(false);
  });

  it('uses plain single quotes when that is enough', () => {
    expect(shellQuote('https://api.example/a?b=c&d=e')).toBe("'https://api.example/a?b=c&d=e'");
  });
});

/** The arguments curl would get, by running the command with `curl` replaced by a printer. */
function curlArgs(command: string): string[][] {
  const printer = 'curl() { printf "%s\\0" "$@"; printf "\\n--END--\\0"; }\n';
  const { out, canary } = bash(printer + command);
  expect(canary).toBe(false);
  return out
    .split('\n--END--\0')
    .filter((s) => s !== '')
    .map((s) => s.split('\0').filter((a, i, all) => i < all.length - 1 || a !== ''));
}

const hostileRecord = buildExchange(
  {
    url: "http://localhost:7002/api/it's?q=$(touch CANARY)&x=[1]",
    method: 'PUT',
    requestHeaders: { 'Content-Type': 'application/json', 'X-Evil': HOSTILE.join(' | ') },
    preflight: {
      status: 204,
      headers: { 'Access-Control-Allow-Origin': 'http://127.0.0.1:5173', 'Access-Control-Allow-Methods': 'PUT' },
    },
    response: null,
    outcome: 'failed',
  },
  1,
);

describe('toCurl', () => {
  it('replays the preflight first, with the Origin and Access-Control-Request-* the browser sent', () => {
    const put = demoRecords().find((r) => r.url.endsWith('/api/items/42'))!;
    const [preflight, actual] = curlArgs(toCurl(put));
    expect(preflight).toEqual([
      '-i',
      '-X',
      'OPTIONS',
      put.url,
      '-H',
      'Accept: */*',
      '-H',
      'Access-Control-Request-Method: PUT',
      '-H',
      'Access-Control-Request-Headers: content-type',
      '-H',
      'Origin: http://127.0.0.1:5173',
      '-H',
      'Sec-Fetch-Mode: cors',
    ]);
    expect(actual).toEqual([
      '-i',
      '-X',
      'PUT',
      put.url,
      '-H',
      'Content-Type: application/json',
      '-H',
      'Origin: http://127.0.0.1:5173',
      '-H',
      'Sec-Fetch-Mode: cors',
    ]);
  });

  it('builds the preflight the browser would send when it came from the cache', () => {
    const cached = demoRecords().find((r) => r.url.endsWith('/api/items/44'))!;
    const [preflight] = curlArgs(toCurl(cached));
    expect(preflight).toEqual([
      '-i',
      '-X',
      'OPTIONS',
      cached.url,
      '-H',
      'Origin: http://127.0.0.1:5173',
      '-H',
      'Access-Control-Request-Method: PUT',
      '-H',
      'Access-Control-Request-Headers: content-type',
    ]);
    expect(toCurl(cached)).toMatch(/cached/);
  });

  it('sends a simple request alone, as GET without -X', () => {
    const commands = curlArgs(toCurl(demoRecords()[0]!));
    expect(commands).toHaveLength(1);
    expect(commands[0]!.slice(0, 2)).toEqual(['-i', demoRecords()[0]!.url]);
  });

  it('passes hostile URLs and header values to curl byte for byte, running nothing', () => {
    const [, actual] = curlArgs(toCurl(hostileRecord));
    expect(actual).toContain(hostileRecord.url);
    expect(actual).toContain(`X-Evil: ${HOSTILE.join(' | ')}`);
    // [ ] in the URL would be a curl glob range.
    expect(actual).toContain('-g');
  });

  it('says when the request was never sent and gives the Origin it would carry', () => {
    const neverSent = { ...hostileRecord, requestHeaders: [] };
    const text = toCurl(neverSent);
    expect(text).toMatch(/never sent/);
    const [, actual] = curlArgs(text);
    expect(actual).toEqual(['-i', '-g', '-X', 'PUT', hostileRecord.url, '-H', 'Origin: http://127.0.0.1:5173']);
  });

  it('does not say "never sent" of a request whose headers went with a stopped worker', () => {
    const interrupted = { ...hostileRecord, requestHeaders: [], interruptions: [{ from: 1, to: 2 }] };
    const text = toCurl(interrupted);
    expect(text).not.toMatch(/never sent/);
    expect(text).toMatch(/worker was stopped while this request was in flight.*Origin is what it carried/);
  });
});

/** Runs the snippet with a recording fetch; nothing else exists in the sandbox. */
function runFetch(code: string): { url: string; init: RequestInit } {
  const calls: { url: string; init: RequestInit }[] = [];
  vm.runInNewContext(code, { fetch: (url: string, init: RequestInit) => calls.push({ url, init }) });
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

describe('toFetch', () => {
  it('is valid JavaScript that calls fetch with the method, headers, mode and credentials', () => {
    const cart = demoRecords().find((r) => r.url.endsWith('/api/cart'))!;
    const { url, init } = runFetch(toFetch(cart));
    expect(url).toBe(cart.url);
    expect(init).toMatchObject({ method: 'GET', mode: 'cors', credentials: 'include' });
    // Cookie, Origin and Sec-* are forbidden request headers: the browser sets them.
    expect(init.headers).toEqual({});
  });

  it('carries hostile values as data, never as code', () => {
    const withSeparators = buildExchange(
      {
        url: 'http://localhost:7002/x',
        requestHeaders: { 'X-Evil': `${HOSTILE.join(' | ')} \u2028 \u2029 */ </script>` },
      },
      1,
    );
    const { init } = runFetch(toFetch(withSeparators));
    expect((init.headers as Record<string, string>)['X-Evil']).toBe(
      `${HOSTILE.join(' | ')} \u2028 \u2029 */ </script>`,
    );
    const hostile = runFetch(toFetch(hostileRecord));
    expect(hostile.url).toBe(hostileRecord.url);
  });

  it('keeps the comment line a comment whatever the initiator holds', () => {
    const odd = { ...demoRecords()[0]!, initiator: 'http://a\u2028fetch("http://evil")//' };
    const code = toFetch(odd);
    expect(() => runFetch(code)).not.toThrow();
    expect(runFetch(code).url).toBe(odd.url);
  });
});
