/** Hono 4 on Node (@hono/node-server), from the npm frameworks folder. */
import { startNodeApps } from './node-apps.ts';
import { FRAMEWORKS_NODE_MODULES, honoToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, type FrameworkHarness } from './types.ts';

const MINIMAL_APP = `
import { serve } from '@hono/node-server';
import { AUTH_TOKEN, PATHS } from './constants.mjs';

export function minimalApp(app, redirects) {
  // The authentication layer, registered after the snippet's cors() as the snippet says.
  app.use('*', async (c, next) => {
    if (c.req.path.endsWith(PATHS.private) && c.req.header('authorization') !== AUTH_TOKEN) {
      return c.text('unauthorized', 401);
    }
    await next();
  });
  app.all('*', (c) => {
    if (c.req.path.endsWith(PATHS.throws)) throw new Error('boom'); // Hono's own onError: 500
    if (c.req.path.endsWith(PATHS.missing)) return c.notFound(); // Hono's own 404
    const location = redirects[c.req.path];
    if (location !== undefined) return c.redirect(location, 302);
    return c.text('ok');
  });
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
}
`;

const appModule = (snippet: string) => `import { Hono } from 'hono';
import { minimalApp } from './minimal-app.mjs';

const app = new Hono();

${snippet}

export const start = (redirects) => minimalApp(app, redirects);
`;

export const honoHarness: FrameworkHarness = {
  framework: 'hono',
  label: 'Hono (node-server)',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: "Node's HTTP parser (llhttp) knows only upper-case methods and answers 'patch' with a bare 400",
  probe: honoToolchain,
  start: (apps, toolchain, workDir) =>
    startNodeApps({
      apps,
      workDir,
      executable: toolchain.executable,
      nodeModules: FRAMEWORKS_NODE_MODULES,
      minimalApp: MINIMAL_APP,
      appModule,
    }),
};
