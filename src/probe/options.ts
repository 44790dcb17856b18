/** The probe's limits (documented defaults), and the refusal of anything that is not an http(s) URL. */
import { quote } from '../cors/headers.ts';
import type { ProbeFetch } from './transport.ts';

/**
 * Defaults: at most 100 requests in all (about 15 per URL, so 6 URLs are probed fully), 5 requests
 * per second, 10 s per request. Lower them for fragile servers; the CLI exposes each as a flag.
 */
export const PROBE_DEFAULTS = { maxRequests: 100, ratePerSecond: 5, timeoutMs: 10_000 } as const;

export interface ProbeLimits {
  /** Total requests across all URLs; crafted origins beyond it are reported as skipped. */
  maxRequests: number;
  /** Request starts per second, across all URLs. */
  ratePerSecond: number;
  /** Time allowed for each response's headers. */
  timeoutMs: number;
}

export interface ProbeOptions extends Partial<ProbeLimits> {
  /** The origin the site legitimately serves pages from; crafted origins imitate its host. Default: each URL's own origin. */
  trustedOrigin?: string;
  /** The HTTP client (default: Node's fetch). Must not follow redirects itself. */
  fetch?: ProbeFetch;
}

/** Thrown before any request is sent when a URL (or the trusted origin) is not http(s). */
export class ProbeUrlError extends Error {
  override name = 'ProbeUrlError';
}

export function resolveLimits(options: ProbeOptions): ProbeLimits {
  const limits = { ...PROBE_DEFAULTS, ...definedOnly(options) };
  if (!Number.isInteger(limits.maxRequests) || limits.maxRequests < 1)
    throw new RangeError(`maxRequests must be a whole number of at least 1 (got ${limits.maxRequests})`);
  if (!Number.isFinite(limits.ratePerSecond) || limits.ratePerSecond <= 0)
    throw new RangeError(`ratePerSecond must be a number above 0 (got ${limits.ratePerSecond})`);
  if (!Number.isInteger(limits.timeoutMs) || limits.timeoutMs < 1)
    throw new RangeError(`timeoutMs must be a whole number of at least 1 (got ${limits.timeoutMs})`);
  return { maxRequests: limits.maxRequests, ratePerSecond: limits.ratePerSecond, timeoutMs: limits.timeoutMs };
}

function definedOnly(options: ProbeOptions): Partial<ProbeLimits> {
  const out: Partial<ProbeLimits> = {};
  for (const key of ['maxRequests', 'ratePerSecond', 'timeoutMs'] as const)
    if (options[key] !== undefined) out[key] = options[key];
  return out;
}

/** Parses an http(s) URL or explains the refusal. */
export function httpUrl(value: string, role: 'target' | 'trusted origin'): URL {
  const subject =
    role === 'target' ? `Refusing to probe ${quote(value)}` : `Refusing the trusted origin ${quote(value)}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProbeUrlError(`${subject}: it is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProbeUrlError(`${subject}: only http: and https: are allowed, not ${url.protocol}`);
  }
  return url;
}
