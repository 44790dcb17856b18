/** AWS S3: the bucket's CORS configuration, written to a file and applied with the AWS CLI. */
import { jsonString } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

/** The methods a bucket CORS rule can allow. */
const S3_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

export function awsS3(s: SnippetInput): string {
  const methods = allowedMethods(s);
  const unsupported = methods.filter((m) => !S3_METHODS.includes(m));
  const list = (values: string[]) => `[${values.map(jsonString).join(', ')}]`;
  return [
    ...preamble('aws-s3', '#', [
      "S3 answers CORS from the bucket's CORS rules, error responses included; a request whose origin, method",
      'or headers match no rule gets 403 "CORSResponse: ..." without CORS headers. S3 sends Vary: Origin',
      'itself, and Access-Control-Allow-Credentials: true for a rule that names its origins. Replace',
      'YOUR_BUCKET; behind CloudFront, forward the Origin header too (the CloudFront snippet).',
      ...(unsupported.length
        ? [`S3 cannot allow ${unsupported.join(', ')}: a bucket rule takes only ${S3_METHODS.join(', ')}.`]
        : []),
    ]),
    `cat > cors.json <<'CORS_JSON'`,
    `{`,
    `  "CORSRules": [`,
    `    {`,
    `      "AllowedOrigins": ${list([s.origin])},`,
    `      "AllowedMethods": ${list(methods.filter((m) => S3_METHODS.includes(m)))},`,
    `      "AllowedHeaders": ${list(s.headers)},`,
    `      "ExposeHeaders": ${list(s.expose)},`,
    `      "MaxAgeSeconds": ${MAX_AGE_SECONDS}`,
    `    }`,
    `  ]`,
    `}`,
    `CORS_JSON`,
    `aws s3api put-bucket-cors --bucket YOUR_BUCKET --cors-configuration file://cors.json`,
  ].join('\n');
}
