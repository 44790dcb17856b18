/**
 * What each stack gives away in a response: headers it sets, and the bodies of the errors it writes
 * itself (its CORS layer refusing, its 404 and 500 pages). The body signals were taken from the
 * frameworks the fix-verification suite runs (their captured responses are the unit-test fixtures
 * in test/fixtures/stack-responses); the others from the stacks' documentation and source, named
 * beside each. A signal is `strong` when only that stack sends it, `weak` when it is a hint
 * several stacks share (an ASGI server, a proxy in front of anything).
 */
import type { StackId } from './stacks.ts';

export type SignalStrength = 'strong' | 'weak';

export interface HeaderSignal {
  stack: StackId;
  strength: SignalStrength;
  /** Lower-case header name. */
  header: string;
  /** Matches the value; absent: the header's presence is the signal. */
  value?: RegExp;
  /** Why it points at the stack, when the header alone does not say (e.g. "an ASGI server"). */
  means?: string;
}

export interface BodySignal {
  stack: StackId;
  strength: SignalStrength;
  /** Matches the body's beginning. */
  body: RegExp;
  /** The statuses it comes with; absent: any. */
  status?: readonly number[];
  /** What the stack is doing when it writes this body. */
  means: string;
}

export const HEADER_SIGNALS: readonly HeaderSignal[] = [
  { stack: 'express', strength: 'strong', header: 'x-powered-by', value: /^Express$/i },
  { stack: 'nextjs', strength: 'strong', header: 'x-powered-by', value: /^Next\.js/i },
  { stack: 'nextjs', strength: 'strong', header: 'vary', value: /\b(rsc|next-router-state-tree)\b/i },
  { stack: 'nextjs', strength: 'strong', header: 'x-nextjs-cache' },
  { stack: 'nextjs', strength: 'strong', header: 'x-nextjs-prerender' },
  { stack: 'nextjs', strength: 'strong', header: 'x-middleware-rewrite' },
  { stack: 'fastapi', strength: 'weak', header: 'server', value: /^(uvicorn|hypercorn)\b/i, means: 'an ASGI server' },
  { stack: 'flask', strength: 'strong', header: 'server', value: /^Werkzeug\//i, means: "Flask's server" },
  {
    stack: 'django',
    strength: 'weak',
    header: 'server',
    value: /^WSGIServer\/[\d.]+ CPython\//i,
    means: "Python's wsgiref, which Django's runserver uses",
  },
  { stack: 'django', strength: 'weak', header: 'server', value: /^gunicorn\b/i, means: 'a WSGI server' },
  { stack: 'flask', strength: 'weak', header: 'server', value: /^gunicorn\b/i, means: 'a WSGI server' },
  {
    stack: 'django',
    strength: 'weak',
    header: 'cross-origin-opener-policy',
    value: /^same-origin$/i,
    means: "Django's SecurityMiddleware default",
  },
  { stack: 'rails', strength: 'strong', header: 'x-runtime', means: "Rails' Rack::Runtime" },
  {
    stack: 'rails',
    strength: 'strong',
    header: 'x-permitted-cross-domain-policies',
    value: /^none$/i,
    means: "Rails' default headers",
  },
  {
    stack: 'rails',
    strength: 'weak',
    header: 'server',
    value: /^(WEBrick|Puma|thin|Passenger)\b/i,
    means: 'a Ruby server',
  },
  { stack: 'nginx', strength: 'strong', header: 'server', value: /^(nginx|openresty)\b/i },
  { stack: 'apache', strength: 'strong', header: 'server', value: /^Apache\b/i },
  { stack: 'caddy', strength: 'strong', header: 'server', value: /^Caddy\b/i },
  { stack: 'aspnetcore', strength: 'strong', header: 'server', value: /^Kestrel$/i },
  {
    stack: 'aspnetcore',
    strength: 'weak',
    header: 'server',
    value: /^Microsoft-IIS\//i,
    means: 'IIS, which hosts ASP.NET',
  },
  { stack: 'aspnetcore', strength: 'weak', header: 'x-powered-by', value: /^ASP\.NET$/i },
  {
    stack: 'spring',
    strength: 'weak',
    header: 'server',
    value: /^(Apache-Coyote|Jetty)\b/i,
    means: 'a Java servlet container',
  },
  {
    stack: 'spring',
    strength: 'weak',
    header: 'x-xss-protection',
    value: /^0$/,
    means: "Spring Security's default headers",
  },
  {
    stack: 'cloudflare-workers',
    strength: 'weak',
    header: 'cf-ray',
    means: 'the response passed through Cloudflare, where a Worker may serve it',
  },
  { stack: 'cloudflare-workers', strength: 'weak', header: 'server', value: /^cloudflare$/i, means: 'Cloudflare' },
  // API Gateway REST APIs send x-amz-apigw-id; HTTP APIs apigw-requestid; both x-amzn-RequestId.
  { stack: 'aws-api-gateway', strength: 'strong', header: 'x-amz-apigw-id' },
  { stack: 'aws-api-gateway', strength: 'strong', header: 'apigw-requestid' },
  {
    stack: 'aws-api-gateway',
    strength: 'strong',
    header: 'x-amzn-errortype',
    means: 'an error API Gateway wrote itself',
  },
  {
    stack: 'aws-api-gateway',
    strength: 'weak',
    header: 'x-amzn-requestid',
    means: 'an AWS service (API Gateway, Lambda)',
  },
  { stack: 'aws-lambda', strength: 'weak', header: 'x-amzn-requestid', means: 'an AWS service (API Gateway, Lambda)' },
  {
    stack: 'aws-lambda',
    strength: 'weak',
    header: 'x-amz-apigw-id',
    means: 'API Gateway, usually in front of a Lambda',
  },
  { stack: 'aws-s3', strength: 'strong', header: 'server', value: /^AmazonS3$/i },
  { stack: 'aws-s3', strength: 'strong', header: 'x-amz-id-2' },
  { stack: 'aws-cloudfront', strength: 'strong', header: 'via', value: /cloudfront/i },
  { stack: 'aws-cloudfront', strength: 'strong', header: 'x-amz-cf-id' },
  { stack: 'aws-cloudfront', strength: 'strong', header: 'x-cache', value: /cloudfront/i },
  { stack: 'aws-cloudfront', strength: 'strong', header: 'server', value: /^CloudFront$/i },
];

export const BODY_SIGNALS: readonly BodySignal[] = [
  // starlette/middleware/cors.py preflight_response(): 400 with the failures joined by ", ".
  {
    stack: 'fastapi',
    strength: 'strong',
    body: /^Disallowed CORS (origin|method|headers)/,
    status: [400],
    means: "Starlette's CORSMiddleware refusing the preflight",
  },
  {
    stack: 'fastapi',
    strength: 'strong',
    body: /^\{"detail":"(Not Found|Method Not Allowed|Not authenticated|Unauthorized|Forbidden)"\}$/,
    means: "FastAPI's error response",
  },
  // spring-web DefaultCorsProcessor.rejectRequest().
  {
    stack: 'spring',
    strength: 'strong',
    body: /^Invalid CORS request$/,
    status: [403],
    means: "Spring's CORS processor refusing the origin",
  },
  {
    stack: 'spring',
    strength: 'strong',
    body: /^\{"timestamp":"[^"]+","status":\d{3},"error":"[^"]*",("message":"[^"]*",)?"path":/,
    means: "Spring Boot's error response",
  },
  { stack: 'spring', strength: 'strong', body: /Whitelabel Error Page/, means: "Spring Boot's error page" },
  // finalhandler's default page: "Cannot GET /path".
  {
    stack: 'express',
    strength: 'strong',
    body: /<pre>Cannot [A-Z]+ [^<]*<\/pre>/,
    status: [404],
    means: "Express's not-found page",
  },
  {
    stack: 'fastify',
    strength: 'strong',
    body: /"message":"Route [A-Z]+:[^"]* not found","error":"Not Found","statusCode":404/,
    status: [404],
    means: "Fastify's not-found reply",
  },
  {
    stack: 'fastify',
    strength: 'strong',
    body: /^\{"statusCode":\d{3},("code":"[^"]*",)?"error":"[^"]*","message":/,
    means: "Fastify's error reply",
  },
  { stack: 'hono', strength: 'weak', body: /^404 Not Found$/, status: [404], means: "Hono's default notFound" },
  { stack: 'go', strength: 'strong', body: /^404 page not found\n?$/, status: [404], means: "Go net/http's NotFound" },
  { stack: 'nginx', strength: 'strong', body: /<center>nginx(\/[\d.]+)?<\/center>/, means: "nginx's own error page" },
  {
    stack: 'apache',
    strength: 'strong',
    body: /<address>Apache(\/[\d.]+)?[^<]*<\/address>/,
    means: "Apache's own error page",
  },
  {
    stack: 'django',
    strength: 'strong',
    body: /<h1>(Not Found<\/h1><p>The requested resource was not found on this server\.|Server Error \(500\)<\/h1>|Forbidden <span>\(403\))/,
    means: "Django's error page",
  },
  {
    stack: 'flask',
    strength: 'strong',
    body: /(The requested URL was not found on the server\. If you entered the URL manually|The server encountered an internal error and was unable to complete your request\.)/,
    means: "Werkzeug's error page (Flask)",
  },
  {
    stack: 'rails',
    strength: 'strong',
    body: /(The page you were looking for doesn't exist\.|We're sorry, but something went wrong\.)/,
    means: "Rails' public error page",
  },
  {
    stack: 'nextjs',
    strength: 'strong',
    body: /(This page could not be found\.|<div id="__next"|\/_next\/static\/)/,
    means: 'a page Next.js rendered',
  },
  {
    stack: 'aspnetcore',
    strength: 'strong',
    body: /"type":"https:\/\/tools\.ietf\.org\/html\/rfc(7231|9110)#section-[\d.]+".*"traceId":"/s,
    means: "ASP.NET Core's ProblemDetails",
  },
  {
    stack: 'cloudflare-workers',
    strength: 'strong',
    body: /^error code: 1101\b/,
    means: "Cloudflare's page for a Worker that threw an exception",
  },
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
  {
    stack: 'aws-api-gateway',
    strength: 'strong',
    body: /^\{\s*"message"\s*:\s*"(Missing Authentication Token|Unauthorized|Forbidden|Internal server error|Endpoint request timed out|Too Many Requests|Limit Exceeded)"\s*\}$/,
    means: 'an error API Gateway wrote itself',
  },
  // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
  {
    stack: 'aws-s3',
    strength: 'strong',
    body: /<Message>CORSResponse: [^<]*<\/Message>/,
    status: [403],
    means: "S3 refusing the request by the bucket's CORS rules",
  },
  {
    stack: 'aws-s3',
    strength: 'strong',
    body: /<Error><Code>[A-Za-z]+<\/Code>.*<RequestId>/s,
    means: "S3's error response",
  },
  {
    stack: 'aws-cloudfront',
    strength: 'strong',
    body: /Generated by cloudfront \(CloudFront\)/,
    means: "CloudFront's own error page",
  },
];
