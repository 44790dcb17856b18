/**
 * The server stacks a fix has a snippet for: what each is called, what its snippet is written in,
 * and the documentation the snippet follows. Which of them the fix-verification suite runs, and in
 * which versions, is in verified-versions.ts.
 */

export const STACK_IDS = [
  'express',
  'fastify',
  'koa',
  'hono',
  'nextjs',
  'cloudflare-workers',
  'fastapi',
  'django',
  'flask',
  'rails',
  'go',
  'spring',
  'aspnetcore',
  'nginx',
  'apache',
  'caddy',
  'aws-lambda',
  'aws-api-gateway',
  'aws-s3',
  'aws-cloudfront',
] as const;

export type StackId = (typeof STACK_IDS)[number];

/** The language a snippet is written in (for highlighting and for its comment syntax). */
export type SnippetLanguage =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'ruby'
  | 'go'
  | 'java'
  | 'csharp'
  | 'nginx'
  | 'apache'
  | 'caddyfile'
  | 'yaml'
  | 'shell';

export interface StackInfo {
  id: StackId;
  /** The short name, e.g. "Django". */
  name: string;
  /** The name with the library the snippet uses, e.g. "Django (django-cors-headers)". */
  label: string;
  /** Where the snippet goes, in a few words. */
  place: string;
  language: SnippetLanguage;
  /** The documentation the snippet follows, first the one that matters most. */
  docs: readonly string[];
}

export const STACKS: Readonly<Record<StackId, StackInfo>> = {
  express: {
    id: 'express',
    name: 'Express',
    label: 'Express (cors)',
    place: 'your app module, before authentication and the routes',
    language: 'javascript',
    docs: ['https://expressjs.com/en/resources/middleware/cors.html'],
  },
  fastify: {
    id: 'fastify',
    name: 'Fastify',
    label: 'Fastify (@fastify/cors)',
    place: 'where the Fastify instance is created, before authentication hooks and routes',
    language: 'javascript',
    docs: ['https://github.com/fastify/fastify-cors#options', 'https://fastify.dev/docs/latest/Reference/Hooks/'],
  },
  koa: {
    id: 'koa',
    name: 'Koa',
    label: 'Koa (@koa/cors)',
    place: 'the first app.use() of your Koa app',
    language: 'javascript',
    docs: ['https://github.com/koajs/cors#options'],
  },
  hono: {
    id: 'hono',
    name: 'Hono',
    label: 'Hono (hono/cors)',
    place: 'the first app.use() of your Hono app',
    language: 'typescript',
    docs: ['https://hono.dev/docs/middleware/builtin/cors', 'https://hono.dev/docs/api/hono#error-handling'],
  },
  nextjs: {
    id: 'nextjs',
    name: 'Next.js',
    label: 'Next.js (proxy / middleware)',
    place: 'proxy.ts at the project root (middleware.ts before Next.js 16)',
    language: 'typescript',
    docs: [
      'https://nextjs.org/docs/app/api-reference/file-conventions/proxy',
      'https://nextjs.org/docs/app/api-reference/file-conventions/route#cors',
    ],
  },
  'cloudflare-workers': {
    id: 'cloudflare-workers',
    name: 'Cloudflare Workers',
    label: 'Cloudflare Workers',
    place: "your Worker's entry module",
    language: 'javascript',
    docs: [
      'https://developers.cloudflare.com/workers/examples/cors-header-proxy/',
      'https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/',
    ],
  },
  fastapi: {
    id: 'fastapi',
    name: 'FastAPI',
    label: 'FastAPI / Starlette (CORSMiddleware)',
    place: 'the end of the module that creates the app',
    language: 'python',
    docs: ['https://fastapi.tiangolo.com/tutorial/cors/', 'https://www.starlette.io/middleware/#corsmiddleware'],
  },
  django: {
    id: 'django',
    name: 'Django',
    label: 'Django (django-cors-headers)',
    place: 'the end of settings.py',
    language: 'python',
    docs: ['https://github.com/adamchainz/django-cors-headers#setup'],
  },
  flask: {
    id: 'flask',
    name: 'Flask',
    label: 'Flask (flask-cors)',
    place: 'right after app = Flask(__name__), before any authentication hook',
    language: 'python',
    docs: ['https://flask-cors.readthedocs.io/en/latest/api.html'],
  },
  rails: {
    id: 'rails',
    name: 'Rails',
    label: 'Rails / Rack (rack-cors)',
    place: 'config/initializers/cors.rb',
    language: 'ruby',
    docs: ['https://github.com/cyu/rack-cors#rails-configuration'],
  },
  go: {
    id: 'go',
    name: 'Go net/http',
    label: 'Go (net/http)',
    place: 'around your handler: http.ListenAndServe(addr, withCORS(mux))',
    language: 'go',
    docs: ['https://pkg.go.dev/net/http#Handler'],
  },
  spring: {
    id: 'spring',
    name: 'Spring',
    label: 'Spring Boot / Spring Security',
    place: 'your @Configuration class with the SecurityFilterChain',
    language: 'java',
    docs: [
      'https://docs.spring.io/spring-security/reference/servlet/integrations/cors.html',
      'https://docs.spring.io/spring-framework/reference/web/webmvc-cors.html',
    ],
  },
  aspnetcore: {
    id: 'aspnetcore',
    name: 'ASP.NET Core',
    label: 'ASP.NET Core',
    place: 'Program.cs',
    language: 'csharp',
    docs: [
      'https://learn.microsoft.com/en-us/aspnet/core/security/cors',
      'https://learn.microsoft.com/en-us/aspnet/core/fundamentals/middleware/#middleware-order',
    ],
  },
  nginx: {
    id: 'nginx',
    name: 'nginx',
    label: 'nginx',
    place: 'the http {} block and the location that serves the URL',
    language: 'nginx',
    docs: ['https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header'],
  },
  apache: {
    id: 'apache',
    name: 'Apache httpd',
    label: 'Apache httpd',
    place: 'the <VirtualHost> (server context, not .htaccess)',
    language: 'apache',
    docs: [
      'https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header',
      'https://httpd.apache.org/docs/2.4/mod/mod_rewrite.html#rewriterule',
    ],
  },
  caddy: {
    id: 'caddy',
    name: 'Caddy',
    label: 'Caddy',
    place: 'the site block of your Caddyfile',
    language: 'caddyfile',
    docs: [
      'https://caddyserver.com/docs/caddyfile/directives/header',
      'https://caddyserver.com/docs/caddyfile/directives/handle_errors',
    ],
  },
  'aws-lambda': {
    id: 'aws-lambda',
    name: 'AWS Lambda',
    label: 'AWS Lambda (API Gateway proxy integration)',
    place: "your Lambda function's handler module (Node.js)",
    language: 'javascript',
    docs: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html',
    ],
  },
  'aws-api-gateway': {
    id: 'aws-api-gateway',
    name: 'AWS API Gateway',
    label: 'AWS API Gateway (gateway responses)',
    place: 'your CloudFormation / SAM template',
    language: 'yaml',
    docs: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html',
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html',
    ],
  },
  'aws-s3': {
    id: 'aws-s3',
    name: 'AWS S3',
    label: 'AWS S3 (bucket CORS)',
    place: 'the bucket, with the AWS CLI',
    language: 'shell',
    docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html'],
  },
  'aws-cloudfront': {
    id: 'aws-cloudfront',
    name: 'AWS CloudFront',
    label: 'AWS CloudFront (response headers policy)',
    place: 'a response headers policy attached to the cache behavior, with the AWS CLI',
    language: 'shell',
    docs: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html#response-headers-policies-cors',
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/header-caching.html#header-caching-web-cors',
    ],
  },
};

export function isStackId(value: string): value is StackId {
  return (STACK_IDS as readonly string[]).includes(value);
}
