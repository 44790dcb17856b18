/**
 * Caddy (Debian caddy) in front of the minimal app's Node upstream (upstream.ts): one `caddy run`
 * with a Caddyfile holding one site block per app, the snippet inside it with a reverse_proxy to the
 * upstream, as the snippet says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processOnFreePorts, spawnProcess } from './child-process.ts';
import { caddyToolchain } from './toolchains.ts';
import type { AppSpec, FrameworkHarness } from './types.ts';
import { proxyApps } from './upstream.ts';

function caddyfile(apps: AppSpec[], ports: number[], upstreamPort: number): string {
  return [
    `{`,
    `\tadmin off`,
    `\tauto_https off`,
    `}`,
    ...apps.flatMap((a, i) => [
      `http://:${ports[i]} {`,
      `\tbind 127.0.0.1`,
      ...a.snippet.split('\n').map((line) => `\t${line}`),
      `\treverse_proxy 127.0.0.1:${upstreamPort}`,
      `}`,
    ]),
  ].join('\n');
}

export const caddyHarness: FrameworkHarness = {
  framework: 'caddy',
  label: 'Caddy',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: null,
  lowerCaseMethods: null,
  probe: caddyToolchain,
  start(apps, toolchain, workDir) {
    const file = path.join(workDir, 'Caddyfile');
    return proxyApps(apps, (upstreamPort) =>
      processOnFreePorts(
        apps.length,
        (ports) => {
          fs.writeFileSync(file, caddyfile(apps, ports, upstreamPort));
          return spawnProcess(toolchain.executable, ['run', '--config', file, '--adapter', 'caddyfile'], {
            cwd: workDir,
            // Caddy keeps state under XDG_DATA_HOME/XDG_CONFIG_HOME: the work dir, not the user's home.
            env: { XDG_DATA_HOME: workDir, XDG_CONFIG_HOME: workDir, HOME: workDir },
          });
        },
        /address already in use/,
      ),
    );
  },
};
