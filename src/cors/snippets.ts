/**
 * Server snippets that make one exact request pass, secure by default: an allow-list holding the
 * observed origin (never reflection of any Origin), never `*` with credentials, Max-Age ≤ 600 s,
 * `Vary: Origin` wherever the allowed origin is echoed. Every snippet is run in its real framework
 * by test/e2e/fix-verification, with the versions in verified-versions.ts. Values come from the
 * wire, so each is written with the literal helper of the language it lands in.
 */
import {
  commentText,
  goString,
  jsString,
  NGINX_DOLLAR_VARIABLE,
  nginxMapKey,
  nginxValue,
  nginxWritable,
  pyString,
} from './snippet-literals.ts';
import { VERIFIED_VERSIONS, type SnippetFramework } from './verified-versions.ts';

export interface SnippetInput {
  /** The one origin to allow-list. */
  origin: string;
  /** The URL that failed (named in comments only). */
  url: string;
  credentials: boolean;
  /** Non-safelisted methods to allow besides GET, HEAD and POST. */
  methods: string[];
  /** Lower-cased request header names to allow. */
  headers: string[];
  /** Response header names to expose to JavaScript. */
  expose: string[];
}

export type Snippets = Record<SnippetFramework, string>;

/** Chromium caps preflight caching at 2 h; 10 min keeps a corrected policy from staying cached long. */
export const MAX_AGE_SECONDS = 600;

/** The comment line that starts the nginx snippet's `server {}` part (the rest goes in `http {}`). */
export const NGINX_SERVER_PART = '# In the server {} block:';

const SECURE =
  'Secure by default: only the allow-listed origin gets CORS headers (no reflection), no "*" with credentials, Max-Age <= 600 s, Vary: Origin.';

const verified = (f: SnippetFramework) =>
  `Verified against ${VERIFIED_VERSIONS[f].map((c) => `${c.name} ${c.version}`).join(', ')} by CORS Inspector's fix-verification suite.`;

const allowedMethods = (s: SnippetInput) => [
  'GET',
  'HEAD',
  'POST',
  ...s.methods.filter((m) => !['GET', 'HEAD', 'POST'].includes(m)),
];

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export function express(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(jsString).join(', ')}]`;
  return [
    `// ${SECURE}`,
    `// ${verified('express')}`,
    `// Register it before authentication and your routes: it answers OPTIONS preflights itself (204),`,
    `// and preflights never carry cookies or Authorization, so auth placed first would reject them.`,
    `import cors from 'cors';`,
    ``,
    `app.use(cors({`,
    `  origin: ${list([s.origin])}, // the allow-list: add each trusted origin; cors echoes only these`,
    ...(s.credentials ? [`  credentials: true,`] : []),
    `  methods: ${list(allowedMethods(s))},`,
    `  allowedHeaders: ${list(s.headers)}, // an explicit list: without one, cors echoes whatever is requested`,
    ...(s.expose.length ? [`  exposedHeaders: ${list(s.expose)},`] : []),
    `  maxAge: ${MAX_AGE_SECONDS},`,
    `}));`,
  ].join('\n');
}

export function fastapi(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(pyString).join(', ')}]`;
  return [
    `# ${SECURE}`,
    `# ${verified('fastapi')}`,
    `# Add it after any other add_middleware() call: the middleware added last runs first, so CORS`,
    `# answers OPTIONS preflights before authentication (preflights never carry cookies or Authorization).`,
    `# Starlette adds Vary: Origin only to responses it allows; behind a shared cache, send Vary: Origin on every response.`,
    `from fastapi.middleware.cors import CORSMiddleware`,
    ``,
    `app.add_middleware(`,
    `    CORSMiddleware,`,
    `    allow_origins=${list([s.origin])},  # the allow-list; an allow_origin_regex must be anchored and name each trusted host`,
    `    allow_credentials=${s.credentials ? 'True' : 'False'},`,
    `    allow_methods=${list(allowedMethods(s))},`,
    `    allow_headers=${list(s.headers)},`,
    `    expose_headers=${list(s.expose)},`,
    `    max_age=${MAX_AGE_SECONDS},`,
    `)`,
  ].join('\n');
}

export function go(s: SnippetInput): string {
  const set = (indent: string, name: string, value: string) =>
    `${indent}w.Header().Set(${goString(name)}, ${goString(value)})`;
  const inner = '\t\t\t';
  const innermost = '\t\t\t\t';
  return [
    `// ${SECURE}`,
    `// ${verified('go')}`,
    `// Make it the outermost handler, outside authentication: http.ListenAndServe(addr, withCORS(mux)).`,
    `// It answers OPTIONS preflights itself (204): they never carry cookies or Authorization.`,
    `var corsAllowedOrigins = map[string]bool{`,
    `\t${goString(s.origin)}: true,`,
    `}`,
    ``,
    `func withCORS(next http.Handler) http.Handler {`,
    `\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {`,
    `\t\torigin := r.Header.Get("Origin")`,
    `\t\tw.Header().Add("Vary", "Origin")`,
    `\t\tallowed := corsAllowedOrigins[origin]`,
    `\t\tif allowed {`,
    `${inner}w.Header().Set("Access-Control-Allow-Origin", origin)`,
    ...(s.credentials ? [set(inner, 'Access-Control-Allow-Credentials', 'true')] : []),
    ...(s.expose.length ? [set(inner, 'Access-Control-Expose-Headers', s.expose.join(', '))] : []),
    `\t\t}`,
    `\t\tif r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {`,
    `\t\t\tif allowed {`,
    set(innermost, 'Access-Control-Allow-Methods', allowedMethods(s).join(', ')),
    ...(s.headers.length ? [set(innermost, 'Access-Control-Allow-Headers', s.headers.join(', '))] : []),
    set(innermost, 'Access-Control-Max-Age', String(MAX_AGE_SECONDS)),
    `\t\t\t}`,
    `\t\t\tw.WriteHeader(http.StatusNoContent)`,
    `\t\t\treturn`,
    `\t\t}`,
    `\t\tnext.ServeHTTP(w, r)`,
    `\t})`,
    `}`,
  ].join('\n');
}

export function nginx(s: SnippetInput): string {
  const values = [s.origin, ...s.methods, ...s.headers, ...s.expose];
  if (!values.every(nginxWritable)) {
    return [
      `# ${SECURE}`,
      `# No nginx snippet: an observed value holds bytes outside printable ASCII, which nginx`,
      `# configuration cannot spell safely. Use one of the other snippets, or write the value by hand.`,
    ].join('\n');
  }
  const needsDollar = values.some((v) => v.includes('$'));
  const add = (indent: string, name: string, value: string) => `${indent}add_header ${name} ${value} always;`;
  const both = (indent: string) => [
    add(indent, 'Access-Control-Allow-Origin', '$cors_allow_origin'),
    ...(s.credentials ? [add(indent, 'Access-Control-Allow-Credentials', '"true"')] : []),
    add(indent, 'Vary', 'Origin'),
  ];
  return [
    `# ${SECURE}`,
    `# ${verified('nginx')}`,
    `# In the http {} block: the allow-list. Any other origin maps to "", and nginx omits a header whose value is empty.`,
    `map $http_origin $cors_allow_origin {`,
    `    default "";`,
    `    ${nginxMapKey(s.origin)} $http_origin;`,
    `}`,
    ...(needsDollar ? [`geo $${NGINX_DOLLAR_VARIABLE} { default "$"; } # a literal "$" for the values below`] : []),
    ``,
    NGINX_SERVER_PART,
    `# put these lines in the location that serves ${commentText(pathOf(s.url))}: add_header is not inherited`,
    `# into a location that has add_header lines of its own.`,
    `location / {`,
    `    # Answered in the rewrite phase, before auth_request/auth_basic and the upstream:`,
    `    # preflights never carry cookies or Authorization.`,
    `    if ($request_method = OPTIONS) {`,
    ...both('        '),
    add('        ', 'Access-Control-Allow-Methods', nginxValue(allowedMethods(s).join(', '))),
    ...(s.headers.length ? [add('        ', 'Access-Control-Allow-Headers', nginxValue(s.headers.join(', ')))] : []),
    add('        ', 'Access-Control-Max-Age', String(MAX_AGE_SECONDS)),
    `        return 204;`,
    `    }`,
    `    # CORS is answered here only: the upstream's own CORS headers would make a second value.`,
    `    proxy_hide_header Access-Control-Allow-Origin;`,
    `    proxy_hide_header Access-Control-Allow-Credentials;`,
    `    proxy_hide_header Access-Control-Expose-Headers;`,
    ...both('    '),
    ...(s.expose.length ? [add('    ', 'Access-Control-Expose-Headers', nginxValue(s.expose.join(', ')))] : []),
    `    proxy_pass http://backend; # your upstream`,
    `}`,
  ].join('\n');
}

export function buildSnippets(s: SnippetInput): Snippets {
  return { express: express(s), fastapi: fastapi(s), go: go(s), nginx: nginx(s) };
}

/** For a fix no server change can make: every snippet says so, in its language's comment syntax. */
export function commentOnlySnippets(why: string): Snippets {
  const text = commentText(why, 400);
  return { express: `// ${text}`, fastapi: `# ${text}`, go: `// ${text}`, nginx: `# ${text}` };
}
