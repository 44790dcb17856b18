/**
 * Server snippets that make one exact request pass, secure by default: an allow-list holding the one
 * observed origin (never reflection), never `*` with credentials, Max-Age ≤ 600 s, `Vary: Origin`.
 * Values come from the wire, so each is escaped for the language it lands in.
 */

export interface SnippetInput {
  origin: string;
  url: string;
  credentials: boolean;
  /** Non-safelisted methods to allow (empty when no preflight is involved). */
  methods: string[];
  /** Lower-cased request header names to allow. */
  headers: string[];
  /** Response header names to expose to JavaScript. */
  expose: string[];
  preflight: boolean;
}

export const MAX_AGE_SECONDS = 600;
const SECURE_NOTE = 'Secure by default: allow-list of the observed origin (no reflection), no "*" with credentials, Max-Age <= 600 s, Vary: Origin.';

/** A string literal valid in JavaScript, Python and Go (JSON escaping, ASCII only). */
function lit(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const list = (values: string[]) => `[${values.map(lit).join(', ')}]`;

/** nginx has no escape for `$`; anything outside this set is refused rather than half-escaped. */
const NGINX_SAFE = /^[A-Za-z0-9:/._\-,*\[\] ]*$/;
function ngx(value: string): string {
  return NGINX_SAFE.test(value) ? `"${value}"` : '"" # value refused: it holds characters nginx would interpret';
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '/';
  }
}

export function express(s: SnippetInput): string {
  const lines = [
    `// ${SECURE_NOTE}`,
    `// Register before authentication and routes, so OPTIONS preflights are answered first.`,
    `import cors from 'cors';`,
    ``,
    `app.use(cors({`,
    `  origin: ${list([s.origin])},`,
  ];
  if (s.credentials) lines.push(`  credentials: true,`);
  if (s.methods.length) lines.push(`  methods: ${list(['GET', 'HEAD', 'POST', ...s.methods])},`);
  if (s.headers.length) lines.push(`  allowedHeaders: ${list(s.headers)},`);
  if (s.expose.length) lines.push(`  exposedHeaders: ${list(s.expose)},`);
  lines.push(`  maxAge: ${MAX_AGE_SECONDS},`, `}));`);
  return lines.join('\n');
}

export function fastapi(s: SnippetInput): string {
  const py = (v: boolean) => (v ? 'True' : 'False');
  return [
    `# ${SECURE_NOTE}`,
    `# Add it last so it runs first (Starlette wraps middleware in reverse order), before any auth.`,
    `from fastapi.middleware.cors import CORSMiddleware`,
    ``,
    `app.add_middleware(`,
    `    CORSMiddleware,`,
    `    allow_origins=${list([s.origin])},`,
    `    allow_credentials=${py(s.credentials)},`,
    `    allow_methods=${list(['GET', 'HEAD', 'POST', ...s.methods])},`,
    `    allow_headers=${list(s.headers)},`,
    `    expose_headers=${list(s.expose)},`,
    `    max_age=${MAX_AGE_SECONDS},`,
    `)`,
  ].join('\n');
}

export function go(s: SnippetInput): string {
  const set = (name: string, value: string) => `\t\t\tw.Header().Set(${lit(name)}, ${lit(value)})`;
  const actual = [
    ...(s.credentials ? [set('Access-Control-Allow-Credentials', 'true')] : []),
    ...(s.expose.length ? [set('Access-Control-Expose-Headers', s.expose.join(', '))] : []),
  ];
  const preflight = [
    set('Access-Control-Allow-Methods', ['GET', 'HEAD', 'POST', ...s.methods].join(', ')),
    ...(s.headers.length ? [set('Access-Control-Allow-Headers', s.headers.join(', '))] : []),
    set('Access-Control-Max-Age', String(MAX_AGE_SECONDS)),
  ];
  return [
    `// ${SECURE_NOTE}`,
    `// Wrap your handler: http.ListenAndServe(addr, withCORS(mux)).`,
    `var allowedOrigins = map[string]bool{${lit(s.origin)}: true}`,
    ``,
    `func withCORS(next http.Handler) http.Handler {`,
    `\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {`,
    `\t\torigin := r.Header.Get("Origin")`,
    `\t\tw.Header().Add("Vary", "Origin")`,
    `\t\tallowed := allowedOrigins[origin]`,
    `\t\tif allowed {`,
    `\t\t\tw.Header().Set("Access-Control-Allow-Origin", origin)`,
    ...actual,
    `\t\t}`,
    `\t\tif r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {`,
    `\t\t\tif allowed {`,
    ...preflight.map((l) => `\t${l}`),
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
  const common = [
    `        add_header Access-Control-Allow-Origin $cors_origin always;`,
    ...(s.credentials ? [`        add_header Access-Control-Allow-Credentials "true" always;`] : []),
    `        add_header Vary Origin always;`,
  ];
  const expose = s.expose.length ? [`        add_header Access-Control-Expose-Headers ${ngx(s.expose.join(', '))} always;`] : [];
  return [
    `# ${SECURE_NOTE}`,
    `# In the http {} block: the allow-list (an unknown origin maps to "", and nginx then omits the header).`,
    `map $http_origin $cors_origin {`,
    `    default "";`,
    `    ${ngx(s.origin)} $http_origin;`,
    `}`,
    ``,
    `server {`,
    `    location = ${ngx(pathOf(s.url))} {`,
    `        if ($request_method = OPTIONS) {`,
    ...common.map((l) => `    ${l}`),
    `            add_header Access-Control-Allow-Methods ${ngx(['GET', 'HEAD', 'POST', ...s.methods].join(', '))} always;`,
    ...(s.headers.length ? [`            add_header Access-Control-Allow-Headers ${ngx(s.headers.join(', '))} always;`] : []),
    `            add_header Access-Control-Max-Age ${MAX_AGE_SECONDS} always;`,
    `            return 204;`,
    `        }`,
    ...common,
    ...expose,
    `        proxy_pass http://upstream;`,
    `    }`,
    `}`,
  ].join('\n');
}

export function buildSnippets(s: SnippetInput) {
  return { express: express(s), fastapi: fastapi(s), go: go(s), nginx: nginx(s) };
}
