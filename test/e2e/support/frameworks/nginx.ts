/**
 * nginx (Debian) in front of the minimal app's Node upstream (upstream.ts). The snippet's two parts
 * go where it says (the allow-list `map` into http {}, the `location` into server {}); each app gets
 * its own foreground nginx (`daemon off; master_process off;`) with a temporary prefix, because
 * every snippet declares the same `$cors_allow_origin` map.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NGINX_SERVER_PART } from '../../../../src/cors/snippets.ts';
import { acceptingConnections, freePort, processPerApp, spawnProcess, type SpawnedProcess } from './child-process.ts';
import { nginxToolchain } from './toolchains.ts';
import type { FrameworkHarness } from './types.ts';
import { startUpstream } from './upstream.ts';

/** Splits the snippet at its `server {}` marker line; everything before it belongs in http {}. */
export function nginxParts(snippet: string): { http: string; server: string } {
  const lines = snippet.split('\n');
  const at = lines.indexOf(NGINX_SERVER_PART);
  if (at < 0) throw new Error(`the nginx snippet has no "${NGINX_SERVER_PART}" line:\n${snippet}`);
  return { http: lines.slice(0, at).join('\n'), server: lines.slice(at).join('\n') };
}

function config(prefix: string, snippet: string, port: number, upstreamPort: number): string {
  const parts = nginxParts(snippet);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (t) => `    ${t}_temp_path ${path.join(prefix, t)};`,
  );
  return `daemon off;
master_process off;
worker_processes 1;
pid ${path.join(prefix, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 64; }
http {
    access_log off;
${temp.join('\n')}
    upstream backend { server 127.0.0.1:${upstreamPort}; }

${parts.http}

    server {
        listen 127.0.0.1:${port};
${parts.server}
    }
}
`;
}

/** nginx cannot report a port it got from port 0, so it gets a free one; a lost race is retried. */
async function startNginx(
  executable: string,
  prefix: string,
  snippet: string,
  upstreamPort: number,
): Promise<{ server: SpawnedProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    fs.writeFileSync(path.join(prefix, 'nginx.conf'), config(prefix, snippet, port, upstreamPort));
    const server = spawnProcess(executable, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', 'stderr'], {
      cwd: prefix,
    });
    try {
      await acceptingConnections(server, port, 10_000);
      return { server, port };
    } catch (error) {
      if (attempt >= 3 || !server.stderr().includes('Address already in use')) throw error;
    }
  }
}

export const nginxHarness: FrameworkHarness = {
  framework: 'nginx',
  label: 'nginx',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: null,
  lowerCaseMethods:
    "nginx's request-line parser accepts only upper-case methods and answers 'patch' with 400 before any location runs",
  probe: nginxToolchain,
  async start(apps, toolchain, workDir) {
    const upstream = await startUpstream(apps);
    return processPerApp(
      apps,
      (a, i) => {
        const prefix = path.join(workDir, `nginx-${i}`);
        fs.mkdirSync(prefix);
        return startNginx(toolchain.executable, prefix, a.snippet, upstream.port);
      },
      upstream.close,
    );
  },
};
