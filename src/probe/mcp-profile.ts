/**
 * `probe --profile mcp`: asks an MCP Streamable HTTP endpoint what a browser MCP client would ask
 * (a preflight for Content-Type, MCP-Protocol-Version, Mcp-Session-Id and Authorization; initialize;
 * the DELETE that ends the session) and what a foreign page would (initialize from an origin no
 * allow-list holds). Sent from Node within the probe's rate and request cap; every session it opens
 * is ended. The verdicts come from the pure engine (src/cors/mcp-endpoint.ts).
 */
import { randomUUID } from 'node:crypto';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { headerValues } from '../cors/headers.ts';
import {
  judgeMcpEndpoint,
  MCP_CLIENT_HEADERS,
  type ClientStep,
  type McpAnswer,
  type OriginCheck,
  type SessionExposure,
} from '../cors/mcp-endpoint.ts';
import type { Finding, Header } from '../cors/types.ts';
import { packageVersion } from '../node/package-root.ts';
import { httpUrl, resolveLimits, type ProbeLimits, type ProbeOptions } from './options.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { PROBE_NOTICE } from './run-probe.ts';
import { send, type ProbeFetch } from './transport.ts';

/** The MCP Inspector's web UI origin: the browser MCP client most endpoints meet first. */
export const MCP_INSPECTOR_ORIGIN = 'http://localhost:6274';

export type McpStep =
  | 'preflight'
  | 'initialize'
  | 'terminate-preflight'
  | 'terminate'
  | 'foreign-initialize'
  | 'foreign-cleanup';

export interface McpProbeRequest {
  step: McpStep;
  method: string;
  /** The Origin header sent (null: none, as a non-browser client). */
  origin: string | null;
  status: number | null;
  error: string | null;
  /** The response headers that matter here (Access-Control-*, Vary, Mcp-Session-Id, Content-Type, Location, WWW-Authenticate). */
  headers: Header[];
}

export interface McpProbeTarget {
  url: string;
  /** The browser client's origin, and where it came from. */
  clientOrigin: string;
  clientOriginSource: string;
  foreignOrigin: string;
  protocolVersion: string;
  requests: McpProbeRequest[];
  /** The engine's verdict for a browser client's requests (initialize and later calls; ending the session). */
  initialize: ClientStep;
  terminate: ClientStep | null;
  sessionId: SessionExposure;
  originValidation: { result: OriginCheck; status: number | null; detail: string };
  /** Requests not sent, and why. */
  skipped: { step: McpStep; reason: string }[];
  findings: Finding[];
}

export interface McpProbeResult {
  kind: 'server-probe';
  profile: 'mcp';
  notice: string;
  limits: ProbeLimits;
  requestsSent: number;
  targets: McpProbeTarget[];
}

export interface McpProbeOptions extends ProbeOptions {
  fetch?: ProbeFetch;
  /** Called after each request, e.g. for the CLI's progress line. */
  onRequest?: (p: { url: string; request: McpProbeRequest; requestsSent: number }) => void;
}

const KEPT = /^(access-control-|vary$|mcp-session-id$|content-type$|location$|www-authenticate$)/;
const SESSION = 'Mcp-Session-Id';
const NOT_SENT: McpAnswer = { status: null, headers: [], error: 'not sent: the request cap was reached' };

function initializeBody(version: string): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: version,
      capabilities: {},
      clientInfo: { name: 'cors-inspector-probe', version: packageVersion() },
    },
  });
}

/**
 * Probes each MCP endpoint in turn (an endpoint's requests depend on each other, so they are not
 * interleaved). Throws ProbeUrlError before sending anything when a URL or the client origin is not
 * http(s), and RangeError for impossible limits.
 */
export async function runMcpProbe(urls: readonly string[], options: McpProbeOptions = {}): Promise<McpProbeResult> {
  const limits = resolveLimits(options);
  const parsed = urls
    .map((u) => httpUrl(u, 'target'))
    .filter((u, i, all) => all.findIndex((v) => v.href === u.href) === i);
  if (parsed.length === 0) throw new RangeError('runMcpProbe needs at least one URL');
  const client = options.trustedOrigin === undefined ? null : httpUrl(options.trustedOrigin, 'trusted origin').origin;
  const fetchImpl = options.fetch ?? fetch;
  const limiter = createRateLimiter(limits.ratePerSecond);
  const version = LATEST_PROTOCOL_VERSION;
  let requestsSent = 0;

  const targets: McpProbeTarget[] = [];
  for (const url of parsed) {
    const clientOrigin = client ?? MCP_INSPECTOR_ORIGIN;
    const foreignOrigin = `https://cors-probe-${randomUUID().slice(0, 8)}.test`;
    const requests: McpProbeRequest[] = [];
    const skipped: McpProbeTarget['skipped'] = [];
    const ask = async (
      step: McpStep,
      method: string,
      origin: string | null,
      headers: Record<string, string>,
      body?: string,
    ): Promise<McpAnswer | null> => {
      if (requestsSent >= limits.maxRequests) {
        skipped.push({ step, reason: `request cap of ${limits.maxRequests} reached` });
        return null;
      }
      await limiter();
      requestsSent++;
      const answer = await send(
        fetchImpl,
        url.href,
        { method, headers: origin === null ? headers : { Origin: origin, ...headers }, body },
        limits.timeoutMs,
        (name) => KEPT.test(name),
      );
      const request = { step, method, origin, ...answer };
      requests.push(request);
      options.onRequest?.({ url: url.href, request, requestsSent });
      return answer;
    };
    const jsonRpc = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
    const session = (a: McpAnswer | null) => (a ? (headerValues(a.headers, SESSION)[0] ?? null) : null);

    const preflight = await ask('preflight', 'OPTIONS', clientOrigin, {
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': MCP_CLIENT_HEADERS.join(','),
    });
    const initialize = await ask(
      'initialize',
      'POST',
      clientOrigin,
      { ...jsonRpc, 'MCP-Protocol-Version': version },
      initializeBody(version),
    );
    const sessionId = session(initialize);
    let terminatePreflight: McpAnswer | null = null;
    let terminate: McpAnswer | null = null;
    if (sessionId !== null) {
      terminatePreflight = await ask('terminate-preflight', 'OPTIONS', clientOrigin, {
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers': 'authorization,mcp-protocol-version,mcp-session-id',
      });
      // Also ends the session this probe opened.
      terminate = await ask('terminate', 'DELETE', clientOrigin, {
        [SESSION]: sessionId,
        'MCP-Protocol-Version': version,
      });
    }
    const foreign = await ask(
      'foreign-initialize',
      'POST',
      foreignOrigin,
      { ...jsonRpc, 'MCP-Protocol-Version': version },
      initializeBody(version),
    );
    const foreignSession = session(foreign);
    // A session the foreign origin was given is ended as a non-browser client would (no Origin).
    if (foreignSession !== null)
      await ask('foreign-cleanup', 'DELETE', null, { [SESSION]: foreignSession, 'MCP-Protocol-Version': version });

    const judgement = judgeMcpEndpoint({
      url: url.href,
      clientOrigin,
      foreignOrigin,
      protocolVersion: version,
      preflight: preflight ?? NOT_SENT,
      initialize: initialize ?? NOT_SENT,
      terminatePreflight,
      terminate,
      foreign,
    });
    targets.push({
      url: url.href,
      clientOrigin,
      clientOriginSource: client
        ? 'given (--trusted-origin)'
        : "default: the MCP Inspector's origin; give --trusted-origin for your own web client",
      foreignOrigin,
      protocolVersion: version,
      requests,
      ...judgement,
      skipped,
    });
  }
  return { kind: 'server-probe', profile: 'mcp', notice: PROBE_NOTICE, limits, requestsSent, targets };
}
