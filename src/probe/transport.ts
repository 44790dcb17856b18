/** Sends one crafted request and keeps only what the findings need. Never follows a redirect. */
import type { CraftedAttempt, CraftedRequest } from '../cors/findings/index.ts';
import type { Header } from '../cors/types.ts';

/** The slice of `fetch` the probe uses; Node's global fetch satisfies it. */
export type ProbeFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; redirect: 'manual'; signal: AbortSignal },
) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  body?: { cancel(): Promise<void> } | null;
}>;

/** Says who is knocking, so a server's logs explain the odd Origins. */
export const PROBE_USER_AGENT = 'cors-inspector-probe (+server CORS policy probe)';

const kept = (name: string) => name.startsWith('access-control-') || name === 'vary' || name === 'location';

export async function sendCrafted(
  fetchImpl: ProbeFetch,
  url: string,
  request: CraftedRequest,
  timeoutMs: number,
): Promise<CraftedAttempt> {
  const headers: Record<string, string> = { Origin: request.origin };
  if (request.requestMethod) headers['Access-Control-Request-Method'] = request.requestMethod;
  return { request, ...(await send(fetchImpl, url, { method: request.method, headers }, timeoutMs, kept)) };
}

export interface ProbeAnswer {
  /** Null when no response arrived. */
  status: number | null;
  headers: Header[];
  error: string | null;
}

/**
 * Sends one request (with the probe's User-Agent) and keeps the status and the response headers
 * `keep` selects (default: all). The body is dropped unread: only the headers matter.
 */
export async function send(
  fetchImpl: ProbeFetch,
  url: string,
  request: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  keep: (lowerCaseName: string) => boolean = () => true,
): Promise<ProbeAnswer> {
  try {
    const response = await fetchImpl(url, {
      method: request.method,
      headers: { ...request.headers, 'User-Agent': PROBE_USER_AGENT },
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseHeaders: Header[] = [];
    response.headers.forEach((value, name) => {
      if (keep(name.toLowerCase())) responseHeaders.push({ name, value });
    });
    // Dropping the body frees the connection at once (an MCP endpoint may answer with an event stream).
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status, headers: responseHeaders, error: null };
  } catch (error) {
    return { status: null, headers: [], error: describeError(error, timeoutMs) };
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no response within ${timeoutMs} ms`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message ?? 'unknown cause'})` : error.message;
}
