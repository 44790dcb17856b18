/**
 * Server snippets that make one exact request pass, one per stack, secure by default: an allow-list
 * holding the observed origin (never reflection of any Origin), never `*` with credentials, Max-Age
 * <= 600 s, `Vary: Origin` wherever the allowed origin is echoed, and error responses (401, 403, 404,
 * 500, gateway errors) carrying the same headers, with CORS ahead of authentication. Each verified
 * stack's snippet is run in its real framework by test/e2e/fix-verification; the others say they
 * are not verified and which documentation they follow. Values come from the wire, so each is
 * written with the literal helper of the language it lands in (snippet-literals.ts).
 *
 * A fix carries the SnippetInput, not the text: a blocked exchange would otherwise hold twenty
 * snippets in memory, in the store and in every message to the panel. Render them when shown.
 */
import { STACK_IDS, STACKS, type SnippetLanguage, type StackId } from './stacks.ts';
import { apache } from './snippets/apache.ts';
import { aspnetcore } from './snippets/aspnetcore.ts';
import { awsApiGateway } from './snippets/aws-api-gateway.ts';
import { awsCloudfront } from './snippets/aws-cloudfront.ts';
import { awsLambda } from './snippets/aws-lambda.ts';
import { awsS3 } from './snippets/aws-s3.ts';
import { caddy } from './snippets/caddy.ts';
import { cloudflareWorkers } from './snippets/cloudflare-workers.ts';
import type { SnippetInput } from './snippets/common.ts';
import { django } from './snippets/django.ts';
import { express } from './snippets/express.ts';
import { fastapi } from './snippets/fastapi.ts';
import { fastify } from './snippets/fastify.ts';
import { flask } from './snippets/flask.ts';
import { go } from './snippets/go.ts';
import { hono } from './snippets/hono.ts';
import { koa } from './snippets/koa.ts';
import { nextjs } from './snippets/nextjs.ts';
import { nginx } from './snippets/nginx.ts';
import { rails } from './snippets/rails.ts';
import { spring } from './snippets/spring.ts';
import { VERIFICATION, type Verification } from './verified-versions.ts';

export { MAX_AGE_SECONDS, type SnippetInput } from './snippets/common.ts';
export { NGINX_SERVER_PART } from './snippets/nginx.ts';

const GENERATORS: Readonly<Record<StackId, (s: SnippetInput) => string>> = {
  express,
  fastify,
  koa,
  hono,
  nextjs,
  'cloudflare-workers': cloudflareWorkers,
  fastapi,
  django,
  flask,
  rails,
  go,
  spring,
  aspnetcore,
  nginx,
  apache,
  caddy,
  'aws-lambda': awsLambda,
  'aws-api-gateway': awsApiGateway,
  'aws-s3': awsS3,
  'aws-cloudfront': awsCloudfront,
};

export interface Snippet {
  stack: StackId;
  label: string;
  language: SnippetLanguage;
  /** Where it goes, in a few words. */
  place: string;
  code: string;
  verification: Verification;
  /** The documentation it follows. */
  docs: readonly string[];
}

/** One stack's snippet text. */
export function snippetCode(stack: StackId, input: SnippetInput): string {
  return GENERATORS[stack](input);
}

export function snippetFor(stack: StackId, input: SnippetInput): Snippet {
  const info = STACKS[stack];
  return {
    stack,
    label: info.label,
    language: info.language,
    place: info.place,
    code: snippetCode(stack, input),
    verification: VERIFICATION[stack],
    docs: info.docs,
  };
}

/** Every stack's snippet, in `order` (a fix's `stacks`: the detected ones first). */
export function renderSnippets(input: SnippetInput, order: readonly StackId[] = STACK_IDS): Snippet[] {
  return order.map((stack) => snippetFor(stack, input));
}
