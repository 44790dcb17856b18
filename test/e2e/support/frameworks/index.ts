/** Every stack whose snippets are verified in the real framework, in the order the panel lists them. */
import { apacheHarness } from './apache.ts';
import { caddyHarness } from './caddy.ts';
import { cloudflareWorkersHarness } from './cloudflare-workers.ts';
import { djangoHarness } from './django.ts';
import { expressHarness } from './express.ts';
import { fastapiHarness } from './fastapi.ts';
import { fastifyHarness } from './fastify.ts';
import { flaskHarness } from './flask.ts';
import { goHarness } from './go.ts';
import { honoHarness } from './hono.ts';
import { koaHarness } from './koa.ts';
import { nextjsHarness } from './nextjs.ts';
import { nginxHarness } from './nginx.ts';
import { railsHarness } from './rails.ts';
import type { FrameworkHarness } from './types.ts';

export const HARNESSES: readonly FrameworkHarness[] = [
  expressHarness,
  fastifyHarness,
  koaHarness,
  honoHarness,
  nextjsHarness,
  cloudflareWorkersHarness,
  fastapiHarness,
  djangoHarness,
  flaskHarness,
  railsHarness,
  goHarness,
  nginxHarness,
  apacheHarness,
  caddyHarness,
];
