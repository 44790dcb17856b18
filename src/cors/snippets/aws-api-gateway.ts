/**
 * AWS API Gateway (REST API): gateway responses, for the errors API Gateway writes itself before
 * any integration runs. Their header values are static ('value' in single quotes), so they name the
 * one allowed origin.
 */
import { printableAscii } from '../snippet-literals.ts';
import { preamble, SECURE, type SnippetInput } from './common.ts';

/** A gateway-response header value: a single-quoted static value inside a YAML double-quoted scalar. */
const staticValue = (value: string) => `"'${value}'"`;
const writable = (value: string) => printableAscii(value) && !/['"\\]/.test(value);

export function awsApiGateway(s: SnippetInput): string {
  if (![s.origin, ...s.expose].every(writable)) {
    return [
      `# ${SECURE}`,
      `# No API Gateway snippet: an observed value holds characters a static gateway-response value cannot hold`,
      `# (outside printable ASCII, a quote or a backslash). Write the value by hand.`,
    ].join('\n');
  }
  const response = (id: string, type: string) => [
    `  ${id}:`,
    `    Type: AWS::ApiGateway::GatewayResponse`,
    `    Properties:`,
    `      RestApiId: !Ref YourRestApi`,
    `      ResponseType: ${type}`,
    `      ResponseParameters:`,
    `        gatewayresponse.header.Access-Control-Allow-Origin: ${staticValue(s.origin)}`,
    ...(s.credentials
      ? [`        gatewayresponse.header.Access-Control-Allow-Credentials: ${staticValue('true')}`]
      : []),
    ...(s.expose.length
      ? [`        gatewayresponse.header.Access-Control-Expose-Headers: ${staticValue(s.expose.join(', '))}`]
      : []),
    `        gatewayresponse.header.Vary: ${staticValue('Origin')}`,
  ];
  return [
    ...preamble('aws-api-gateway', '#', [
      'Resources of your CloudFormation / SAM template (YourRestApi: your AWS::ApiGateway::RestApi). API Gateway',
      'answers some requests before your integration runs: an authorizer that refuses (401/403), a missing route',
      'or API key (403 "Missing Authentication Token"), throttling (429), integration timeouts (504). These',
      'gateway responses add the headers to them; a static value cannot depend on the request, so it names the',
      'one allowed origin (another origin is still refused: the value does not match it). Your integration',
      'answers CORS for everything else (the AWS Lambda snippet). An HTTP API (API Gateway v2) has',
      'CorsConfiguration on the API instead, which covers its own errors too.',
    ]),
    `Resources:`,
    ...response('CorsGatewayResponse4xx', 'DEFAULT_4XX'),
    ...response('CorsGatewayResponse5xx', 'DEFAULT_5XX'),
  ].join('\n');
}
