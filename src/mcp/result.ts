/**
 * Every tool answers the same way: a short human summary for the agent to relay, the structured
 * result (validated against the tool's output schema), and that result as JSON text for clients
 * that read only text (the MCP spec asks tools with structured content to include it).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export function toolResult(summary: string, structured: Record<string, unknown>): CallToolResult {
  return {
    content: [
      { type: 'text', text: summary },
      { type: 'text', text: JSON.stringify(structured) },
    ],
    structuredContent: structured,
  };
}

/** A tool-level failure the agent can act on (bad input, no browser): never a stack trace. */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** The first line of an error, the way the CLI reports it. */
export function errorMessage(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}
