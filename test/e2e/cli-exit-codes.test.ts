/**
 * Issue 16's table, row by row, with the built bin against real loopback servers: a green build
 * never means "nothing was checked". Pages that refuse, never answer, loop or answer 404, a fetch
 * that never finishes, and a probe of a dead server each exit 3 with what could not be checked
 * named (and JUnit errors, never a pass); --help shows the exit codes and human defaults; bad
 * numbers are refused.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report.ts';
import { reportErrors } from '../support/report-schema.ts';
import { type CliRun, freePort, runCli } from './support/cli-run.ts';

let out: string;
let closedPort: number;
const servers: http.Server[] = [];
let site: string;
let silent: string;

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-exit-'));
  closedPort = await freePort();
  // Takes every connection and never answers.
  silent = await listen(() => undefined);
  site = `http://${await listen((req, res) => {
    if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (req.url === '/missing') return void res.writeHead(404, { 'content-type': 'text/html' }).end('<p>no such page');
    // A page whose cross-origin fetch never gets an answer (localhost vs 127.0.0.1: cross-site).
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><script>fetch('http://localhost:${silent.split(':')[1]}/never').catch(() => {})</script>`);
  })}`;
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  fs.rmSync(out, { recursive: true, force: true });
});

interface Case {
  name: string;
  attributes: Record<string, string>;
  children: { name: string; attributes: Record<string, string> }[];
}

/** The test cases of a JUnit file, read with a strict XML parser. */
function junitCases(dir: string): Case[] {
  const cases: Case[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const attributes = { ...tag.attributes } as Record<string, string>;
    if (tag.name === 'testcase') cases.push({ name: attributes.name!, attributes, children: [] });
    else if (cases.length && ['failure', 'error', 'skipped'].includes(tag.name))
      cases.at(-1)!.children.push({ name: tag.name, attributes });
  });
  parser.write(fs.readFileSync(path.join(dir, 'cors-report.junit.xml'), 'utf8')).close();
  return cases;
}

const readReport = (dir: string): Report => JSON.parse(fs.readFileSync(path.join(dir, 'cors-report.json'), 'utf8'));

describe('audit: pages that could not be checked exit 3, each named, each a JUnit error', () => {
  const urls = () => ({
    refused: `http://127.0.0.1:${closedPort}/`,
    timeout: `http://${silent}/`,
    loop: `${site}/loop`,
    missing: `${site}/missing`,
  });
  let run: CliRun;
  let dir: string;

  beforeAll(async () => {
    dir = path.join(out, 'pages');
    const u = urls();
    run = await runCli([
      'audit',
      u.refused,
      u.timeout,
      u.loop,
      u.missing,
      '--concurrency',
      '4',
      '--timeout-ms',
      '3000',
      '--idle-ms',
      '300',
      '--format',
      'json,junit',
      '--out',
      dir,
    ]);
  }, 120_000);

  it('exits 3, saying each page could not be checked and why', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(3);
    const u = urls();
    expect(run.stderr).toContain('4 thing(s) could not be checked (exit 3 unless --allow-unreachable):');
    expect(run.stderr).toContain(`page ${u.refused}: net::ERR_CONNECTION_REFUSED`);
    expect(run.stderr).toContain(`page ${u.timeout}: did not load within 3000 ms (--timeout-ms)`);
    expect(run.stderr).toContain(`page ${u.loop}: net::ERR_TOO_MANY_REDIRECTS`);
    expect(run.stderr).toContain(`page ${u.missing}: HTTP 404 Not Found`);
  });

  it('records each page as not ok, in the order given, in a report valid against the schema', () => {
    const report = readReport(dir);
    expect(reportErrors(report)).toEqual([]);
    expect(report.pages!.map((p) => [p.url, p.ok, p.status])).toEqual([
      [urls().refused, false, null],
      [urls().timeout, false, null],
      [urls().loop, false, null],
      [urls().missing, false, 404],
    ]);
  });

  it('writes a JUnit "page loads" error for each, never an empty <testsuites>', () => {
    const cases = junitCases(dir);
    expect(cases.map((c) => [c.name, c.children.map((e) => `${e.name}:${e.attributes.type}`)])).toEqual(
      Array.from({ length: 4 }, () => ['page loads', ['error:unreachable']]),
    );
  });
});

describe('audit: a fetch that never finishes', () => {
  let run: CliRun;
  let dir: string;
  beforeAll(async () => {
    dir = path.join(out, 'stalled');
    run = await runCli([
      'audit',
      `${site}/`,
      '--idle-ms',
      '300',
      '--timeout-ms',
      '3000',
      '--format',
      'json,junit',
      '--out',
      dir,
    ]);
  }, 120_000);

  it('is unfinished, never allowed, and exits 3', () => {
    const report = readReport(dir);
    expect(report.exchanges.map((x) => [x.url.replace(/:\d+/, ':PORT'), x.verdict])).toEqual([
      ['http://localhost:PORT/never', 'unfinished'],
    ]);
    expect(report.summary.allowed).toBe(0);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/request UNFINISHED GET http:\/\/localhost:\d+\/never: The request had not finished/);
  });

  it('is a JUnit error, not a passing case', () => {
    const stalled = junitCases(dir).find((c) => c.name.endsWith('/never'))!;
    expect(stalled.children.map((e) => `${e.name}:${e.attributes.type}`)).toEqual(['error:unfinished']);
  });

  it('exits 0 with --allow-unreachable, still listing it', async () => {
    const r = await runCli([
      'audit',
      `${site}/`,
      '--idle-ms',
      '300',
      '--timeout-ms',
      '3000',
      '--allow-unreachable',
      '--format',
      'json',
      '--out',
      path.join(out, 'allowed'),
    ]);
    expect(r.stderr).toContain('1 thing(s) could not be checked (accepted: --allow-unreachable)');
    expect(r.code).toBe(0);
  });
});

describe('probe of a dead server', () => {
  it('says "could not test" for every crafted origin, never "not trusted", and exits 3', async () => {
    const dead = `http://127.0.0.1:${closedPort}/api`;
    const r = await runCli(['probe', dead, '--rate', '200', '--out', path.join(out, 'probe')]);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toContain('no crafted origin was trusted');
    expect(r.stdout).toContain(`${dead}: could not test: no crafted origin got an answer`);
    const sent = Number(/Server probe: (\d+) request\(s\) sent/.exec(r.stdout)![1]);
    expect(sent).toBeGreaterThan(5);
    expect(r.stdout.match(/^ {2}could not test Origin: .*ECONNREFUSED/gm)).toHaveLength(sent);
  });
});

describe('help and option values', () => {
  it('--help shows every exit code and human defaults', async () => {
    const r = await runCli(['audit', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('{"kind"');
    const words = r.stdout.replace(/\s+/g, ' ');
    expect(words).toContain('(default: blocked)');
    expect(words).toContain('(default: json,md)');
    for (const code of [0, 1, 2, 3]) expect(r.stdout).toMatch(new RegExp(`^ {2}${code} {2}\\S`, 'm'));
  });

  it('refuses --rate abc and --timeout-ms 0 with exit 2 and a message', async () => {
    const rate = await runCli(['probe', 'http://127.0.0.1:1/', '--rate', 'abc']);
    expect([rate.code, rate.stderr]).toEqual([2, expect.stringContaining("--rate takes a number above 0 (got 'abc')")]);
    const timeout = await runCli(['audit', 'http://127.0.0.1:1/', '--timeout-ms', '0']);
    expect([timeout.code, timeout.stderr]).toEqual([
      2,
      expect.stringContaining("--timeout-ms takes a whole number of at least 1 (got '0')"),
    ]);
  });
});
