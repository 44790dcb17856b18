/**
 * The `analyze_har` tool: a HAR exported from Chrome, Firefox or Playwright (a path or the JSON
 * itself) judged offline by the engine, exactly as `cors-inspector analyze` does.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { analyzeHars, fileSource, textSource } from '../../cli/analyze.ts';
import { errorMessage, toolError, toolResult } from '../result.ts';
import { reportText, reportView } from '../report-view.ts';
import { exchangeSchema, outcomeSchema, reportInputs, summarySchema } from '../schemas.ts';

const OFFLINE_NOTICE =
  'Offline analysis: HARs often leave out preflights and never record the CORS reason; guesses are marked on each exchange (confidence, assumptions).';

export function registerAnalyzeHar(server: McpServer): void {
  server.registerTool(
    'analyze_har',
    {
      title: 'Analyze a HAR file',
      description:
        "Judge every cross-origin exchange in a HAR (exported from Chrome, Firefox or Playwright) with CORS Inspector's engine, offline: verdict, Chromium's reason code, failing header and value, the fix and findings. Give `paths` (HAR files on this machine) or `content` (the HAR JSON). Preflights are folded into their requests. Same engine and outcome as `cors-inspector analyze`.",
      inputSchema: {
        paths: z.array(z.string()).min(1).optional().describe('HAR files to read'),
        content: z.string().optional().describe('The HAR JSON itself, instead of paths'),
        ...reportInputs,
      },
      outputSchema: {
        tool: z.object({ name: z.string(), version: z.string() }),
        browser: z.object({ name: z.string(), version: z.string() }),
        summary: summarySchema,
        exchanges: z.array(exchangeSchema),
        outcome: outcomeSchema,
        files: z.array(z.string()).describe('Report files written to outDir'),
        notice: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    async ({ paths, content, ...o }) => {
      if ((paths === undefined) === (content === undefined))
        return toolError('Give exactly one of `paths` (HAR files) or `content` (the HAR JSON).');
      try {
        const sources = content !== undefined ? [textSource('content', content)] : paths!.map(fileSource);
        const { report, records } = await analyzeHars(sources, o.includeSensitive);
        const { outcome, structured } = reportView(report, records, o);
        const heading = `Analyzed ${sources.length} HAR file(s) offline. ${OFFLINE_NOTICE}`;
        return toolResult(reportText(heading, report, outcome), { ...structured, notice: OFFLINE_NOTICE });
      } catch (e) {
        return toolError(errorMessage(e));
      }
    },
  );
}
