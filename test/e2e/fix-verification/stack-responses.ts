/**
 * What a stack really sends when its CORS layer refuses an origin, and the bodies of the errors it
 * writes itself (404, 500, a proxy's 502): captured from the running servers with Node's HTTP
 * client, normalized (no Date, no ports), and committed as the unit-test fixtures of stack
 * detection (test/fixtures/stack-responses/<stack>.json). UPDATE_STACK_FIXTURES=1 rewrites them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StackEvidenceResponse } from '../../../src/cors/stack-detection.ts';
import type { StackId } from '../../../src/cors/stacks.ts';
import { PATHS } from '../support/frameworks/types.ts';
import { send } from './node-request.ts';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../fixtures/stack-responses');

/** An origin no snippet allows. */
export const REFUSED_ORIGIN = 'http://refused.example';

export interface CapturedResponse {
  request: string;
  status: number;
  headers: { name: string; value: string }[];
  body: string;
}

export interface StackResponses {
  stack: StackId;
  /** The versions the responses were captured from (verified-versions.ts). */
  capturedWith: string;
  responses: Record<string, CapturedResponse>;
}

interface Probe {
  method: string;
  path: string;
  headers: Record<string, string>;
  role: StackEvidenceResponse['role'];
  proxiesOnly?: boolean;
}

export const PROBES: Record<string, Probe> = {
  'refused-preflight': {
    method: 'OPTIONS',
    path: '/capture/r',
    headers: {
      origin: REFUSED_ORIGIN,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'x-api-key',
    },
    role: 'preflight',
  },
  'refused-get': { method: 'GET', path: '/capture/r', headers: { origin: REFUSED_ORIGIN }, role: 'response' },
  'not-found': {
    method: 'GET',
    path: `/capture${PATHS.missing}`,
    headers: { origin: REFUSED_ORIGIN },
    role: 'response',
  },
  exception: { method: 'GET', path: `/capture${PATHS.throws}`, headers: { origin: REFUSED_ORIGIN }, role: 'response' },
  'gateway-error': {
    method: 'GET',
    path: `/capture${PATHS.gateway}`,
    headers: { origin: REFUSED_ORIGIN },
    role: 'response',
    proxiesOnly: true,
  },
};

/** Headers that change on every response, and what only describes the connection. */
const VOLATILE = new Set(['date', 'keep-alive', 'connection', 'x-runtime', 'x-request-id', 'etag']);
const BODY_CHARS = 4096;

/** Ports differ on every run: `localhost:PORT`, Apache's "Port 12345". */
const withoutPorts = (text: string) =>
  text.replace(/\b(localhost|127\.0\.0\.1):\d+/g, '$1:PORT').replace(/\bPort \d+/g, 'Port PORT');

export async function captureResponses(baseUrl: string, proxy: boolean): Promise<Record<string, CapturedResponse>> {
  const out: Record<string, CapturedResponse> = {};
  for (const [name, probe] of Object.entries(PROBES)) {
    if (probe.proxiesOnly && !proxy) continue;
    const answer = await send(`${baseUrl}${probe.path}`, probe.method, probe.headers);
    out[name] = {
      request: `${probe.method} ${probe.path} (Origin: ${REFUSED_ORIGIN})`,
      status: answer.status,
      headers: answer.rawHeaders
        .filter((h) => !VOLATILE.has(h.name.toLowerCase()))
        .map((h) => ({ name: h.name, value: withoutPorts(h.value) })),
      body: withoutPorts(answer.body.slice(0, BODY_CHARS)),
    };
  }
  return out;
}

/** The captured responses as stack detection sees them. */
export function evidenceOf(responses: Record<string, CapturedResponse>): StackEvidenceResponse[] {
  return Object.entries(responses).map(([name, r]) => ({
    role: PROBES[name]?.role ?? 'response',
    status: r.status,
    headers: r.headers,
    body: r.body,
  }));
}

export const fixtureFile = (stack: StackId) => path.join(FIXTURES_DIR, `${stack}.json`);

export function readFixture(stack: StackId): StackResponses | null {
  const file = fixtureFile(stack);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StackResponses) : null;
}

export function writeFixture(fixture: StackResponses): void {
  fs.mkdirSync(FIXTURES_DIR, { recursive: true });
  fs.writeFileSync(fixtureFile(fixture.stack), `${JSON.stringify(fixture, null, 2)}\n`);
}

/**
 * What must stay the same between a fresh capture and the committed fixture: each status, the
 * header names, and short bodies (framework error messages). Long bodies are rendered pages with
 * build hashes (Next.js), compared by detection instead.
 */
export function shapeOf(responses: Record<string, CapturedResponse>) {
  return Object.fromEntries(
    Object.entries(responses).map(([name, r]) => [
      name,
      {
        status: r.status,
        headers: r.headers.map((h) => h.name.toLowerCase()).sort(),
        body: r.body.length <= 300 ? r.body : '(a long body)',
      },
    ]),
  );
}
