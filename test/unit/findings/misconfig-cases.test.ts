/**
 * The misconfig server's passive expectations hold: each case's request, sent from Node the way a
 * browser on the allowed origin would send it (preflight first when needed), evaluates to exactly
 * the finding codes the case lists, on the bad path and on its correct twin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/cors/index.ts';
import type { Header, ObservedExchange, ObservedResponse } from '../../../src/cors/types.ts';
import {
  MISCONFIG_CASES,
  startMisconfigServer,
  type MisconfigCase,
  type MisconfigServer,
  type Twin,
} from '../../support/misconfig-server.ts';

let server: MisconfigServer;
beforeAll(async () => {
  server = await startMisconfigServer();
});
afterAll(() => server.close());

const toHeaders = (record: Record<string, string>): Header[] =>
  Object.entries(record).map(([name, value]) => ({ name, value }));

async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<ObservedResponse> {
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const out: Header[] = [];
  res.headers.forEach((value, name) => {
    out.push({ name, value });
  });
  await res.arrayBuffer();
  return { status: res.status, headers: out };
}

async function asBrowserWould(c: MisconfigCase, twin: Twin): Promise<ObservedExchange> {
  const url = server.url(c.name, twin);
  const origin = c.request.from === 'null' ? 'null' : server.allowedOrigin;
  const headers = { Origin: origin, ...c.request.headers };
  let preflight: ObservedExchange['preflight'] = null;
  if (c.request.preflight) {
    // Every header a preflighted case sets is a non-safelisted one, so all of them are announced.
    const announced = Object.keys(c.request.headers)
      .map((n) => n.toLowerCase())
      .sort()
      .join(',');
    const pfHeaders = {
      Origin: origin,
      'Access-Control-Request-Method': c.request.method,
      ...(announced ? { 'Access-Control-Request-Headers': announced } : {}),
    };
    preflight = {
      request: { method: 'OPTIONS', url, headers: toHeaders(pfHeaders) },
      response: await send(url, 'OPTIONS', pfHeaders),
      outcome: { kind: 'completed' },
    };
  }
  const response = await send(url, c.request.method, headers, c.request.body);
  return {
    initiator: origin,
    request: { method: c.request.method, url, headers: toHeaders(headers) },
    preflight,
    response,
    outcome: { kind: 'headers-only' },
    credentials: c.request.credentials,
  };
}

describe('misconfig server: passive findings per case', () => {
  for (const c of MISCONFIG_CASES) {
    for (const twin of ['bad', 'good'] as const) {
      it(`${twin}/${c.name} shows exactly ${c.passive[twin].join(', ') || 'nothing'}`, async () => {
        const codes = evaluate(await asBrowserWould(c, twin))
          .findings.map((f) => f.code)
          .sort();
        expect(codes).toEqual([...c.passive[twin]].sort());
      });
    }
  }
});
