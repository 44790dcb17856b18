/**
 * The snippets for stacks no test machine can run (Spring, ASP.NET Core, AWS) are not verified, and
 * say so; what can be checked here is checked: the Lambda wrapper runs in Node against API Gateway's
 * event shapes, the AWS CLI files are valid JSON, and the order the ASP.NET Core and Spring
 * snippets rely on is the order they write.
 */
import { describe, expect, it } from 'vitest';
import { snippetCode, type SnippetInput } from '../../../src/cors/snippets.ts';
import { VERIFICATION } from '../../../src/cors/verified-versions.ts';

const PAGE = 'http://127.0.0.1:5173';
const input: SnippetInput = {
  origin: PAGE,
  url: 'https://api.example.com/prod/orders',
  credentials: true,
  methods: ['PUT'],
  headers: ['authorization', 'content-type'],
  expose: ['x-total-count'],
};

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; headers?: Record<string, string> }>;

/** The Lambda snippet as an ES module's body: withCors(handler) back. */
function withCors(): (handler: Handler) => Handler {
  const code = snippetCode('aws-lambda', input).replace('export const withCors', 'const withCors');
  return new Function(`${code}\nreturn withCors;`)() as (handler: Handler) => Handler;
}

describe.each(['aws-lambda', 'aws-api-gateway', 'aws-s3', 'aws-cloudfront', 'spring', 'aspnetcore'] as const)(
  '%s',
  (stack) => {
    it('is marked not verified, with the reason', () => {
      expect(VERIFICATION[stack].verified).toBe(false);
      expect(snippetCode(stack, input).split('\n')[1]).toMatch(/NOT VERIFIED \(.+\): written against https:\/\//);
    });
  },
);

describe('AWS Lambda (proxy integration), run in Node', () => {
  const ok: Handler = async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' } });
  const rest = (method: string, headers: Record<string, string>) => ({ httpMethod: method, headers });
  const http2 = (method: string, headers: Record<string, string>) => ({
    requestContext: { http: { method } },
    headers,
  });

  it.each([
    ['REST API (payload 1.0)', rest],
    ['HTTP API (payload 2.0)', http2],
  ])('%s: answers the allowed preflight itself, with the fix', async (_kind, event) => {
    const res = await withCors()(ok)(event('OPTIONS', { Origin: PAGE, 'Access-Control-Request-Method': 'PUT' }), {});
    expect(res).toMatchObject({
      statusCode: 204,
      headers: {
        'Access-Control-Allow-Origin': PAGE,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT',
        'Access-Control-Allow-Headers': 'authorization, content-type',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      },
    });
  });

  it('refuses another origin: no Access-Control-Allow-Origin, still Vary: Origin', async () => {
    const res = await withCors()(ok)(rest('GET', { origin: 'https://evil.example' }), {});
    expect(res.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    expect(res.headers?.Vary).toBe('Origin');
  });

  it('a handler that throws becomes a 500 with the headers', async () => {
    const consoleError = console.error;
    console.error = () => {};
    try {
      const res = await withCors()(async () => {
        throw new Error('boom');
      })(rest('GET', { origin: PAGE }), {});
      expect(res).toMatchObject({ statusCode: 500, headers: { 'Access-Control-Allow-Origin': PAGE } });
    } finally {
      console.error = consoleError;
    }
  });
});

describe('AWS CLI configuration files', () => {
  const heredoc = (code: string) => JSON.parse(code.split("<<'CORS_JSON'\n")[1]!.split('\nCORS_JSON')[0]!);

  it('S3: the bucket CORS rules are valid JSON naming exactly the origin', () => {
    expect(heredoc(snippetCode('aws-s3', input)).CORSRules[0]).toEqual({
      AllowedOrigins: [PAGE],
      AllowedMethods: ['GET', 'HEAD', 'POST', 'PUT'],
      AllowedHeaders: ['authorization', 'content-type'],
      ExposeHeaders: ['x-total-count'],
      MaxAgeSeconds: 600,
    });
  });

  it('S3 says which methods a bucket rule cannot allow', () => {
    expect(snippetCode('aws-s3', { ...input, methods: ['PATCH'] })).toMatch(/S3 cannot allow PATCH/);
  });

  it('CloudFront: the response headers policy is valid JSON with OriginOverride', () => {
    const policy = heredoc(snippetCode('aws-cloudfront', input));
    expect(policy.CorsConfig).toMatchObject({
      AccessControlAllowOrigins: { Quantity: 1, Items: [PAGE] },
      AccessControlAllowCredentials: true,
      AccessControlMaxAgeSec: 600,
      OriginOverride: true,
    });
  });

  it('API Gateway: static gateway-response values for 4XX and 5XX, naming the one origin', () => {
    const yaml = snippetCode('aws-api-gateway', input);
    expect(yaml.match(/ResponseType: DEFAULT_[45]XX/g)).toEqual([
      'ResponseType: DEFAULT_4XX',
      'ResponseType: DEFAULT_5XX',
    ]);
    expect(yaml).toContain(`gatewayresponse.header.Access-Control-Allow-Origin: "'${PAGE}'"`);
    expect(yaml).toContain(`gatewayresponse.header.Vary: "'Origin'"`);
  });
});

describe('the order the snippets rely on', () => {
  it('ASP.NET Core: UseExceptionHandler, then UseRouting, UseCors, UseAuthentication, UseAuthorization', () => {
    const code = snippetCode('aspnetcore', input);
    const at = (call: string) => code.indexOf(`app.${call}(`);
    const order = ['UseExceptionHandler', 'UseRouting', 'UseCors', 'UseAuthentication', 'UseAuthorization'].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('Spring: http.cors() in the SecurityFilterChain, with the allow-list bean', () => {
    const code = snippetCode('spring', input);
    expect(code).toContain('http.cors(Customizer.withDefaults());');
    expect(code).toContain(`configuration.setAllowedOrigins(List.of("${PAGE}"));`);
  });
});
