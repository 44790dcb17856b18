/** AWS Lambda behind API Gateway with proxy integration (Node.js): the function answers CORS itself. */
import { jsString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function awsLambda(s: SnippetInput): string {
  const entry = (name: string, value: string) => `${jsString(name)}: ${jsString(value)}`;
  return [
    ...preamble('aws-lambda', '//', [
      "With proxy integration API Gateway passes the function's response through as it is: the function adds",
      `the headers to every response, and answers the OPTIONS preflight itself. ${ERROR_PATH}`,
      'Route OPTIONS to the function without an authorizer (preflights carry no credentials). Errors API',
      'Gateway writes itself never reach the function: see the API Gateway snippet.',
      'Use it as: export const handler = withCors(yourHandler);',
    ]),
    `const corsAllowedOrigins = new Set([${jsString(s.origin)}]);`,
    ``,
    `export const withCors = (handler) => async (event, context) => {`,
    `  const requestHeaders = Object.fromEntries(`,
    `    Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),`,
    `  );`,
    `  const origin = requestHeaders.origin ?? '';`,
    `  const allowed = corsAllowedOrigins.has(origin);`,
    `  const method = event.httpMethod ?? event.requestContext?.http?.method; // REST API (1.0) or HTTP API (2.0)`,
    `  const cors = { Vary: 'Origin' };`,
    `  if (allowed) {`,
    `    cors['Access-Control-Allow-Origin'] = origin;`,
    ...(s.credentials ? [`    cors['Access-Control-Allow-Credentials'] = 'true';`] : []),
    ...(s.expose.length ? [`    cors['Access-Control-Expose-Headers'] = ${jsString(s.expose.join(', '))};`] : []),
    `  }`,
    `  if (method === 'OPTIONS' && requestHeaders['access-control-request-method']) {`,
    `    const preflight = allowed`,
    `      ? {`,
    `          ${entry('Access-Control-Allow-Methods', allowedMethods(s).join(', '))},`,
    ...(s.headers.length ? [`          ${entry('Access-Control-Allow-Headers', s.headers.join(', '))},`] : []),
    `          'Access-Control-Max-Age': '${MAX_AGE_SECONDS}',`,
    `        }`,
    `      : {};`,
    `    return { statusCode: 204, headers: { ...cors, ...preflight }, body: '' };`,
    `  }`,
    `  let response;`,
    `  try {`,
    `    response = await handler(event, context);`,
    `  } catch (error) {`,
    `    console.error(error);`,
    `    response = { statusCode: 500, body: 'Internal Server Error' };`,
    `  }`,
    `  return { ...response, headers: { ...response.headers, ...cors } };`,
    `};`,
  ].join('\n');
}
