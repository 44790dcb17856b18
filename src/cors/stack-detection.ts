/**
 * Which server stack answered, read from the responses themselves: headers (Server, X-Powered-By,
 * Via, x-amzn-*, cf-ray, …) and, when the source saw it, the body of an error the stack wrote
 * itself ("Disallowed CORS origin", "Invalid CORS request", …). webRequest never sees bodies, so a
 * body is optional; HAR content and CDP have them. It is an inference, and says so: every result
 * carries its evidence as text, and nothing matched means no result, never a guess.
 */
import { combinedHeader } from './headers.ts';
import { BODY_SIGNALS, HEADER_SIGNALS, type SignalStrength } from './stack-signals.ts';
import { STACK_IDS, STACKS, type StackId } from './stacks.ts';
import type { Header } from './types.ts';

export interface StackEvidenceResponse {
  /** Which response of the exchange this is. */
  role: 'preflight' | 'redirect' | 'response';
  status: number;
  headers: readonly Header[];
  /** The body's beginning, when the source saw it. */
  body?: string;
}

export interface StackDetection {
  stack: StackId;
  /** "looks like FastAPI: 400 'Disallowed CORS origin' on the preflight" */
  summary: string;
  /** Each piece of evidence, as text, the strongest first. */
  evidence: string[];
  /** strong: something only this stack sends; weak: only hints several stacks share. */
  strength: SignalStrength;
}

/** Evidence quotes untrusted bytes: one line, printable, bounded. */
function quote(value: string, max = 80): string {
  const flat = value.replace(/[^\x20-\x7e]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

const where = (r: StackEvidenceResponse) =>
  r.role === 'preflight' ? ' on the preflight' : r.role === 'redirect' ? ' on a redirect' : '';

interface Found {
  stack: StackId;
  strength: SignalStrength;
  /** Bodies outrank headers: an error page is the stack speaking, a header may be a proxy's. */
  weight: number;
  text: string;
}

function bodyEvidence(r: StackEvidenceResponse): Found[] {
  const body = r.body?.trimStart().slice(0, 4096);
  if (!body) return [];
  return BODY_SIGNALS.flatMap((s) => {
    const m = s.body.exec(body);
    if (!m || (s.status && !s.status.includes(r.status))) return [];
    return [
      {
        stack: s.stack,
        strength: s.strength,
        weight: s.strength === 'strong' ? 4 : 2,
        text: `${r.status} '${quote(m[0], 60)}'${where(r)} (${s.means})`,
      },
    ];
  });
}

function headerEvidence(r: StackEvidenceResponse): Found[] {
  return HEADER_SIGNALS.flatMap((s) => {
    const value = combinedHeader(r.headers, s.header);
    if (value === null || (s.value && !s.value.test(value))) return [];
    const name = r.headers.find((h) => h.name.toLowerCase() === s.header)?.name ?? s.header;
    return [
      {
        stack: s.stack,
        strength: s.strength,
        weight: s.strength === 'strong' ? 2 : 1,
        text: `${name}: ${quote(value)}${s.means ? ` (${s.means})` : ''}`,
      },
    ];
  });
}

/** Proxies write 502/503/504 themselves when the application behind them fails or is down. */
const GATEWAY_STATUSES = [502, 503, 504];
const PROXIES: readonly StackId[] = ['nginx', 'apache', 'caddy', 'aws-cloudfront', 'aws-api-gateway'];

/**
 * The stacks the responses point at, most likely first (bodies outweigh headers, strong signals
 * weak ones; on a gateway error the proxy that wrote it comes first); [] when nothing matched.
 */
export function detectStacks(responses: readonly StackEvidenceResponse[]): StackDetection[] {
  const found = responses.flatMap((r) => {
    const gateway = GATEWAY_STATUSES.includes(r.status);
    return [...bodyEvidence(r), ...headerEvidence(r)].map((f) =>
      gateway && PROXIES.includes(f.stack) ? { ...f, weight: f.weight + 4 } : f,
    );
  });
  const byStack = new Map<StackId, Found[]>();
  for (const f of found) {
    const list = byStack.get(f.stack) ?? [];
    if (!list.some((x) => x.text === f.text)) list.push(f);
    byStack.set(f.stack, list);
  }
  const score = (list: Found[]) => list.reduce((sum, f) => sum + f.weight, 0);
  return [...byStack.entries()]
    .map(([stack, list]) => ({ stack, list: list.sort((a, b) => b.weight - a.weight), score: score(list) }))
    .sort((a, b) => b.score - a.score || STACK_IDS.indexOf(a.stack) - STACK_IDS.indexOf(b.stack))
    .map(({ stack, list }) => {
      const strength: SignalStrength = list.some((f) => f.strength === 'strong') ? 'strong' : 'weak';
      return {
        stack,
        summary: `${strength === 'strong' ? 'looks like' : 'may be'} ${STACKS[stack].name}: ${list[0]!.text}`,
        evidence: list.map((f) => f.text),
        strength,
      };
    });
}

/** The stacks in the order to offer their snippets: the detected ones first, then the rest as listed. */
export function stackOrder(detected: readonly StackDetection[]): StackId[] {
  const first = detected.map((d) => d.stack);
  return [...first, ...STACK_IDS.filter((s) => !first.includes(s))];
}
