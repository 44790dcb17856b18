/**
 * One Node process for the apps of a Node framework (Express, Fastify, Koa, Hono): each app is its
 * own module with the snippet spliced in, exporting `start(redirects)` that listens on port 0 and
 * resolves with the port. The work dir gets a node_modules link, so the snippet's own `import`
 * line resolves to the installed package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { portsFrom, readyLine, spawnProcess } from './child-process.ts';
import { AUTH_TOKEN, localUrl, PATHS, type AppSpec, type RunningApps } from './types.ts';

/** What every minimal app module may use: the token and the paths of types.ts, as JavaScript. */
export const MINIMAL_CONSTANTS = `export const AUTH_TOKEN = ${JSON.stringify(AUTH_TOKEN)};
export const PATHS = ${JSON.stringify(PATHS)};
`;

// argv[2]: [{ id, module, redirects }]. Prints READY {"id": port, …} once every app listens.
const SERVER = `
const apps = JSON.parse(process.argv[2]);
const ports = {};
for (const a of apps) {
  const { start } = await import('./' + a.module);
  ports[a.id] = await start(a.redirects);
}
console.log('READY ' + JSON.stringify(ports));
`;

export async function startNodeApps(options: {
  apps: AppSpec[];
  workDir: string;
  executable: string;
  nodeModules: string;
  /** The minimal app's shared module (minimal-app.mjs). */
  minimalApp: string;
  /** The app module for one snippet. */
  appModule: (snippet: string) => string;
}): Promise<RunningApps> {
  const { apps, workDir } = options;
  fs.symlinkSync(options.nodeModules, path.join(workDir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(workDir, 'constants.mjs'), MINIMAL_CONSTANTS);
  fs.writeFileSync(path.join(workDir, 'minimal-app.mjs'), options.minimalApp);
  fs.writeFileSync(path.join(workDir, 'server.mjs'), SERVER);
  const table = apps.map((a, i) => {
    const module = `app-${i}.mjs`;
    fs.writeFileSync(path.join(workDir, module), options.appModule(a.snippet));
    return { id: a.id, module, redirects: a.redirects };
  });
  const server = spawnProcess(options.executable, ['server.mjs', JSON.stringify(table)], {
    cwd: workDir,
    env: { NODE_ENV: 'production' },
  });
  const ports = portsFrom(await readyLine(server, 60_000));
  return { baseUrl: (id) => localUrl(ports.get(id)!), close: () => server.stop() };
}
