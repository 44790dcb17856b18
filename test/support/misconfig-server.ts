/**
 * A loopback HTTP server with one path per CORS misconfiguration (`/bad/<case>`) and its correct
 * twin (`/good/<case>`). Each case says what a page on the allowed origin sends to exhibit it and
 * which finding codes the engine (passive) and the probe (active) must report, so unit tests, the
 * end-to-end audit and the probe tests share one source of truth.
 *
 * The policies are modelled on real bugs: reflecting every Origin, `startsWith`, `.*host$`,
 * unescaped dots, `https?://`, a "non-hostname character ends the host" regex (corben.io).
 * Probe expectations assume a port-less allowed origin (the default `https://app.test`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FindingCode } from '../../src/cors/findings/index.ts';

export type Twin = 'bad' | 'good';
type HeaderPairs = [string, string][];

/** What the server needs to know about a request to answer it. */
interface Ask {
  origin: string | null;
  preflight: boolean;
  contentType: string | null;
  allowed: URL;
}

interface Answer {
  status: number;
  headers: HeaderPairs;
}

export interface CaseRequest {
  method: string;
  headers: Record<string, string>;
  credentials: 'include' | 'omit';
  /** Which origin the page runs on: the allowed one, or an opaque one (a sandboxed iframe sends `null`). */
  from: 'allowed' | 'null';
  /** The browser sends a CORS preflight first. */
  preflight: boolean;
  body?: string;
}

export interface MisconfigCase {
  name: string;
  description: string;
  request: CaseRequest;
  /** Codes on the exchange a browser records for `request`, on each twin. */
  passive: Record<Twin, FindingCode[]>;
  /** Codes runProbe reports for each twin, with `trustedOrigin` set to the allowed origin. */
  probe: Record<Twin, FindingCode[]>;
  answer: Record<Twin, (ask: Ask) => Answer>;
}

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface Policy {
  trust: (origin: string, allowed: URL) => boolean;
  credentials?: boolean;
  vary?: boolean;
  maxAge?: number;
  methods?: string;
  allowHeaders?: string;
  expose?: string;
  preflightExtra?: HeaderPairs;
}

/** An origin-checking server: echoes trusted origins, answers preflights for them. */
function cors(policy: Policy): (ask: Ask) => Answer {
  return (ask) => {
    const headers: HeaderPairs = policy.vary === false ? [] : [['Vary', 'Origin']];
    if (ask.origin !== null && policy.trust(ask.origin, ask.allowed)) {
      headers.push([ACAO, ask.origin]);
      if (policy.credentials) headers.push([ACAC, 'true']);
      if (ask.preflight) {
        headers.push(
          ['Access-Control-Allow-Methods', policy.methods ?? 'GET, POST, PUT, DELETE'],
          ['Access-Control-Allow-Headers', policy.allowHeaders ?? 'content-type'],
          ['Access-Control-Max-Age', String(policy.maxAge ?? 600)],
          ...(policy.preflightExtra ?? []),
        );
      } else if (policy.expose) {
        headers.push(['Access-Control-Expose-Headers', policy.expose]);
      }
    }
    return { status: ask.preflight ? 204 : 200, headers };
  };
}

/** A server that sends the same CORS headers to everyone. */
function fixed(headers: (allowed: URL) => HeaderPairs, preflightHeaders: HeaderPairs = []): (ask: Ask) => Answer {
  return (ask) => ({
    status: ask.preflight ? 204 : 200,
    headers: [...headers(ask.allowed), ...(ask.preflight ? preflightHeaders : [])],
  });
}

const exact = (origin: string, allowed: URL) => origin === allowed.origin;
const strict = (credentials = false) => cors({ trust: exact, credentials });
const regex = (source: (allowed: URL) => string) => (origin: string, allowed: URL) =>
  new RegExp(source(allowed)).test(origin);

const GET = (credentials: CaseRequest['credentials'], from: CaseRequest['from'] = 'allowed'): CaseRequest => ({
  method: 'GET',
  headers: {},
  credentials,
  from,
  preflight: false,
});
const PUT_JSON: CaseRequest = {
  method: 'PUT',
  headers: { 'Content-Type': 'application/json' },
  credentials: 'omit',
  from: 'allowed',
  preflight: true,
  body: '{}',
};
const SUSPECTED: FindingCode[] = ['origin-reflection-suspected'];

/** A credentialed endpoint whose origin check is `trust`: passively it only looks like an echo. */
function bypassCase(name: string, description: string, trust: Policy['trust'], probe: FindingCode[]): MisconfigCase {
  return {
    name,
    description,
    request: GET('include'),
    passive: { bad: SUSPECTED, good: SUSPECTED },
    probe: { bad: probe, good: [] },
    answer: { bad: cors({ trust, credentials: true }), good: strict(true) },
  };
}

export const MISCONFIG_CASES: readonly MisconfigCase[] = [
  // Its preflights echo any Origin too, approving DELETE for strangers with credentials.
  bypassCase('reflect', 'echoes any Origin with credentials', () => true, [
    'origin-reflected',
    'state-changing-methods-any-origin',
  ]),
  {
    name: 'null-origin',
    description: 'trusts the origin null with credentials',
    request: GET('include', 'null'),
    passive: { bad: ['null-origin-allowed'], good: [] },
    probe: { bad: ['null-origin-allowed'], good: [] },
    answer: { bad: cors({ trust: (o, a) => o === 'null' || exact(o, a), credentials: true }), good: strict(true) },
  },
  bypassCase('prefix', 'startsWith(scheme://host)', (o, a) => o.startsWith(`${a.protocol}//${a.hostname}`), [
    'origin-prefix-match',
  ]),
  bypassCase(
    'suffix',
    '^https://.*host$ (the dot before the host forgotten)',
    regex((a) => `^${escape(a.protocol)}//.*${escape(a.host)}$`),
    ['origin-suffix-match'],
  ),
  bypassCase(
    'unescaped-dot',
    '^https://app.test$ with the dot unescaped',
    regex((a) => `^${a.origin}$`),
    ['origin-unescaped-dot'],
  ),
  bypassCase(
    'http-twin',
    '^https?://host$ (the http: twin allowed)',
    regex((a) => `^https?://${escape(a.host)}$`),
    ['insecure-origin-trusted'],
  ),
  bypassCase(
    'special-chars',
    'host followed by a non-hostname character is accepted',
    regex((a) => `^${escape(a.origin)}([^.\\-a-zA-Z0-9]+.*)?$`),
    ['origin-special-chars'],
  ),
  bypassCase(
    'any-subdomain',
    'any subdomain of the host',
    regex((a) => `^${escape(a.protocol)}//([a-z0-9-]+\\.)*${escape(a.host)}$`),
    ['any-subdomain-trusted'],
  ),
  {
    name: 'wildcard-credentials',
    description: '* together with Access-Control-Allow-Credentials: true',
    request: GET('omit'),
    passive: { bad: ['wildcard-with-credentials'], good: [] },
    probe: { bad: ['wildcard-with-credentials'], good: [] },
    answer: {
      bad: fixed(() => [
        [ACAO, '*'],
        [ACAC, 'true'],
      ]),
      good: fixed(() => [[ACAO, '*']]),
    },
  },
  {
    name: 'vary-missing',
    description: 'echoes the allowed origin without Vary: Origin',
    request: GET('omit'),
    passive: { bad: ['vary-origin-missing'], good: [] },
    probe: { bad: [], good: [] },
    answer: { bad: cors({ trust: exact, vary: false }), good: strict() },
  },
  {
    name: 'max-age',
    description: 'caches preflights for a day',
    request: PUT_JSON,
    passive: { bad: ['max-age-too-long'], good: [] },
    probe: { bad: [], good: [] },
    answer: { bad: cors({ trust: exact, maxAge: 86400 }), good: strict() },
  },
  {
    name: 'wildcard-lists',
    description: '* in Allow-Methods, Allow-Headers and Expose-Headers with credentials',
    request: { method: 'PUT', headers: { 'X-Trace': '1' }, credentials: 'include', from: 'allowed', preflight: true },
    passive: { bad: ['wildcard-lists-with-credentials', ...SUSPECTED], good: SUSPECTED },
    probe: { bad: [], good: [] },
    answer: {
      bad: cors({ trust: exact, credentials: true, methods: '*', allowHeaders: '*', expose: '*' }),
      good: cors({ trust: exact, credentials: true, methods: 'PUT', allowHeaders: 'x-trace', expose: 'x-trace' }),
    },
  },
  {
    name: 'form-post',
    description: 'acts on a cross-origin form POST (no CSRF defence)',
    request: {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      credentials: 'omit',
      from: 'allowed',
      preflight: false,
      body: 'amount=1',
    },
    passive: { bad: ['form-post-accepted'], good: [] },
    probe: { bad: [], good: [] },
    answer: {
      bad: () => ({ status: 200, headers: [] }),
      // The twin only accepts JSON, which a form cannot send and which forces a preflight.
      good: (ask) => ({
        status: ask.contentType?.startsWith('application/json') || ask.contentType === null ? 200 : 415,
        headers: [],
      }),
    },
  },
  {
    name: 'methods-any-origin',
    description: 'any origin may send PUT and DELETE',
    request: { method: 'DELETE', headers: {}, credentials: 'omit', from: 'allowed', preflight: true },
    passive: { bad: ['state-changing-methods-any-origin'], good: [] },
    probe: { bad: ['state-changing-methods-any-origin'], good: [] },
    answer: {
      bad: fixed(() => [[ACAO, '*']], [['Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE']]),
      good: strict(),
    },
  },
  {
    name: 'third-party',
    description: 'trusts a code playground (codepen.io)',
    request: GET('omit'),
    passive: { bad: ['third-party-origin-trusted'], good: [] },
    probe: { bad: ['third-party-origin-trusted'], good: [] },
    answer: {
      bad: fixed(() => [
        [ACAO, 'https://codepen.io'],
        ['Vary', 'Origin'],
      ]),
      good: strict(),
    },
  },
  {
    name: 'multiple-acao',
    description: 'two Access-Control-Allow-Origin headers',
    request: GET('omit'),
    passive: { bad: ['acao-multiple-values'], good: [] },
    probe: { bad: ['acao-multiple-values'], good: [] },
    answer: {
      bad: fixed((a) => [
        [ACAO, a.origin],
        [ACAO, 'https://other.test'],
        ['Vary', 'Origin'],
      ]),
      good: strict(),
    },
  },
  {
    name: 'invalid-acao',
    description: 'Access-Control-Allow-Origin with a trailing slash',
    request: GET('omit'),
    passive: { bad: ['acao-invalid'], good: [] },
    probe: { bad: ['acao-invalid'], good: [] },
    answer: {
      bad: fixed((a) => [
        [ACAO, `${a.origin}/`],
        ['Vary', 'Origin'],
      ]),
      good: strict(),
    },
  },
  {
    name: 'private-network',
    description: 'answers the legacy Private Network Access preflight',
    request: PUT_JSON,
    passive: { bad: ['private-network-legacy'], good: [] },
    probe: { bad: [], good: [] },
    answer: {
      bad: cors({ trust: exact, preflightExtra: [['Access-Control-Allow-Private-Network', 'true']] }),
      good: strict(),
    },
  },
];

export interface ReceivedRequest {
  method: string;
  path: string;
  origin: string | null;
}

export interface MisconfigServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** The origin every strict twin allows (and the bad policies imitate). */
  allowedOrigin: string;
  url(name: string, twin: Twin): string;
  /** Answers 302 to `/bad/reflect`, to check that nobody follows it. */
  redirectUrl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

function caseFor(path: string): { c: MisconfigCase; twin: Twin } | null {
  const m = /^\/(bad|good)\/([a-z-]+)$/.exec(path);
  const c = m ? MISCONFIG_CASES.find((x) => x.name === m[2]) : undefined;
  return m && c ? { c, twin: m[1] as Twin } : null;
}

/** Starts the server on 127.0.0.1, port 0. `allowedOrigin` defaults to `https://app.test`. */
export async function startMisconfigServer(options: { allowedOrigin?: string } = {}): Promise<MisconfigServer> {
  const allowed = new URL(options.allowedOrigin ?? 'https://app.test');
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const origin = req.headers.origin ?? null;
    received.push({ method: req.method ?? '', path, origin });
    req.resume();
    req.on('end', () => {
      if (path === '/redirect') {
        res.writeHead(302, { Location: '/bad/reflect' });
        return res.end();
      }
      const found = caseFor(path);
      if (!found) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('no such case');
      }
      const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
      const answer = found.c.answer[found.twin]({
        origin,
        preflight,
        contentType: req.headers['content-type'] ?? null,
        allowed,
      });
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of answer.headers) {
        const prior = headers[name];
        headers[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
      }
      res.writeHead(answer.status, { ...headers, 'Content-Type': 'text/plain' });
      res.end(preflight ? undefined : 'ok');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    allowedOrigin: allowed.origin,
    url: (name, twin) => `${base}/${twin}/${name}`,
    redirectUrl: `${base}/redirect`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
