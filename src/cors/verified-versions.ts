/**
 * Which stacks' snippets the fix-verification suite (test/e2e/fix-verification) runs, and in which
 * versions: each snippet is spliced into a minimal app with an authentication layer that refuses
 * and a handler that throws, the real server is started, and headless Chromium's blocked request
 * passes while a foreign origin is still refused. Shown under each snippet by the panel and the
 * Markdown export. test/e2e/fix-verification/verified-versions.test.ts fails when an installed
 * version differs from this file, so it stays true.
 *
 * A stack the suite cannot run is never called verified: it says why, and its snippet names the
 * documentation it was written against (stacks.ts).
 */
import { STACKS, type StackId } from './stacks.ts';

export interface VerifiedComponent {
  name: string;
  version: string;
}

export type Verification =
  | { verified: true; components: readonly VerifiedComponent[] }
  | { verified: false; why: string };

const verified = (...components: [string, string][]): Verification => ({
  verified: true,
  components: components.map(([name, version]) => ({ name, version })),
});
const notRun = (why: string): Verification => ({ verified: false, why });

const AWS_ONLY =
  'it runs only on AWS, and no emulator that reproduces its CORS handling can be installed on the test machines';

export const VERIFICATION: Readonly<Record<StackId, Verification>> = {
  express: verified(['Express', '5.3.0'], ['cors', '2.8.6']),
  fastify: verified(['Fastify', '5.12.8'], ['@fastify/cors', '11.4.3']),
  koa: verified(['Koa', '3.3.0'], ['@koa/cors', '5.0.0']),
  hono: verified(['Hono', '4.13.23'], ['@hono/node-server', '2.1.11']),
  nextjs: verified(['Next.js', '16.5.0']),
  'cloudflare-workers': verified(['workerd', '1.20261123.1']),
  fastapi: verified(['FastAPI', '0.92.0'], ['Starlette', '0.26.1'], ['uvicorn', '0.17.6']),
  django: verified(['Django', '3.2.25'], ['django-cors-headers', '3.14.0']),
  flask: verified(['Flask', '2.2.2'], ['Flask-Cors', '3.0.10']),
  rails: verified(['Rails', '6.1.7.10'], ['rack-cors', '1.1.1'], ['Rack', '2.2.22']),
  go: verified(['Go', '1.19.8']),
  spring: notRun(
    'Spring Boot and Spring Security are not in Debian, and Maven Central is out of reach of the test machines',
  ),
  aspnetcore: notRun(
    "the .NET SDK is not in Debian, and Microsoft's package feed is out of reach of the test machines",
  ),
  nginx: verified(['nginx', '1.22.1']),
  apache: verified(['Apache httpd', '2.4.71']),
  caddy: verified(['Caddy', '2.6.2']),
  'aws-lambda': notRun(AWS_ONLY),
  'aws-api-gateway': notRun(AWS_ONLY),
  'aws-s3': notRun(AWS_ONLY),
  'aws-cloudfront': notRun(AWS_ONLY),
};

/** "Express 5.3.0 / cors 2.8.6" for one stack; "" for a stack that is not verified. */
export function verifiedAgainst(stack: StackId): string {
  const v = VERIFICATION[stack];
  return v.verified ? v.components.map((c) => `${c.name} ${c.version}`).join(' / ') : '';
}

/** The line under a snippet's secure-by-default line: verified with what, or NOT VERIFIED and against which documentation. */
export function verificationLine(stack: StackId): string {
  const v = VERIFICATION[stack];
  return v.verified
    ? `Verified against ${v.components.map((c) => `${c.name} ${c.version}`).join(', ')} by CORS Inspector's fix-verification suite.`
    : `NOT VERIFIED (${v.why}): written against ${STACKS[stack].docs[0]}`;
}
