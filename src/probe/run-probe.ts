/**
 * The active probe: sends crafted Origin headers from Node to the given URLs only, within a rate and
 * a request cap, and reports which origins each server trusts. It is opt-in (CLI `probe` verb).
 */
import { randomUUID } from 'node:crypto';
import {
  craftedOriginFindings,
  isTrusted,
  type CraftedAttempt,
  type CraftedKind,
  type CraftedRequest,
} from '../cors/findings/index.ts';
import type { Finding } from '../cors/types.ts';
import { httpUrl, resolveLimits, type ProbeLimits, type ProbeOptions } from './options.ts';
import { planPayloads } from './payloads.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { sendCrafted } from './transport.ts';

/** Printed with every result: what this is and what it is not. */
export const PROBE_NOTICE =
  'Server probe: these requests were sent from Node with crafted Origin headers, not by a browser. ' +
  'They show which origins the server trusts; what a browser allows also depends on its own rules ' +
  "(credentials mode, preflight cache, cookies' SameSite, Local Network Access), which this probe does not apply.";

export interface ProbeAttempt extends CraftedAttempt {
  /** A browser on the crafted origin would pass the Access-Control-Allow-Origin check. */
  trusted: boolean;
}

export interface ProbeTarget {
  url: string;
  /** The legitimate origin the crafted ones imitate. */
  referenceOrigin: string;
  attempts: ProbeAttempt[];
  /** Crafted origins not sent, and why (request cap reached, impossible for this host). */
  skipped: { kind: CraftedKind; origin: string; reason: string }[];
  findings: Finding[];
}

export interface ProbeResult {
  kind: 'server-probe';
  notice: string;
  limits: ProbeLimits;
  requestsSent: number;
  targets: ProbeTarget[];
}

export interface ProbeProgress {
  url: string;
  attempt: ProbeAttempt;
  requestsSent: number;
}

export interface ProbeRunOptions extends ProbeOptions {
  /** Called after each request, e.g. for the CLI's progress line. */
  onAttempt?: (progress: ProbeProgress) => void;
}

/**
 * Probes each URL (duplicates once). Throws ProbeUrlError before sending anything when a URL is
 * not http(s), and RangeError for impossible limits.
 */
export async function runProbe(urls: readonly string[], options: ProbeRunOptions = {}): Promise<ProbeResult> {
  const limits = resolveLimits(options);
  const parsed = urls
    .map((u) => httpUrl(u, 'target'))
    .filter((u, i, all) => all.findIndex((v) => v.href === u.href) === i);
  if (parsed.length === 0) throw new RangeError('runProbe needs at least one URL');
  const trusted = options.trustedOrigin === undefined ? null : httpUrl(options.trustedOrigin, 'trusted origin');
  const fetchImpl = options.fetch ?? fetch;
  const token = randomUUID().slice(0, 8);

  const plans: Plan[] = parsed.map((url) => {
    const reference = trusted ?? url;
    const plan = planPayloads(reference, token);
    return {
      target: {
        url: url.href,
        referenceOrigin: reference.origin,
        attempts: [],
        skipped: [...plan.unusable],
        findings: [],
      },
      queue: plan.requests,
    };
  });

  const limiter = createRateLimiter(limits.ratePerSecond);
  let requestsSent = 0;
  // Round-robin over the URLs so that, under the cap, every URL gets its most telling checks first.
  for (const { target, request } of interleave(plans)) {
    if (requestsSent >= limits.maxRequests) {
      target.skipped.push({
        kind: request.kind,
        origin: request.origin,
        reason: `request cap of ${limits.maxRequests} reached`,
      });
      continue;
    }
    await limiter();
    requestsSent++;
    const sent = await sendCrafted(fetchImpl, target.url, request, limits.timeoutMs);
    const attempt = { ...sent, trusted: isTrusted(sent) };
    target.attempts.push(attempt);
    options.onAttempt?.({ url: target.url, attempt, requestsSent });
  }
  for (const { target } of plans)
    target.findings = craftedOriginFindings(target.url, target.referenceOrigin, target.attempts);

  return { kind: 'server-probe', notice: PROBE_NOTICE, limits, requestsSent, targets: plans.map((p) => p.target) };
}

interface Plan {
  target: ProbeTarget;
  /** Crafted requests in priority order. */
  queue: CraftedRequest[];
}

function* interleave(plans: readonly Plan[]): Generator<{ target: ProbeTarget; request: CraftedRequest }> {
  const longest = Math.max(...plans.map((p) => p.queue.length));
  for (let i = 0; i < longest; i++) {
    for (const { target, queue } of plans) {
      const request = queue[i];
      if (request) yield { target, request };
    }
  }
}

/** Plain findings per probed URL, ready to join a report next to the captured exchanges. */
export function probeFindingsByUrl(result: ProbeResult): { url: string; findings: Finding[] }[] {
  return result.targets.map((t) => ({ url: t.url, findings: t.findings }));
}
