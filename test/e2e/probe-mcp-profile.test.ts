/**
 * `cors-inspector probe --profile mcp` against the three MCP server setups (the SDK's Streamable
 * HTTP transport behind the `cors` middleware), with real Chromium as the judge: a browser MCP
 * client on the allowed origin runs initialize → a call with Mcp-Session-Id → DELETE, and a page on
 * a foreign origin tries initialize. What Chromium let each page do must be what the probe said.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, QUIET_FLAGS } from '../../src/node/chromium.ts';
import type { McpProbeResult } from '../../src/probe/mcp-profile.ts';
import { MCP_FIXTURE_VARIANTS, startMcpFixture, type McpFixtureVariant } from '../support/mcp-fixture-server.ts';
import { reportErrors } from '../support/report-schema.ts';
import { startOrigins, type Origins } from './support/origins.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/cors-inspector.js');

function probeCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'probe', '--profile', 'mcp', ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * What a page's JavaScript could do with the endpoint as a browser MCP client (runs in the page):
 * initialize, read Mcp-Session-Id, send a notification with it, end the session with DELETE.
 */
async function browserClient(arg: { url: string; version: string; full: boolean }) {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': arg.version,
    authorization: 'Bearer test-token',
  };
  const call = async (method: string, extra: Record<string, string>, body?: object): Promise<number | string> => {
    try {
      const r = await fetch(arg.url, {
        method,
        headers: { ...headers, ...extra },
        body: body ? JSON.stringify({ jsonrpc: '2.0', ...body }) : undefined,
      });
      const id = r.headers.get('mcp-session-id');
      if (id) sessionId = id;
      await r.body?.cancel();
      return r.status;
    } catch (e) {
      return String(e);
    }
  };
  let sessionId: string | null = null;
  const initialize = await call(
    'POST',
    {},
    {
      id: 1,
      method: 'initialize',
      params: { protocolVersion: arg.version, capabilities: {}, clientInfo: { name: 'page', version: '1' } },
    },
  );
  const out: Record<string, number | string> = { initialize, sessionId: sessionId ? 'read' : 'unreadable' };
  if (!arg.full || sessionId === null) return out;
  out.notify = await call('POST', { 'mcp-session-id': sessionId }, { method: 'notifications/initialized' });
  out.terminate = await call('DELETE', { 'mcp-session-id': sessionId });
  return out;
}

let origins: Origins;
let browser: Browser;
let out: string;

beforeAll(async () => {
  origins = await startOrigins();
  browser = await chromium.launch({ executablePath: findChromium(), args: QUIET_FLAGS });
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-mcp-probe-'));
});
afterAll(async () => {
  await browser?.close();
  await origins?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

describe.each(MCP_FIXTURE_VARIANTS)('the %s setup', (variant: McpFixtureVariant) => {
  it('the probe says what Chromium does', async () => {
    // The browser client's page is on origins.page; the foreign page on origins.api.
    const fixture = await startMcpFixture(variant, origins.page);
    try {
      const dir = path.join(out, variant);
      const cli = await probeCli([fixture.url, '--trusted-origin', origins.page, '--rate', '50', '--out', dir]);
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'cors-report.json'), 'utf8'));
      expect(reportErrors(report)).toEqual([]);
      const [t] = (report.probe as McpProbeResult).targets;
      expect(fixture.openSessions()).toBe(0);

      const page = await browser.newPage();
      await page.goto(`${origins.page}/page/mcp-client`);
      const client = await page.evaluate(browserClient, {
        url: fixture.url,
        version: LATEST_PROTOCOL_VERSION,
        full: true,
      });
      await page.goto(`${origins.api}/page/foreign`);
      const foreign = await page.evaluate(browserClient, {
        url: fixture.url,
        version: LATEST_PROTOCOL_VERSION,
        full: false,
      });
      await page.close();

      const browserSaw = {
        clientInitialize: client.initialize,
        sessionId: client.sessionId,
        // A client without the session id cannot go on: there is nothing to send back.
        notify: client.notify ?? 'no session id to send',
        terminate: client.terminate ?? 'no session id to send',
        foreign: foreign.initialize,
      };
      const readable = t!.sessionId === 'exposed';
      const probeSaid = {
        clientInitialize: t!.initialize.verdict === 'allowed' ? 200 : 'blocked',
        sessionId: readable ? 'read' : 'unreadable',
        notify: readable ? 202 : 'no session id to send',
        terminate: readable ? (t!.terminate?.verdict === 'allowed' ? 200 : 'blocked') : 'no session id to send',
        foreign: t!.originValidation.result === 'accepted' ? 200 : 'blocked',
      };
      // Chromium reports a blocked read as "TypeError: Failed to fetch".
      const normalised = Object.fromEntries(
        Object.entries(browserSaw).map(([k, v]) => [
          k,
          typeof v === 'string' && v.startsWith('TypeError') ? 'blocked' : v,
        ]),
      );
      expect(normalised).toEqual(probeSaid);
      expect(cli.code).toBe(variant === 'any-origin' ? 1 : 0);
      expect(t!.findings.map((f) => f.code).sort()).toEqual(
        {
          correct: [],
          'session-id-hidden': ['mcp-session-id-not-exposed'],
          'any-origin': ['mcp-origin-not-validated', 'origin-reflected'],
        }[variant],
      );
    } finally {
      await fixture.close();
    }
  });
});
