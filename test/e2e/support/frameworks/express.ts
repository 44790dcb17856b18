/** Express 5 + the `cors` package from the project's own npm dependencies. */
import path from 'node:path';
import { startNodeApps } from './node-apps.ts';
import { expressToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, type FrameworkHarness } from './types.ts';

const PROJECT_NODE_MODULES = path.resolve(import.meta.dirname, '../../../../node_modules');

const MINIMAL_APP = `
import http from 'node:http';
import { AUTH_TOKEN, PATHS } from './constants.mjs';

export function minimalApp(app, redirects) {
  // The authentication layer, registered after the snippet's cors() as the snippet says.
  app.use((req, res, next) => {
    if (req.path.endsWith(PATHS.private) && req.get('authorization') !== AUTH_TOKEN) {
      return res.status(401).type('text/plain').send('unauthorized');
    }
    next();
  });
  app.use((req, res, next) => {
    if (req.path.endsWith(PATHS.throws)) throw new Error('boom');
    if (req.path.endsWith(PATHS.missing)) return next(); // Express's own 404
    const location = redirects[req.path];
    if (location !== undefined) return res.redirect(302, location);
    res.type('text/plain').send('ok');
  });
  const server = http.createServer(app);
  return new Promise((resolve, reject) =>
    server.once('error', reject).listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}
`;

const appModule = (snippet: string) => `import express from 'express';
import { minimalApp } from './minimal-app.mjs';

const app = express();

${snippet}

export const start = (redirects) => minimalApp(app, redirects);
`;

export const expressHarness: FrameworkHarness = {
  framework: 'express',
  label: 'Express + cors',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: "Node's HTTP parser (llhttp) knows only upper-case methods and answers 'patch' with a bare 400",
  probe: expressToolchain,
  start: (apps, toolchain, workDir) =>
    startNodeApps({
      apps,
      workDir,
      executable: toolchain.executable,
      nodeModules: PROJECT_NODE_MODULES,
      minimalApp: MINIMAL_APP,
      appModule,
    }),
};
