/** Koa 3 + @koa/cors (npm frameworks folder). */
import { startNodeApps } from './node-apps.ts';
import { FRAMEWORKS_NODE_MODULES, koaToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, type FrameworkHarness } from './types.ts';

const MINIMAL_APP = `
import http from 'node:http';
import { AUTH_TOKEN, PATHS } from './constants.mjs';

export function minimalApp(app, redirects) {
  app.silent = true; // Koa would print every thrown error; the 500 is the point here
  // The authentication layer, registered after the snippet's cors() as the snippet says.
  app.use(async (ctx, next) => {
    if (ctx.path.endsWith(PATHS.private) && ctx.get('Authorization') !== AUTH_TOKEN) {
      ctx.status = 401;
      ctx.type = 'text/plain';
      ctx.body = 'unauthorized';
      return;
    }
    await next();
  });
  app.use(async (ctx) => {
    if (ctx.path.endsWith(PATHS.throws)) throw new Error('boom');
    if (ctx.path.endsWith(PATHS.missing)) return; // no body: Koa's own 404
    const location = redirects[ctx.path];
    if (location !== undefined) {
      ctx.status = 302;
      ctx.set('Location', location);
      return;
    }
    ctx.type = 'text/plain';
    ctx.body = 'ok';
  });
  const server = http.createServer(app.callback());
  return new Promise((resolve, reject) =>
    server.once('error', reject).listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}
`;

const appModule = (snippet: string) => `import Koa from 'koa';
import { minimalApp } from './minimal-app.mjs';

const app = new Koa();

${snippet}

export const start = (redirects) => minimalApp(app, redirects);
`;

export const koaHarness: FrameworkHarness = {
  framework: 'koa',
  label: 'Koa + @koa/cors',
  noVaryOnRefusals:
    "@koa/cors hands its headers to Koa's error handler (keepHeadersOnError) only for an allowed origin: a refused origin's 500 loses the Vary it set, as Koa's error handler drops every header",
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: "Node's HTTP parser (llhttp) knows only upper-case methods and answers 'patch' with a bare 400",
  probe: koaToolchain,
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
