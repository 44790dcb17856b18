/**
 * A real MCP server for tests: the official SDK's McpServer over its Streamable HTTP transport
 * (stateful: one transport per Mcp-Session-Id), behind Express and the `cors` middleware, on
 * 127.0.0.1 with a random port. Three variants of the CORS setup a browser MCP client meets:
 * - `correct`: the client origin allowed, the four request headers allowed, Mcp-Session-Id exposed,
 *   any other Origin refused with 403 before the MCP handler (MCP spec, Streamable HTTP security warning);
 * - `session-id-hidden`: the same without Access-Control-Expose-Headers (the common mistake);
 * - `any-origin`: every Origin reflected and accepted (no Origin validation: DNS rebinding).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';

export const MCP_FIXTURE_VARIANTS = ['correct', 'session-id-hidden', 'any-origin'] as const;
export type McpFixtureVariant = (typeof MCP_FIXTURE_VARIANTS)[number];

export interface McpFixture {
  /** The MCP endpoint, e.g. http://127.0.0.1:PORT/mcp */
  url: string;
  /** Sessions currently open (the probe must end every session it opens). */
  openSessions(): number;
  close(): Promise<void>;
}

const ALLOWED_HEADERS = ['content-type', 'mcp-protocol-version', 'mcp-session-id', 'authorization', 'last-event-id'];

function toolServer(): McpServer {
  const server = new McpServer({ name: 'fixture', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes its text', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
}

/** Refuses a present, unlisted Origin with 403 before the MCP handler; requests without Origin (non-browser clients) pass. */
function originCheck(allowed: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== allowed) {
      res.status(403).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Forbidden origin' }, id: null });
      return;
    }
    next();
  };
}

export async function startMcpFixture(variant: McpFixtureVariant, clientOrigin: string): Promise<McpFixture> {
  const app = express();
  app.use(
    cors({
      origin: variant === 'any-origin' ? true : [clientOrigin],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ALLOWED_HEADERS,
      ...(variant === 'session-id-hidden' ? {} : { exposedHeaders: ['Mcp-Session-Id'] }),
    }),
  );
  if (variant !== 'any-origin') app.use(originCheck(clientOrigin));
  app.use(express.json());

  const transports = new Map<string, StreamableHTTPServerTransport>();
  const existing = (req: Request) => {
    const id = req.headers['mcp-session-id'];
    return typeof id === 'string' ? transports.get(id) : undefined;
  };
  app.post('/mcp', async (req, res) => {
    let transport = existing(req);
    if (!transport) {
      if (!isInitializeRequest(req.body)) {
        res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'No valid session' }, id: null });
        return;
      }
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      created.onclose = () => {
        if (created.sessionId) transports.delete(created.sessionId);
      };
      await toolServer().connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, req.body);
  });
  const bySession = async (req: Request, res: Response) => {
    const transport = existing(req);
    if (!transport) {
      res.status(400).send('Invalid or missing session id');
      return;
    }
    await transport.handleRequest(req, res);
  };
  app.get('/mcp', bySession);
  app.delete('/mcp', bySession);

  const server: http.Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    openSessions: () => transports.size,
    close: async () => {
      await Promise.all([...transports.values()].map((t) => t.close()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
