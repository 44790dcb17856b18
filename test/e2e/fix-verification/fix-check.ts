/**
 * What the fix-verification suite checks on the wire, and how a blocked scenario becomes the
 * minimal app and the call that are replayed against the fixed server.
 */
import { hasHeaderFix } from '../../../src/cors/fix.ts';
import { combinedHeader } from '../../../src/cors/headers.ts';
import { isCorsErrorCode } from '../../../src/cors/reason-codes.ts';
import type { FixHeader, Header } from '../../../src/cors/types.ts';
import type { Origins } from '../support/origins.ts';
import type { ResolvedCall } from '../support/scenario-page.ts';
import { expandTemplate, scenarioBase } from '../support/scenario-server.ts';
import type { Scenario } from '../support/scenario-types.ts';
import type { AppSpec } from '../support/frameworks/types.ts';

/** List-valued headers and whether their items compare case-sensitively (method names do). */
const LIST_HEADERS: Record<string, { caseSensitive: boolean }> = {
  'access-control-allow-methods': { caseSensitive: true },
  'access-control-allow-headers': { caseSensitive: false },
  'access-control-expose-headers': { caseSensitive: false },
  vary: { caseSensitive: false },
};

const items = (value: string, caseSensitive: boolean) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => (caseSensitive ? v : v.toLowerCase()));

/**
 * The fix headers a response does not carry, described. A list header passes when it lists at
 * least the fix's items (a framework may allow more, e.g. Starlette adds the safelisted headers);
 * any other header must equal the fix's value.
 */
export function unmetFixHeaders(response: readonly Header[], wanted: readonly FixHeader[]): string[] {
  return wanted.flatMap((w) => {
    const sent = combinedHeader(response, w.name);
    const list = LIST_HEADERS[w.name.toLowerCase()];
    const ok =
      sent !== null &&
      (list
        ? items(w.value, list.caseSensitive).every((i) => items(sent, list.caseSensitive).includes(i))
        : sent === w.value);
    return ok ? [] : [`${w.name}: wanted '${w.value}', got ${sent === null ? 'nothing' : `'${sent}'`}`];
  });
}

export const variesOnOrigin = (headers: readonly Header[]) =>
  items(combinedHeader(headers, 'Vary') ?? '', false).includes('origin');

/** An ACAO other than `*` depends on the request's Origin, so caches must know: Vary: Origin. */
export function dynamicAcaoWithoutVary(headers: readonly Header[]): boolean {
  const acao = combinedHeader(headers, 'Access-Control-Allow-Origin');
  return acao !== null && acao !== '*' && !variesOnOrigin(headers);
}

/** The cross-origin servers a call can go to; the fixed server stands in for the one called. */
const SERVERS = ['{api}', '{api2}'] as const;
type Server = (typeof SERVERS)[number];

const serverOf = (scenario: Scenario): Server | undefined =>
  SERVERS.find((s) => scenario.calls[0]?.url.startsWith(`${s}{base}`));

/** A Location on the called server, as an absolute path (the fixed server has another port); else null. */
function sameServerPath(location: string, server: Server): string | null {
  if (location.startsWith('{base}') || location.startsWith('/')) return location;
  return location.startsWith(`${server}{base}`) ? location.slice(server.length) : null;
}

function redirectsOf(scenario: Scenario): { path: string; location: string }[] {
  return Object.entries(scenario.endpoints).flatMap(([name, endpoint]) => {
    const reply = endpoint.actual;
    const location = reply?.headers?.find(([n]) => n.toLowerCase() === 'location')?.[1];
    return reply && reply.status >= 300 && reply.status <= 399 && location !== undefined
      ? [{ path: name, location }]
      : [];
  });
}

/** The reason code Chromium blocked the scenario's call with (null: not blocked, or several calls). */
export function blockedWith(scenario: Scenario): string | null {
  const result = scenario.chromium;
  return !Array.isArray(result) && result.verdict === 'blocked' ? result.corsError : null;
}

/**
 * Why a blocked scenario cannot be replayed against one fixed server, or null when it can: the
 * fix must be a header on the server the page called, and the whole exchange must stay there.
 */
export function whyNotReplayable(scenario: Scenario): string | null {
  const code = blockedWith(scenario);
  if (code === null) return 'not one blocked call';
  if (isCorsErrorCode(code) && !hasHeaderFix(code)) return `${code} is fixed on the page, not by a server header`;
  if (scenario.from === 'sandboxed-iframe')
    return "the page has an opaque origin (Origin: null); the secure fix gives the page a real origin instead of allowing 'null'";
  if (scenario.calls.length !== 1) return 'a replay repeats one call';
  const server = serverOf(scenario);
  if (!server) return "the call starts on the page's own origin, which a fixed server cannot stand in for";
  if (redirectsOf(scenario).some((r) => sameServerPath(r.location, server) === null)) {
    return "a redirect leaves the called server (a cross-origin hop taints the Origin to 'null'; the fix is to call the final URL)";
  }
  return null;
}

/** The minimal app for a scenario: its redirects and nothing else of its CORS. */
export function appSpecFor(scenario: Scenario, origins: Origins, snippet: string): AppSpec {
  const base = scenarioBase(scenario);
  const server = serverOf(scenario)!;
  const redirects = Object.fromEntries(
    redirectsOf(scenario).map((r) => [
      `${base}/${r.path}`,
      expandTemplate(sameServerPath(r.location, server)!, { origins, base }),
    ]),
  );
  return { id: scenario.id, snippet, redirects };
}

/** The scenario's one call, sent to `serverUrl` in place of the server it names (the misbehaving one, or the fixed one). */
export function callTo(scenario: Scenario, origins: Origins, serverUrl?: string): ResolvedCall {
  const call = scenario.calls[0]!;
  const server = serverOf(scenario)!;
  const base = scenarioBase(scenario);
  const url =
    serverUrl === undefined
      ? expandTemplate(call.url, { origins, base })
      : `${serverUrl}${expandTemplate(call.url.slice(server.length), { origins, base })}`;
  return {
    ...call,
    url: new URL(url).href,
    headers: call.headers?.map(([n, v]) => [n, expandTemplate(v, { origins, base })] as const),
  };
}
