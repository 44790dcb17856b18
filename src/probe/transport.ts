/** Sends one crafted request and keeps only what the findings need. Never follows a redirect. */
import type { CraftedAttempt, CraftedRequest } from '../cors/findings/index.ts';
import type { Header } from '../cors/types.ts';

/** The slice of `fetch` the probe uses; Node's global fetch satisfies it. */
export type ProbeFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; redirect: 'manual'; signal: AbortSignal },
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
  const headers: Record<string, string> = { Origin: request.origin, 'User-Agent': PROBE_USER_AGENT };
  if (request.requestMethod) headers['Access-Control-Request-Method'] = request.requestMethod;
  try {
    const response = await fetchImpl(url, {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseHeaders: Header[] = [];
    response.headers.forEach((value, name) => {
      if (kept(name.toLowerCase())) responseHeaders.push({ name, value });
    });
    // Only the headers matter; dropping the body frees the connection at once.
    await response.body?.cancel().catch(() => undefined);
    return { request, status: response.status, headers: responseHeaders, error: null };
  } catch (error) {
    return { request, status: null, headers: [], error: describeError(error, timeoutMs) };
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no response within ${timeoutMs} ms`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message ?? 'unknown cause'})` : error.message;
}
