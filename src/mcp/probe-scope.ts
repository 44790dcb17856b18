/**
 * Which hosts the MCP `probe` tool may send requests to. An agent can call a tool on its own, so
 * the probe reaches loopback only (a developer's own servers) unless the user who registered the
 * server widened it with `cors-inspector mcp --probe-hosts <host,…>` (or `*`).
 */

export type ProbeScope = { kind: 'loopback' } | { kind: 'hosts'; hosts: string[] } | { kind: 'any' };

export function parseProbeHosts(value: string | undefined): ProbeScope {
  if (value === undefined || value.trim() === '') return { kind: 'loopback' };
  const hosts = value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return hosts.includes('*') ? { kind: 'any' } : { kind: 'hosts', hosts };
}

/** localhost, *.localhost, 127.0.0.0/8 and [::1]: what a URL's hostname means by "this machine". */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '[::1]';
}

/** Null when the URL may be probed, else why not (with what to do). */
export function refusal(url: string, scope: ProbeScope): string | null {
  if (!URL.canParse(url)) return `${url} is not an absolute URL`;
  const host = new URL(url).hostname;
  if (scope.kind === 'any' || isLoopbackHost(host)) return null;
  if (scope.kind === 'hosts' && scope.hosts.includes(host)) return null;
  return `${host} is not a loopback host; the probe tool reaches only this machine unless the server was started with --probe-hosts ${host} (or '*'), which the user sets in the MCP client's configuration`;
}
