/**
 * The stack detection names from each verified stack's own responses (what it sends when its CORS
 * layer refuses, its 404 and 500, a proxy's 502), and why it names nothing where the stack leaves
 * no trace. Shared by the unit test on the committed fixtures and the end-to-end check on the live
 * servers, so both hold the same expectation.
 */
import type { StackId } from '../../../src/cors/stacks.ts';

export const EXPECTED_DETECTION: Partial<Record<StackId, StackId | null>> = {
  express: 'express',
  fastify: 'fastify',
  koa: null,
  hono: 'hono',
  nextjs: 'nextjs',
  'cloudflare-workers': null,
  fastapi: 'fastapi',
  django: 'django',
  flask: 'flask',
  rails: 'rails',
  go: 'go',
  nginx: 'nginx',
  apache: 'apache',
  caddy: 'caddy',
};
