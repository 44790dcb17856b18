/** What the MCP probe tool may reach: loopback only, unless the user widened it when registering the server. */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseProbeHosts, refusal } from '../../../src/mcp/probe-scope.ts';

describe('the probe tool scope', () => {
  it('knows what "this machine" is', () => {
    for (const h of ['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'LOCALHOST'])
      expect([h, isLoopbackHost(h)]).toEqual([h, true]);
    for (const h of ['localhost.example.test', '128.0.0.1', '10.0.0.1', 'example.test', '127.0.0.1.nip.io'])
      expect([h, isLoopbackHost(h)]).toEqual([h, false]);
  });

  it('reaches loopback only by default, and says how to widen it', () => {
    const scope = parseProbeHosts(undefined);
    expect(refusal('http://127.0.0.1:3001/mcp', scope)).toBeNull();
    expect(refusal('https://api.example.test/mcp', scope)).toMatch(/--probe-hosts api\.example\.test/);
    expect(refusal('not a url', scope)).toMatch(/not an absolute URL/);
  });

  it('adds the hosts the user named, or any with *', () => {
    const named = parseProbeHosts('api.example.test, Staging.Example.test');
    expect(refusal('https://api.example.test/mcp', named)).toBeNull();
    expect(refusal('https://staging.example.test/', named)).toBeNull();
    expect(refusal('https://other.example.test/', named)).not.toBeNull();
    expect(refusal('https://anything.test/', parseProbeHosts('*'))).toBeNull();
  });
});
