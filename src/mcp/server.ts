/**
 * `cors-inspector mcp`: CORS Inspector as a Model Context Protocol server over stdio, built on the
 * official TypeScript SDK. Each tool calls the function its CLI verb calls; stdout carries only the
 * protocol (progress goes out as MCP notifications, nothing is printed).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { packageVersion } from '../node/package-root.ts';
import { registerAnalyzeHar } from './tools/analyze-har.ts';
import { registerAudit } from './tools/audit.ts';
import { registerExplain } from './tools/explain.ts';
import { registerProbe } from './tools/probe.ts';
import type { ProbeScope } from './probe-scope.ts';

export interface McpServerOptions {
  /** Chromium for the audit tool. */
  executablePath?: string;
  /** Hosts the probe tool may reach (default: loopback only). */
  probeScope?: ProbeScope;
}

const INSTRUCTIONS =
  'CORS Inspector explains cross-origin requests the way the browser judges them. Use `explain` first when you have a console error or observed headers; `audit` to load pages in Chromium and get every cross-origin exchange with Chromium\'s reason code and the fix; `analyze_har` for a HAR; `probe` (it sends requests) to check what a server trusts, or with profile "mcp" whether a browser MCP client can use an MCP endpoint and whether it validates Origin. Each exchange includes its preflight, so never treat an OPTIONS request as the failing request. Relay the summary text to the user; the structured result has the details.';

export function createServer(options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'cors-inspector', title: 'CORS Inspector', version: packageVersion() },
    { instructions: INSTRUCTIONS },
  );
  registerExplain(server);
  registerAudit(server, options);
  registerAnalyzeHar(server);
  registerProbe(server, options.probeScope ?? { kind: 'loopback' });
  return server;
}

/** Serves over stdin/stdout until the client closes the connection. */
export async function serveStdio(options: McpServerOptions = {}): Promise<void> {
  const server = createServer(options);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  // The SDK's stdio transport does not watch for the end of stdin: the client hanging up ends the server.
  process.stdin.once('end', () => void server.close());
  await server.connect(new StdioServerTransport());
  await closed;
}
