/** Fastify 5 + @fastify/cors (npm frameworks folder). */
import { startNodeApps } from './node-apps.ts';
import { FRAMEWORKS_NODE_MODULES, fastifyToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, type FrameworkHarness } from './types.ts';

const MINIMAL_APP = `
import { AUTH_TOKEN, PATHS } from './constants.mjs';

export async function minimalApp(fastify, redirects) {
  // The authentication layer, a hook registered after the snippet's plugin as the snippet says.
  fastify.addHook('onRequest', async (request, reply) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path.endsWith(PATHS.private) && request.headers.authorization !== AUTH_TOKEN) {
      return reply.code(401).type('text/plain').send('unauthorized');
    }
  });
  fastify.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async (request, reply) => {
      const path = new URL(request.url, 'http://x').pathname;
      if (path.endsWith(PATHS.throws)) throw new Error('boom');
      if (path.endsWith(PATHS.missing)) return reply.callNotFound(); // Fastify's own 404
      const location = redirects[path];
      if (location !== undefined) return reply.redirect(location, 302);
      return reply.type('text/plain').send('ok');
    },
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  return fastify.server.address().port;
}
`;

const appModule = (snippet: string) => `import Fastify from 'fastify';
import { minimalApp } from './minimal-app.mjs';

const fastify = Fastify();

${snippet}

export const start = (redirects) => minimalApp(fastify, redirects);
`;

export const fastifyHarness: FrameworkHarness = {
  framework: 'fastify',
  label: 'Fastify + @fastify/cors',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: "Node's HTTP parser (llhttp) knows only upper-case methods and answers 'patch' with a bare 400",
  probe: fastifyToolchain,
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
