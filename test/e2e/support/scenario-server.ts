/**
 * Serves a scenario's endpoints on the loopback origins: OPTIONS gets the declared preflight reply,
 * every other method the declared actual reply, with templates expanded and repeated headers kept
 * as separate header lines (Node writes a flat [name, value, …] array verbatim).
 */
import type http from 'node:http';
import type { Origins } from './origins.ts';
import type { ResolvedCall } from './scenario-page.ts';
import type { Endpoint, HeaderList, Reply, Scenario } from './scenario-types.ts';

/** Values the templates refer to. */
export interface TemplateContext {
  origins: Pick<Origins, 'page' | 'api' | 'api2'>;
  base: string;
  /** The request's Origin header, for `{origin}` (reflection). */
  requestOrigin?: string;
}

export function scenarioBase(scenario: Pick<Scenario, 'id'>): string {
  return `/s/${scenario.id}`;
}

/** Replaces `{page}`, `{api}`, `{api2}`, `{page-host}`, `{api-host}`, `{api2-host}`, `{base}`, `{origin}`. */
export function expandTemplate(template: string, ctx: TemplateContext): string {
  const { page, api, api2 } = ctx.origins;
  const values: Record<string, string> = {
    page,
    api,
    api2,
    'page-host': new URL(page).host,
    'api-host': new URL(api).host,
    'api2-host': new URL(api2).host,
    base: ctx.base,
    origin: ctx.requestOrigin ?? '',
  };
  return template.replace(/\{([a-z0-9-]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

const REFUSE_PREFLIGHT: Reply = { status: 405 };
const PLAIN_OK: Reply = { status: 200, body: 'ok' };

function flatHeaders(headers: HeaderList | undefined, ctx: TemplateContext): string[] {
  return (headers ?? []).flatMap(([name, value]) => [name, expandTemplate(value, ctx)]);
}

function answer(res: http.ServerResponse, reply: Reply, ctx: TemplateContext): void {
  res.writeHead(reply.status, flatHeaders(reply.headers, ctx));
  res.end(reply.body ?? '');
}

function handlerFor(endpoint: Endpoint, ctx: Omit<TemplateContext, 'requestOrigin'>) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestOrigin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const reply = req.method === 'OPTIONS' ? (endpoint.preflight ?? REFUSE_PREFLIGHT) : (endpoint.actual ?? PLAIN_OK);
    answer(res, reply, { ...ctx, requestOrigin });
  };
}

/** Registers every endpoint of the scenario at `/s/<id>/<name>`. */
export function serveScenario(origins: Origins, scenario: Pick<Scenario, 'id' | 'endpoints'>): void {
  const base = scenarioBase(scenario);
  for (const [name, endpoint] of Object.entries(scenario.endpoints)) {
    origins.route(`${base}/${name}`, handlerFor(endpoint, { origins, base }));
  }
}

/** The scenario's calls with their URL and header templates expanded for these origins. */
export function resolveCalls(scenario: Scenario, origins: Pick<Origins, 'page' | 'api' | 'api2'>): ResolvedCall[] {
  const base = scenarioBase(scenario);
  return scenario.calls.map((c) => ({
    ...c,
    url: new URL(expandTemplate(c.url, { origins, base })).href,
    headers: c.headers?.map(([n, v]) => [n, expandTemplate(v, { origins, base })] as const),
  }));
}
