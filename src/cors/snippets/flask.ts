/**
 * Flask with flask-cors. flask-cors reads a string holding `*`, `$`, `^`, `?`, `(`, `[` or `\` as an
 * unanchored regular expression, so such a value is written as an escaped, anchored pattern; and it
 * sends Vary: Origin only when several origins are allowed, so the snippet adds it.
 */
import { pyString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

/** flask-cors' probably_regex() characters (flask_cors/core.py). */
const REGEX_LOOKING = /[*\\\]?$^[()]/;

function pattern(value: string, flags = ''): string {
  return REGEX_LOOKING.test(value) ? `re.compile(re.escape(${pyString(value)}) + r"\\Z"${flags})` : pyString(value);
}

export function flask(s: SnippetInput): string {
  const needsRe = [s.origin, ...s.headers].some((v) => REGEX_LOOKING.test(v));
  const list = (values: string[]) => `[${values.map(pyString).join(', ')}]`;
  return [
    ...preamble('flask', '#', [
      'Right after app = Flask(__name__), before any @app.before_request that authenticates: Flask runs',
      'before_request hooks in registration order, so the preflight hook below answers first.',
      `flask-cors adds the headers after each request and to Flask's own error responses: ${ERROR_PATH}`,
    ]),
    ...(needsRe ? ['import re', ''] : []),
    `from flask import request`,
    `from flask_cors import CORS`,
    ``,
    `CORS(`,
    `    app,`,
    `    origins=[${pattern(s.origin)}],  # the allow-list, compared exactly`,
    `    supports_credentials=${s.credentials ? 'True' : 'False'},`,
    `    methods=${list(allowedMethods(s))},`,
    `    allow_headers=[${s.headers.map((h) => pattern(h, ', re.IGNORECASE')).join(', ')}],`,
    `    expose_headers=${list(s.expose)},`,
    `    max_age=${MAX_AGE_SECONDS},`,
    `)`,
    ``,
    ``,
    `@app.before_request`,
    `def answer_cors_preflight():`,
    `    # A preflight never carries cookies or Authorization: answer it before authentication runs.`,
    `    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:`,
    `        return app.make_default_options_response()`,
    ``,
    ``,
    `@app.after_request`,
    `def vary_on_origin(response):`,
    `    # flask-cors 3 sends Vary: Origin only when several origins are allowed; the answer depends on Origin anyway.`,
    `    response.vary.add("Origin")`,
    `    return response`,
  ].join('\n');
}
