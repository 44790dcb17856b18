/**
 * Judging an MCP Streamable HTTP endpoint from the answers the `probe --profile mcp` got (pure: the
 * probe sends, this decides). Two questions:
 * - Can a browser MCP client on the client origin use it? The engine judges the exchange a browser
 *   client makes (POST with Content-Type: application/json, MCP-Protocol-Version, Mcp-Session-Id and
 *   Authorization, preflighted) and the DELETE that ends a session, and checks that Mcp-Session-Id is
 *   exposed (Access-Control-Expose-Headers), without which the client cannot send it back.
 * - Is the Origin validated? MCP 2025-11-25, Transports, Security Warning: "Servers MUST validate the
 *   Origin header on all incoming connections to prevent DNS rebinding attacks. If the Origin header
 *   is present and invalid, servers MUST respond with HTTP 403 Forbidden."
 */
import { evaluate } from './evaluate.ts';
import { exchangeFindings, mergeFindings, originReflectedFinding } from './findings/index.ts';
import { ACAC, ACAO, finding } from './findings/trust.ts';
import { combinedHeader, headerValues, quote } from './headers.ts';
import type { Evaluation, Finding, Header, ObservedExchange, ObservedResponse } from './types.ts';

/** The request headers a browser MCP client sends after initialize (with an access token), as Access-Control-Request-Headers lists them. */
export const MCP_CLIENT_HEADERS = ['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id'] as const;
const SESSION_HEADER = 'Mcp-Session-Id';

/** One answer the probe got; status null when none arrived (then `error` says why). */
export interface McpAnswer {
  status: number | null;
  headers: Header[];
  error: string | null;
}

export interface McpEndpointAnswers {
  url: string;
  /** The browser client's origin (the page the MCP client runs in). */
  clientOrigin: string;
  /** A foreign origin no allow-list holds. */
  foreignOrigin: string;
  protocolVersion: string;
  /** OPTIONS from the client origin: Access-Control-Request-Method POST, -Headers MCP_CLIENT_HEADERS. */
  preflight: McpAnswer;
  /** POST initialize from the client origin. */
  initialize: McpAnswer;
  /** OPTIONS for DELETE, and the DELETE that ends the session; null when no session was issued or the cap was reached. */
  terminatePreflight: McpAnswer | null;
  terminate: McpAnswer | null;
  /** POST initialize from the foreign origin; null when the cap was reached first. */
  foreign: McpAnswer | null;
}

/** What the engine says about one browser-client request. */
export interface ClientStep {
  verdict: Evaluation['verdict'];
  reason: { code: string; failedParameter: string; explanation: string; howToFix: string } | null;
  fix: { preflightHeaders: Header[]; responseHeaders: Header[]; notes: string[] } | null;
  failure: string | null;
  assumptions: string[];
  /** Where other browsers or the Fetch standard decide differently (e.g. Authorization under '*'). */
  notes: string[];
}

export type SessionExposure = 'exposed' | 'hidden' | 'not-issued' | 'unknown';
export type OriginCheck = 'refused-403' | 'refused-other' | 'accepted' | 'unknown';

export interface McpEndpointJudgement {
  initialize: ClientStep;
  terminate: ClientStep | null;
  sessionId: SessionExposure;
  originValidation: { result: OriginCheck; status: number | null; detail: string };
  findings: Finding[];
}

const ok = (a: McpAnswer | null): a is McpAnswer & { status: number } =>
  a !== null && a.status !== null && a.status >= 200 && a.status < 300;
const response = (a: McpAnswer): ObservedResponse | null =>
  a.status === null ? null : { status: a.status, headers: a.headers };

/** The exchange a browser client makes: request headers as sent after initialize, the probe's answers as its preflight and response. */
function clientExchange(
  o: McpEndpointAnswers,
  method: 'POST' | 'DELETE',
  preflight: McpAnswer,
  actual: McpAnswer,
  requestHeaderNames: readonly string[],
): ObservedExchange {
  const value = (name: string) =>
    name === 'content-type' ? 'application/json' : name === 'mcp-protocol-version' ? o.protocolVersion : '…';
  return {
    initiator: o.clientOrigin,
    request: { method, url: o.url, headers: requestHeaderNames.map((name) => ({ name, value: value(name) })) },
    preflight: {
      request: {
        method: 'OPTIONS',
        url: o.url,
        headers: [
          { name: 'Origin', value: o.clientOrigin },
          { name: 'Access-Control-Request-Method', value: method },
          { name: 'Access-Control-Request-Headers', value: requestHeaderNames.join(',') },
        ],
      },
      response: response(preflight),
      outcome:
        preflight.status === null ? { kind: 'failed', error: preflight.error ?? 'no response' } : { kind: 'completed' },
    },
    response: response(actual),
    outcome:
      actual.status === null ? { kind: 'failed', error: actual.error ?? 'no response' } : { kind: 'headers-only' },
    // A browser MCP client authenticates with a bearer token, not cookies (fetch's default credentials).
    credentials: 'omit',
    mode: 'cors',
  };
}

function step(e: Evaluation): ClientStep {
  return {
    verdict: e.verdict,
    reason: e.reason
      ? {
          code: e.reason.code,
          failedParameter: e.reason.failedParameter,
          explanation: e.reason.explanation,
          howToFix: e.reason.howToFix,
        }
      : null,
    fix: e.fix
      ? {
          preflightHeaders: e.fix.preflightHeaders.map(({ name, value }) => ({ name, value })),
          responseHeaders: e.fix.responseHeaders.map(({ name, value }) => ({ name, value })),
          notes: e.fix.notes,
        }
      : null,
    failure: e.failure,
    assumptions: e.assumptions,
    notes: e.browserNotes,
  };
}

function blockedFinding(o: McpEndpointAnswers, what: string, e: Evaluation): Finding {
  const r = e.reason!;
  return finding(
    'mcp-browser-client-blocked',
    'medium',
    `A browser MCP client on ${quote(o.clientOrigin)} cannot ${what}: ${r.code}${r.failedParameter ? ` (${quote(r.failedParameter)})` : ''}. ${r.explanation}`,
    r.header ? [{ header: r.header, value: r.failedParameter }] : [],
    r.howToFix,
  );
}

function sessionExposure(initialize: McpAnswer, e: Evaluation): SessionExposure {
  if (initialize.status === null || e.verdict !== 'allowed') return 'unknown';
  if (headerValues(initialize.headers, SESSION_HEADER).length === 0) return 'not-issued';
  return e.exposure.readable.includes(SESSION_HEADER.toLowerCase()) ? 'exposed' : 'hidden';
}

function originValidation(o: McpEndpointAnswers): McpEndpointJudgement['originValidation'] {
  const f = o.foreign;
  if (f === null) return { result: 'unknown', status: null, detail: 'not checked: the request cap was reached first' };
  if (f.status === null)
    return { result: 'unknown', status: null, detail: `the foreign-origin request got no response (${f.error})` };
  if (f.status === 403)
    return { result: 'refused-403', status: 403, detail: `initialize from ${o.foreignOrigin} was refused with 403` };
  if (ok(f))
    return {
      result: 'accepted',
      status: f.status,
      detail: `initialize from ${o.foreignOrigin} was accepted (HTTP ${f.status})`,
    };
  if (ok(o.initialize))
    return {
      result: 'refused-other',
      status: f.status,
      detail: `initialize from ${o.foreignOrigin} was refused with HTTP ${f.status} while the client origin got ${o.initialize.status}`,
    };
  return {
    result: 'unknown',
    status: f.status,
    detail: `both origins were refused (client origin ${o.initialize.status ?? 'no response'}, foreign ${f.status}), so whether Origin is checked cannot be told`,
  };
}

function originFindings(o: McpEndpointAnswers, check: McpEndpointJudgement['originValidation']): Finding[] {
  const f = o.foreign;
  if (!f || f.status === null) return [];
  const out: Finding[] = [];
  if (check.result === 'accepted')
    out.push(
      finding(
        'mcp-origin-not-validated',
        'high',
        `The MCP endpoint accepted initialize from the foreign origin ${quote(o.foreignOrigin)} (HTTP ${f.status}): it does not validate Origin, so any web page the user opens can drive it through DNS rebinding (MCP specification, Streamable HTTP security warning).`,
        [
          { header: 'Origin', value: o.foreignOrigin },
          { header: 'Status', value: String(f.status) },
        ],
        'Check the Origin header before the MCP handler and answer 403 Forbidden when it is present and not an allowed origin; bind a local server to 127.0.0.1 and validate the Host header too.',
      ),
    );
  if (check.result === 'refused-other')
    out.push(
      finding(
        'mcp-origin-refused-without-403',
        'info',
        `The MCP endpoint refused the foreign origin ${quote(o.foreignOrigin)} with HTTP ${f.status}; the MCP specification asks for 403 Forbidden, so clients can tell an Origin refusal from other errors.`,
        [{ header: 'Status', value: String(f.status) }],
        'Answer 403 Forbidden when the Origin header is present and not allowed.',
      ),
    );
  if (combinedHeader(f.headers, ACAO) === o.foreignOrigin)
    out.push(originReflectedFinding([{ origin: o.foreignOrigin, acac: combinedHeader(f.headers, ACAC) }]));
  // The passive rules on the foreign answer too (a '*', a missing Vary: Origin, …).
  const foreignExchange: ObservedExchange = {
    initiator: o.foreignOrigin,
    request: {
      method: 'POST',
      url: o.url,
      headers: [
        { name: 'Origin', value: o.foreignOrigin },
        { name: 'Content-Type', value: 'application/json' },
      ],
    },
    response: { status: f.status, headers: f.headers },
    outcome: { kind: 'headers-only' },
  };
  out.push(
    ...exchangeFindings(foreignExchange, {
      origin: o.foreignOrigin,
      effectiveOrigin: o.foreignOrigin,
      credentialsIncluded: false,
      preflightNeeded: true,
    }),
  );
  return out;
}

export function judgeMcpEndpoint(o: McpEndpointAnswers): McpEndpointJudgement {
  const init = evaluate(clientExchange(o, 'POST', o.preflight, o.initialize, MCP_CLIENT_HEADERS));
  const end =
    o.terminatePreflight && o.terminate
      ? evaluate(
          clientExchange(o, 'DELETE', o.terminatePreflight, o.terminate, [
            'authorization',
            'mcp-protocol-version',
            'mcp-session-id',
          ]),
        )
      : null;
  const sessionId = sessionExposure(o.initialize, init);
  const check = originValidation(o);
  const findings: Finding[] = [];
  if (init.verdict === 'blocked') findings.push(blockedFinding(o, 'initialize a session or call tools', init));
  if (end?.verdict === 'blocked') findings.push(blockedFinding(o, 'end its session (DELETE)', end));
  if (sessionId === 'hidden')
    findings.push(
      finding(
        'mcp-session-id-not-exposed',
        'medium',
        `The endpoint issues ${SESSION_HEADER} but does not list it in Access-Control-Expose-Headers, so a browser MCP client on ${quote(o.clientOrigin)} cannot read it and every request after initialize fails (no session id to send back).`,
        [
          { header: SESSION_HEADER, value: headerValues(o.initialize.headers, SESSION_HEADER)[0] ?? '' },
          {
            header: 'Access-Control-Expose-Headers',
            value: combinedHeader(o.initialize.headers, 'Access-Control-Expose-Headers') ?? '(absent)',
          },
        ],
        `Send Access-Control-Expose-Headers: ${SESSION_HEADER} on the endpoint's responses.`,
      ),
    );
  return {
    initialize: step(init),
    terminate: end ? step(end) : null,
    sessionId,
    originValidation: check,
    findings: mergeFindings([...findings, ...originFindings(o, check), ...init.findings]),
  };
}
