/**
 * The `probe` tool: the CLI's opt-in server probe (src/cli/probe.ts), with its limits (request cap,
 * rate, timeout) and its outcome for the same --fail-on, and one more safety: it reaches loopback
 * hosts only unless the user widened it when registering the server (probe-scope.ts).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { describeFailOn, parseFailOn } from '../../cli/fail-on.ts';
import { EXIT } from '../../cli/exit-codes.ts';
import { PROBE_PROFILES, probe, probeFailing, probeSummary, unanswered } from '../../cli/probe.ts';
import { PROBE_DEFAULTS } from '../../probe/index.ts';
import { refusal, type ProbeScope } from '../probe-scope.ts';
import { errorMessage, toolError, toolResult } from '../result.ts';
import { findingSchema, outcomeSchema } from '../schemas.ts';

/** Each URL gets its own set of requests; more belongs in `cors-inspector probe`. */
export const MAX_PROBE_URLS = 10;

export function registerProbe(server: McpServer, scope: ProbeScope): void {
  const reach =
    scope.kind === 'any'
      ? 'any host'
      : scope.kind === 'hosts'
        ? `loopback hosts and ${scope.hosts.join(', ')}`
        : 'loopback hosts only (localhost, 127.0.0.0/8, [::1]) unless the server is started with --probe-hosts';
  server.registerTool(
    'probe',
    {
      title: 'Probe a server’s CORS policy (sends requests)',
      description: `Send requests from Node with crafted Origin headers and report what the server trusts (profile "origins"), or check an MCP Streamable HTTP endpoint (profile "mcp"): can a browser MCP client use it (a preflight for Content-Type, MCP-Protocol-Version, Mcp-Session-Id, Authorization; Mcp-Session-Id exposed), and does it refuse a foreign Origin with 403 (DNS rebinding). Rate-limited (default ${PROBE_DEFAULTS.ratePerSecond}/s), at most ${PROBE_DEFAULTS.maxRequests} requests by default, never follows links or redirects; reaches ${reach}. These are not a browser's requests: the result says what the server trusts.`,
      inputSchema: {
        urls: z.array(z.string()).min(1).max(MAX_PROBE_URLS).describe('Endpoints to probe (http or https)'),
        profile: z.enum(PROBE_PROFILES).default('origins'),
        trustedOrigin: z
          .string()
          .optional()
          .describe(
            "origins: the origin the site serves pages from; mcp: the browser client's origin (default http://localhost:6274, the MCP Inspector)",
          ),
        maxRequests: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe(`Total request cap (default ${PROBE_DEFAULTS.maxRequests})`),
        rate: z
          .number()
          .positive()
          .optional()
          .describe(`Requests per second (default ${PROBE_DEFAULTS.ratePerSecond})`),
        timeoutMs: z.number().int().min(1).optional().describe(`Per request (default ${PROBE_DEFAULTS.timeoutMs})`),
        failOn: z
          .string()
          .default('finding:high')
          .describe('As the CLI --fail-on: finding:high|medium|low|info | never'),
      },
      outputSchema: {
        kind: z.literal('server-probe'),
        profile: z.enum(PROBE_PROFILES),
        notice: z.string(),
        limits: z.object({ maxRequests: z.number(), ratePerSecond: z.number(), timeoutMs: z.number() }),
        requestsSent: z.number(),
        targets: z.array(z.looseObject({ url: z.string(), findings: z.array(findingSchema) })),
        outcome: outcomeSchema,
      },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true, idempotentHint: false },
    },
    async ({ urls, profile, trustedOrigin, maxRequests, rate, timeoutMs, failOn }, extra) => {
      const refused = urls.map((u) => refusal(u, scope)).filter((r) => r !== null);
      if (refused.length) return toolError(`Nothing was sent. ${refused.join('; ')}.`);
      const progressToken = extra._meta?.progressToken;
      let step = 0;
      try {
        const rule = parseFailOn(failOn);
        const { result } = await probe(urls, {
          profile,
          trustedOrigin,
          maxRequests,
          rate,
          timeoutMs,
          log: (message) => {
            if (progressToken === undefined) return;
            step++;
            void extra
              .sendNotification({
                method: 'notifications/progress',
                params: { progressToken, progress: step, message },
              })
              .catch(() => undefined);
          },
        });
        const failing = probeFailing(result, rule);
        const unchecked = unanswered(result).map((u) => `${u.url} (Origin: ${u.origin}): ${u.error}`);
        const outcome = {
          exitCode: failing.length ? EXIT.failed : unchecked.length ? EXIT.unchecked : EXIT.clean,
          failOn: describeFailOn(rule),
          failing: failing.length ? `${failing.length} finding(s) of severity ${rule.findings} or higher` : null,
          unchecked,
        };
        const summary = `${probeSummary(result)}\n${result.notice}\n${
          outcome.failing
            ? `Outcome: fails (--fail-on ${outcome.failOn}): ${outcome.failing}; the CLI would exit ${EXIT.failed}.`
            : unchecked.length
              ? `Outcome: ${unchecked.length} request(s) got no answer, so this is not a pass; the CLI would exit ${EXIT.unchecked} (0 with --allow-unreachable).`
              : `Outcome: passes (--fail-on ${outcome.failOn}); the CLI would exit ${EXIT.clean}.`
        }`;
        return toolResult(summary, { ...result, profile, outcome });
      } catch (e) {
        return toolError(errorMessage(e));
      }
    },
  );
}
