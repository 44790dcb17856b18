/**
 * Express 5 + the `cors` package from npm: one Node process, one module per app with the snippet
 * spliced in, each app on its own port. The work dir gets a node_modules link to the project's,
 * so `import cors from 'cors'` in the snippet resolves to the installed package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { portsFrom, readyLine, spawnProcess } from './child-process.ts';
import { expressToolchain } from './toolchains.ts';
import { localUrl, type FrameworkHarness } from './types.ts';

const PROJECT_NODE_MODULES = path.resolve(import.meta.dirname, '../../../../node_modules');

const MINIMAL_APP = `
export function minimalRoutes(app, redirects) {
  app.use((req, res) => {
    const location = redirects[req.path];
    if (location !== undefined) return res.redirect(302, location);
    res.type('text/plain').send('ok');
  });
}
`;

const appModule = (snippet: string) => `import express from 'express';
import { minimalRoutes } from './minimal-app.mjs';

export const app = express();

${snippet}

export const install = (redirects) => minimalRoutes(app, redirects);
`;

// argv[2]: [{ id, module, redirects }]. Prints READY {"id": port, …} once every app listens.
const SERVER = `
import http from 'node:http';
const apps = JSON.parse(process.argv[2]);
const ports = {};
for (const a of apps) {
  const { app, install } = await import('./' + a.module);
  install(a.redirects);
  const server = http.createServer(app);
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  ports[a.id] = server.address().port;
}
console.log('READY ' + JSON.stringify(ports));
`;

export const expressHarness: FrameworkHarness = {
  framework: 'express',
  label: 'Express + cors',
  varyOnRefusals: true,
  lowerCaseMethods: "Node's HTTP parser (llhttp) knows only upper-case methods and answers 'patch' with a bare 400",
  probe: expressToolchain,
  async start(apps, toolchain, workDir) {
    fs.symlinkSync(PROJECT_NODE_MODULES, path.join(workDir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(workDir, 'minimal-app.mjs'), MINIMAL_APP);
    fs.writeFileSync(path.join(workDir, 'server.mjs'), SERVER);
    const table = apps.map((a, i) => {
      const module = `app-${i}.mjs`;
      fs.writeFileSync(path.join(workDir, module), appModule(a.snippet));
      return { id: a.id, module, redirects: a.redirects };
    });
    const server = spawnProcess(toolchain.executable, ['server.mjs', JSON.stringify(table)], { cwd: workDir });
    const ports = portsFrom(await readyLine(server, 30_000));
    return { baseUrl: (id) => localUrl(ports.get(id)!), close: () => server.stop() };
  },
};
