/**
 * Apache httpd (Debian apache2) in front of the minimal app's Node upstream (upstream.ts): one
 * foreground server (-X) with its own minimal configuration, one <VirtualHost> per app with the
 * snippet inside it (server context, as the snippet says) and a ProxyPass to the upstream.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processOnFreePorts, spawnProcess } from './child-process.ts';
import { apacheToolchain } from './toolchains.ts';
import type { AppSpec, FrameworkHarness } from './types.ts';
import { proxyApps } from './upstream.ts';

const MODULES = '/usr/lib/apache2/modules';
const LOADED = [
  ['mpm_event_module', 'mod_mpm_event.so'],
  ['authz_core_module', 'mod_authz_core.so'],
  ['headers_module', 'mod_headers.so'],
  ['rewrite_module', 'mod_rewrite.so'],
  ['setenvif_module', 'mod_setenvif.so'],
  ['proxy_module', 'mod_proxy.so'],
  ['proxy_http_module', 'mod_proxy_http.so'],
];

function config(workDir: string, apps: AppSpec[], ports: number[], upstreamPort: number): string {
  // Started as root, httpd switches its workers to User/Group; elsewhere it stays who it is.
  const user = process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : [];
  return [
    `ServerRoot ${workDir}`,
    `DefaultRuntimeDir ${workDir}`,
    `PidFile ${path.join(workDir, 'httpd.pid')}`,
    // Node's stdio pipes are sockets, which httpd cannot open as /dev/stderr.
    `ErrorLog ${path.join(workDir, 'error.log')}`,
    `LogLevel error`,
    `ServerName localhost`,
    ...user,
    ...LOADED.map(([name, file]) => `LoadModule ${name} ${path.join(MODULES, file!)}`),
    ...ports.map((port) => `Listen 127.0.0.1:${port}`),
    ...apps.flatMap((a, i) => [
      `<VirtualHost 127.0.0.1:${ports[i]}>`,
      a.snippet,
      `ProxyPass / http://127.0.0.1:${upstreamPort}/`,
      `</VirtualHost>`,
    ]),
  ].join(os.EOL);
}

export const apacheHarness: FrameworkHarness = {
  framework: 'apache',
  label: 'Apache httpd',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: null,
  lowerCaseMethods: null,
  probe: apacheToolchain,
  start(apps, toolchain, workDir) {
    const file = path.join(workDir, 'httpd.conf');
    return proxyApps(apps, (upstreamPort) =>
      processOnFreePorts(
        apps.length,
        (ports) => {
          fs.writeFileSync(file, config(workDir, apps, ports, upstreamPort));
          return spawnProcess(toolchain.executable, ['-X', '-f', file, '-d', workDir], { cwd: workDir });
        },
        /Address already in use/,
      ),
    );
  },
};
