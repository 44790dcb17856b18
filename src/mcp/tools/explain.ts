/**
 * The `explain` tool, two ways in: any browser's pasted console text (the reader behind
 * `cors-inspector explain`), or the headers observed for one exchange with its preflight (the
 * engine behind every report). Both answer in the engine's reason codes, with what is unknown stated.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { explainText } from '../../cli/explain.ts';
import { explainExchange } from '../../shared/explain-exchange.ts';
import type { ReportExchange } from '../../shared/report.ts';
import { toolError, toolResult } from '../result.ts';
import { summaryExchange } from '../report-view.ts';
import { exchangeSchema, headerSchema } from '../schemas.ts';

const headers = z.array(headerSchema).default([]);

const exchangeInput = z.object({
  origin: z
    .string()
    .describe("The page's origin, e.g. http://localhost:5173 (or 'null' for a sandboxed or file: page)"),
  url: z.string().describe('The requested URL'),
  method: z.string().default('GET').describe('As the page sent it (case kept: patch stays patch)'),
  requestHeaders: headers.describe('Request headers the page set (Origin and cookies are the browser’s)'),
  credentials: z
    .enum(['omit', 'same-origin', 'include'])
    .optional()
    .describe("fetch's credentials (withCredentials = include); unknown when left out"),
  mode: z.enum(['cors', 'no-cors', 'same-origin']).optional(),
  preflight: z
    .object({
      status: z.number().int().nullable().describe('null when the OPTIONS request got no response'),
      headers: headers.describe('The OPTIONS response headers'),
      requestHeaders: headers.describe('The OPTIONS request headers (Access-Control-Request-*)'),
    })
    .nullable()
    .optional()
    .describe('The OPTIONS preflight, when one was sent'),
  redirects: z
    .array(z.object({ url: z.string(), status: z.number().int(), headers, location: z.string() }))
    .default([])
    .describe('Redirects before the final response, in order'),
  response: z
    .object({ status: z.number().int(), headers })
    .nullable()
    .optional()
    .describe('The final response, or null when none arrived'),
  outcome: z
    .enum(['failed', 'completed', 'unknown'])
    .default('unknown')
    .describe(
      'What the browser did: failed (e.g. net::ERR_FAILED, "TypeError: Failed to fetch"), completed, or unknown',
    ),
  browser: z.enum(['chromium', 'firefox']).default('chromium').describe('Whose rules to apply'),
});

const diagnosisSchema = z.looseObject({
  browser: z.enum(['chromium', 'firefox', 'webkit']),
  messages: z.array(z.string()),
  verdict: z.enum(['blocked', 'failed', 'warning', 'unknown']),
  code: z.string().nullable().describe("The engine's reason code (Chromium's CorsError name) when the text fixes one"),
  candidates: z.array(z.string()).describe('Every code the text fits'),
  url: z.string().nullable(),
  origin: z.string().nullable(),
  method: z.string().nullable(),
  status: z.number().nullable(),
  failedParameter: z.string().nullable(),
  header: z.string().nullable(),
  where: z.string().nullable(),
  title: z.string(),
  explanation: z.string(),
  howToFix: z.string(),
  fix: z.looseObject({}).nullable(),
  unknowns: z.array(z.string()).describe('What the text could not tell'),
});

function exchangeSummary(x: ReportExchange): string {
  const lines = [`${x.verdict.toUpperCase()}: ${x.method} ${x.url} from ${x.initiator}`];
  if (x.reason) lines.push(`${x.reason.code}: ${x.reason.explanation}`, x.reason.howToFix);
  else if (x.failure) lines.push(x.failure);
  if (x.assumptions.length) lines.push(`Assumed: ${x.assumptions.join(' ')}`);
  for (const f of x.findings) lines.push(`Finding (${f.severity}) ${f.code}: ${f.message}`);
  return lines.join('\n');
}

export function registerExplain(server: McpServer): void {
  server.registerTool(
    'explain',
    {
      title: 'Explain a CORS error',
      description:
        'Explain a CORS failure from either (1) `consoleText`: anything pasted from Chrome\'s, Firefox\'s or Safari\'s console ("… has been blocked by CORS policy: …", "Cross-Origin Request Blocked: … (Reason: …)", "Origin … is not allowed by Access-Control-Allow-Origin"), or (2) `exchange`: the headers observed for one request and its preflight. Returns the verdict, Chromium\'s reason code, the failing header and value, the fix, and what the input could not tell. Offline; nothing is sent anywhere.',
      inputSchema: {
        consoleText: z
          .string()
          .optional()
          .describe('Console text from any browser, as pasted (several messages are fine)'),
        exchange: exchangeInput.optional().describe('One exchange as observed: request, preflight, response'),
      },
      outputSchema: {
        input: z.enum(['console', 'exchange']),
        recognised: z.boolean().describe('false when the console text held no CORS message this tool knows'),
        console: z.object({ diagnoses: z.array(diagnosisSchema), unrecognised: z.array(z.string()) }).nullable(),
        exchange: exchangeSchema.nullable(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    async ({ consoleText, exchange }) => {
      if ((consoleText === undefined) === (exchange === undefined))
        return toolError('Give exactly one of `consoleText` (pasted console text) or `exchange` (observed headers).');
      if (consoleText !== undefined) {
        const { explanation, summary } = explainText(consoleText);
        return toolResult(summary, {
          input: 'console',
          recognised: explanation.diagnoses.length > 0,
          console: explanation,
          exchange: null,
        });
      }
      const x = explainExchange(exchange!);
      return toolResult(exchangeSummary(x), {
        input: 'exchange',
        recognised: true,
        console: null,
        exchange: summaryExchange(x),
      });
    },
  );
}
