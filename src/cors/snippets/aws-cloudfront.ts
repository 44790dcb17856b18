/** AWS CloudFront: a response headers policy with a CORS configuration that overrides the origin's. */
import { jsonString } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

/** The values AccessControlAllowMethods accepts. */
const CLOUDFRONT_METHODS = ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

export function awsCloudfront(s: SnippetInput): string {
  const methods = [...allowedMethods(s), 'OPTIONS'];
  const unsupported = methods.filter((m) => !CLOUDFRONT_METHODS.includes(m));
  const items = (values: string[]) =>
    `{ "Quantity": ${values.length}, "Items": [${values.map(jsonString).join(', ')}] }`;
  return [
    ...preamble('aws-cloudfront', '#', [
      'A response headers policy with OriginOverride: CloudFront sends these headers instead of whatever the',
      'origin sent, on the responses it serves. Attach the policy to the cache behavior (its',
      'ResponseHeadersPolicyId), allow OPTIONS in that behavior, and cache OPTIONS too; when the origin answers',
      'CORS itself (an S3 bucket), forward Origin with the managed origin request policy CORS-S3Origin.',
      ...(unsupported.length ? [`CloudFront cannot allow ${unsupported.join(', ')}.`] : []),
    ]),
    `cat > cors-policy.json <<'CORS_JSON'`,
    `{`,
    `  "Name": "cors-allow-list",`,
    `  "CorsConfig": {`,
    `    "AccessControlAllowOrigins": ${items([s.origin])},`,
    `    "AccessControlAllowMethods": ${items(methods.filter((m) => CLOUDFRONT_METHODS.includes(m)))},`,
    `    "AccessControlAllowHeaders": ${items(s.headers)},`,
    `    "AccessControlExposeHeaders": ${items(s.expose)},`,
    `    "AccessControlAllowCredentials": ${s.credentials ? 'true' : 'false'},`,
    `    "AccessControlMaxAgeSec": ${MAX_AGE_SECONDS},`,
    `    "OriginOverride": true`,
    `  }`,
    `}`,
    `CORS_JSON`,
    `aws cloudfront create-response-headers-policy --response-headers-policy-config file://cors-policy.json`,
  ].join('\n');
}
