/**
 * The `audit` tool: the CLI's audit (src/cli/audit.ts) — each URL opened in headless Chromium,
 * recorded by the same source (`source`, the CDP source by default) — with the same defaults and
 * the same outcome for the same --fail-on.
 * Progress goes to the client as MCP progress notifications (the CLI's progress lines), never to stdout, which
 * carries the protocol.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { AUDIT_DEFAULTS, audit } from '../../cli/audit.ts';
import { type Progress, pageLine } from '../../cli/progress.ts';
import { DEFAULT_SOURCE } from '../../node/inspector.ts';
import { errorMessage, toolError, toolResult } from '../result.ts';
import { reportText, reportView } from '../report-view.ts';
import { exchangeSchema, outcomeSchema, reportInputs, summarySchema } from '../schemas.ts';

/** Pages are visited one after another; a longer list belongs in a CI job (`cors-inspector audit`). */
export const MAX_AUDIT_URLS = 20;

const httpUrl = z.string().refine((v) => /^https?:$/.test(URL.canParse(v) ? new URL(v).protocol : ''), {
  message: 'must be an absolute http(s) URL, e.g. http://127.0.0.1:8080/',
});

export interface AuditToolOptions {
  /** Chromium to launch (the `mcp` verb's --executable-path); default: CHROMIUM_PATH, /usr/bin/chromium, … */
  executablePath?: string;
}

export function registerAudit(server: McpServer, options: AuditToolOptions): void {
  server.registerTool(
    'audit',
    {
      title: 'Audit pages in Chromium',
      description: `Open each URL in headless Chromium with CORS Inspector recording, wait until the network is idle, and return every cross-origin request the pages made: the browser's verdict, Chromium's reason code, the failing header and value, the fix, and findings. A preflight is part of its request, never a separate entry. About 2–5 s per page, at most ${MAX_AUDIT_URLS} URLs; the same engine, defaults and outcome as \`cors-inspector audit\`. Loads the pages, so their scripts run.`,
      inputSchema: {
        urls: z.array(httpUrl).min(1).max(MAX_AUDIT_URLS).describe('Pages to visit (http or https)'),
        idleMs: z.number().int().min(0).default(AUDIT_DEFAULTS.idleMs).describe('Network quiet time that ends a page'),
        timeoutMs: z.number().int().min(1).default(AUDIT_DEFAULTS.timeoutMs).describe('Longest wait per page'),
        source: z
          .enum(['cdp', 'extension'])
          .default(DEFAULT_SOURCE)
          .describe(
            "Who records: 'cdp' (a DevTools-protocol session on each page, with Chromium's own verdict) or 'extension' (the extension's webRequest capture)",
          ),
        pageObserver: z
          .boolean()
          .default(true)
          .describe(
            'Extension source: observe fetch/XHR in the page (request mode, credentials mode, calls refused before sending); the cdp source never touches pages',
          ),
        ...reportInputs,
      },
      outputSchema: {
        tool: z.object({ name: z.string(), version: z.string() }),
        browser: z.object({ name: z.string(), version: z.string() }),
        summary: summarySchema,
        exchanges: z.array(exchangeSchema),
        pages: z.array(
          z.object({ url: z.string(), ok: z.boolean(), error: z.string().nullable(), exchanges: z.number() }),
        ),
        outcome: outcomeSchema,
        files: z.array(z.string()).describe('Report files written to outDir'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true, idempotentHint: true },
    },
    async ({ urls, idleMs, timeoutMs, source, pageObserver, ...o }, extra) => {
      const progressToken = extra._meta?.progressToken;
      let done = 0;
      let total = 0;
      // Each finished page as MCP progress (a client may keep a long call alive on them).
      const progress: Progress = {
        setTotal: (n) => {
          total = n;
        },
        pageDone: (page) => {
          if (progressToken === undefined) return;
          void extra
            .sendNotification({
              method: 'notifications/progress',
              params: { progressToken, progress: ++done, total, message: pageLine(page) },
            })
            .catch(() => undefined);
        },
        stop: () => undefined,
      };
      try {
        const { report, records } = await audit(urls, {
          idleMs,
          timeoutMs,
          headed: false,
          includeSensitive: o.includeSensitive,
          executablePath: options.executablePath,
          pageObserver,
          source,
          concurrency: 1,
          crawl: null,
          progress,
        });
        const pages = (report.pages ?? []).map((p) => ({
          url: p.url,
          ok: p.ok,
          error: p.error,
          exchanges: p.exchanges,
        }));
        const { outcome, structured } = reportView(report, records, o);
        const unreachable = pages.filter((p) => !p.ok);
        const heading = `Audited ${pages.length} page(s) in Chromium${unreachable.length ? `; ${unreachable.length} could not be loaded: ${unreachable.map((p) => `${p.url} (${p.error})`).join(', ')}` : ''}.`;
        return toolResult(reportText(heading, report, outcome), { ...structured, pages });
      } catch (e) {
        return toolError(`audit failed: ${errorMessage(e)}`);
      }
    },
  );
}
