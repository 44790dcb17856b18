/**
 * Next.js (npm frameworks folder): one app, built once with `next build` and served by `next
 * start`, hosts every snippet. Each snippet is its own module (`cors/c<i>.ts`, unedited, its own
 * allow-list and `config`); the project's proxy.ts only hands each request to the snippet of the app
 * its path belongs to (`/__app/<i>/...`), as the Go harness's main package does. The minimal app is
 * one catch-all route handler whose authentication check runs in the handler, after the proxy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processOnFreePorts, spawnProcess } from './child-process.ts';
import { FRAMEWORKS_NODE_MODULES, nextjsToolchain } from './toolchains.ts';
import {
  APP_NOT_A_GATEWAY,
  AUTH_TOKEN,
  localUrl,
  PATHS,
  type AppSpec,
  type FrameworkHarness,
  type RunningApps,
} from './types.ts';

const prefixOf = (i: number) => `/__app/${i}`;

const proxy = (apps: AppSpec[]) => `import { NextResponse, type NextRequest } from 'next/server';
${apps.map((_, i) => `import { proxy as p${i} } from './cors/c${i}';`).join('\n')}

const APPS: ((request: NextRequest) => Response) [] = [${apps.map((_, i) => `p${i}`).join(', ')}];

export function proxy(request: NextRequest) {
  const app = /^\\/__app\\/(\\d+)\\//.exec(request.nextUrl.pathname)?.[1];
  return app === undefined ? NextResponse.next() : APPS[Number(app)]!(request);
}
`;

const route = (redirects: Record<string, string>) => `import { notFound } from 'next/navigation';

const REDIRECTS = ${JSON.stringify(redirects)};

async function minimal(request) {
  const path = new URL(request.url).pathname;
  if (path.endsWith(${JSON.stringify(PATHS.private)}) && request.headers.get('authorization') !== ${JSON.stringify(AUTH_TOKEN)}) {
    return new Response('unauthorized', { status: 401, headers: { 'content-type': 'text/plain' } });
  }
  if (path.endsWith(${JSON.stringify(PATHS.throws)})) throw new Error('boom');
  if (path.endsWith(${JSON.stringify(PATHS.missing)})) notFound(); // Next.js's own 404
  const location = REDIRECTS[path];
  if (location !== undefined) return new Response(null, { status: 302, headers: { location } });
  return new Response('ok', { headers: { 'content-type': 'text/plain' } });
}

export const dynamic = 'force-dynamic';
export const GET = minimal;
export const HEAD = minimal;
export const POST = minimal;
export const PUT = minimal;
export const PATCH = minimal;
export const DELETE = minimal;
`;

export const nextjsHarness: FrameworkHarness = {
  framework: 'nextjs',
  label: 'Next.js (proxy.ts)',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: "Node's HTTP parser (llhttp) knows only upper-case methods and answers 'patch' with a bare 400",
  probe: nextjsToolchain,
  async start(apps, toolchain) {
    // Turbopack compiles nothing outside the workspace root, the folder of the nearest lockfile:
    // the app is built inside the npm frameworks folder, next to the node_modules it uses.
    const workDir = fs.mkdtempSync(path.join(FRAMEWORKS_NODE_MODULES, '..', 'next-app-'));
    const remove = () => fs.rmSync(workDir, { recursive: true, force: true });
    try {
      return await buildAndStart(apps, toolchain.executable, workDir, remove);
    } catch (error) {
      remove();
      throw error;
    }
  },
};

async function buildAndStart(
  apps: AppSpec[],
  executable: string,
  workDir: string,
  remove: () => void,
): Promise<RunningApps> {
  fs.writeFileSync(path.join(workDir, 'package.json'), '{ "name": "fix-verification", "private": true }\n');
  fs.mkdirSync(path.join(workDir, 'cors'));
  for (const [i, a] of apps.entries()) fs.writeFileSync(path.join(workDir, 'cors', `c${i}.ts`), a.snippet);
  fs.writeFileSync(path.join(workDir, 'proxy.ts'), proxy(apps));
  const redirects = Object.fromEntries(
    apps.flatMap((a, i) =>
      Object.entries(a.redirects).map(([from, to]) => [`${prefixOf(i)}${from}`, `${prefixOf(i)}${to}`]),
    ),
  );
  const routeDir = path.join(workDir, 'app', '[[...path]]');
  fs.mkdirSync(routeDir, { recursive: true });
  fs.writeFileSync(path.join(routeDir, 'route.js'), route(redirects));
  const next = path.join(FRAMEWORKS_NODE_MODULES, 'next', 'dist', 'bin', 'next');
  const env = { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  const build = spawnProcess(executable, [next, 'build'], { cwd: workDir, env });
  const code = await build.exited;
  if (code !== 0) throw new Error(`next build failed (${code}):\n${build.stderr()}`);
  const { server, ports } = await processOnFreePorts(
    1,
    ([port]) => spawnProcess(executable, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: workDir, env }),
    /EADDRINUSE/,
  );
  const ids = new Map(apps.map((a, i) => [a.id, i]));
  return {
    baseUrl: (id) => `${localUrl(ports[0]!)}${prefixOf(ids.get(id)!)}`,
    close: async () => {
      await server.stop();
      remove();
    },
  };
}
