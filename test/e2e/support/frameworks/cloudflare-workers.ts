/**
 * Cloudflare Workers under workerd, the open-source Workers runtime (npm `workerd`, which ships its
 * binary): one workerd process, one Worker per app (the snippet as its own module, cors.js; the
 * minimal app's fetch handler wrapped with it, as the snippet says), each on its own socket.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processOnFreePorts, spawnProcess } from './child-process.ts';
import { workerdToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, AUTH_TOKEN, localUrl, PATHS, type AppSpec, type FrameworkHarness } from './types.ts';

/** A date the installed workerd supports; the Worker uses nothing newer. */
const COMPATIBILITY_DATE = '2024-09-23';

const main = (redirects: Record<string, string>) => `import { withCors } from './cors.js';

const REDIRECTS = ${JSON.stringify(redirects)};

async function minimal(request) {
  const path = new URL(request.url).pathname;
  // The authentication layer, inside the snippet's wrapper as the snippet says.
  if (path.endsWith(${JSON.stringify(PATHS.private)}) && request.headers.get('Authorization') !== ${JSON.stringify(AUTH_TOKEN)}) {
    return new Response('unauthorized', { status: 401, headers: { 'content-type': 'text/plain' } });
  }
  if (path.endsWith(${JSON.stringify(PATHS.throws)})) throw new Error('boom');
  if (path.endsWith(${JSON.stringify(PATHS.missing)})) return new Response('Not Found', { status: 404 });
  const location = REDIRECTS[path];
  if (location !== undefined) return new Response(null, { status: 302, headers: { location } });
  return new Response('ok', { headers: { 'content-type': 'text/plain' } });
}

export default { fetch: withCors(minimal) };
`;

function config(apps: AppSpec[], ports: number[]): string {
  const service = (i: number) => `(
      name = "app${i}",
      worker = (
        modules = [
          (name = "main.js", esModule = embed "app${i}/main.js"),
          (name = "cors.js", esModule = embed "app${i}/cors.js"),
        ],
        compatibilityDate = "${COMPATIBILITY_DATE}",
      ),
    )`;
  const socket = (i: number) => `(name = "s${i}", address = "127.0.0.1:${ports[i]}", http = (), service = "app${i}")`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    ${apps.map((_, i) => service(i)).join(',\n    ')}
  ],
  sockets = [
    ${apps.map((_, i) => socket(i)).join(',\n    ')}
  ],
);
`;
}

export const cloudflareWorkersHarness: FrameworkHarness = {
  framework: 'cloudflare-workers',
  label: 'Cloudflare Workers (workerd)',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods:
    "workerd's HTTP parser knows only upper-case methods and answers 'patch' with 501 before any Worker runs",
  probe: workerdToolchain,
  async start(apps, toolchain, workDir) {
    apps.forEach((a, i) => {
      fs.mkdirSync(path.join(workDir, `app${i}`));
      fs.writeFileSync(path.join(workDir, `app${i}`, 'main.js'), main(a.redirects));
      fs.writeFileSync(path.join(workDir, `app${i}`, 'cors.js'), a.snippet);
    });
    const file = path.join(workDir, 'config.capnp');
    const { server, ports } = await processOnFreePorts(
      apps.length,
      (ports) => {
        fs.writeFileSync(file, config(apps, ports));
        return spawnProcess(toolchain.executable, ['serve', file], { cwd: workDir });
      },
      /Address already in use|EADDRINUSE/i,
    );
    const byId = new Map(apps.map((a, i) => [a.id, ports[i]!]));
    return { baseUrl: (id) => localUrl(byId.get(id)!), close: () => server.stop() };
  },
};
