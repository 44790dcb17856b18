import { execFileSync } from 'node:child_process';
import cors from 'cors';
import { PYTHON } from './python.ts';
import { describe, expect, it } from 'vitest';
import {
  MAX_AGE_SECONDS,
  NGINX_SERVER_PART,
  renderSnippets,
  snippetCode,
  type SnippetInput,
} from '../../../src/cors/snippets.ts';
import { regexLiteral } from '../../../src/cors/snippet-literals.ts';
import { STACK_IDS, STACKS } from '../../../src/cors/stacks.ts';
import { VERIFICATION, verificationLine } from '../../../src/cors/verified-versions.ts';
import { HOSTILE } from './hostile-values.ts';

const PAGE = 'http://127.0.0.1:5173';
const input = (extra: Partial<SnippetInput> = {}): SnippetInput => ({
  origin: PAGE,
  url: 'http://localhost:8080/api/orders',
  credentials: true,
  methods: ['PUT'],
  headers: ['content-type', 'x-api-key'],
  expose: ['x-total-count'],
  ...extra,
});

type Captured = { headers: Record<string, string>; status: number | null; next: boolean };

/** Runs the Express snippet with the real `cors` package on a fake request (the import line is the only thing provided). */
function runExpressSnippet(snippet: string, request: { method: string; headers: Record<string, string> }): Captured {
  const middleware: ((req: unknown, res: unknown, next: () => void) => void)[] = [];
  const app = { use: (m: (typeof middleware)[number]) => middleware.push(m) };
  new Function('app', 'cors', snippet.replace("import cors from 'cors';", ''))(app, cors);
  const out: Captured = { headers: {}, status: null, next: false };
  const res = {
    statusCode: 200,
    getHeader: (name: string) => out.headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => {
      out.headers[name.toLowerCase()] = value;
    },
    end: () => {
      out.status = res.statusCode;
    },
  };
  expect(middleware).toHaveLength(1);
  middleware[0]!(request, res, () => {
    out.next = true;
  });
  return out;
}

/** Executes FastAPI snippets in one Python process, each with a stand-in CORSMiddleware, and returns the keyword arguments each passed. */
function fastapiKeywords(snippets: string[]): Record<string, unknown>[] {
  const program = [
    'import json, sys, types',
    'stub = types.ModuleType("starlette.middleware.cors")',
    'stub.CORSMiddleware = lambda app, **kw: dict(kw, wraps=app)',
    'sys.modules.update({"starlette": types.ModuleType("starlette"), "starlette.middleware": types.ModuleType("starlette.middleware"), "starlette.middleware.cors": stub})',
    'out = []',
    'for snippet in json.load(sys.stdin):',
    '    scope = {"app": "the app"}',
    '    exec(snippet, scope)',
    '    out.append(scope["app"])',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(
    execFileSync(PYTHON!, ['-c', program], { input: JSON.stringify(snippets), encoding: 'utf8' }),
  ) as Record<string, unknown>[];
}

describe('every snippet', () => {
  it.each(renderSnippets(input()).map((s) => [s.stack, s] as const))(
    '%s starts with the secure-by-default line, then says whether it is verified',
    (stack, snippet) => {
      const [first, second] = snippet.code.split('\n');
      expect(first).toMatch(
        /^(\/\/|#) Secure by default: only the allow-listed origin .* no "\*" with credentials, Max-Age <= 600 s, Vary: Origin\.$/,
      );
      expect(second).toBe(`${first!.startsWith('#') ? '#' : '//'} ${verificationLine(stack)}`);
      if (!VERIFICATION[stack].verified)
        expect(second).toMatch(/^(\/\/|#) NOT VERIFIED \(.+\): written against https:\/\//);
      expect(snippet.code).toContain(String(MAX_AGE_SECONDS));
      expect(snippet.code).not.toMatch(
        /max_age(=|: )(?!600)\d|maxAge: (?!600)\d|Max-Age['"]?,? ['"]?(?!600)\d|MaxAge\w*": (?!600)\d/,
      );
      expect(snippet.code).toContain(['apache', 'caddy'].includes(stack) ? regexLiteral(PAGE) : PAGE);
      expect(snippet.label).toBe(STACKS[stack].label);
    },
  );

  it('covers every stack, in the registry order', () => {
    expect(renderSnippets(input()).map((s) => s.stack)).toEqual([...STACK_IDS]);
  });
});

describe('Express + cors (run with the real cors package)', () => {
  const preflight = (origin: string, snippet = snippetCode('express', input())) =>
    runExpressSnippet(snippet, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });

  it("answers the allowed origin's preflight itself with exactly the fix", () => {
    const out = preflight(PAGE);
    expect(out).toMatchObject({ status: 204, next: false });
    expect(out.headers).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET,HEAD,POST,PUT',
      'access-control-allow-headers': 'content-type,x-api-key',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('gives another origin no Access-Control-Allow-Origin, and still varies on Origin', () => {
    const out = preflight('https://evil.example');
    expect(out.headers['access-control-allow-origin']).toBeUndefined();
    expect(out.headers.vary).toBe('Origin');
  });

  it('passes actual requests on to the routes with the origin and exposed headers', () => {
    const out = runExpressSnippet(snippetCode('express', input()), { method: 'GET', headers: { origin: PAGE } });
    expect(out.next).toBe(true);
    expect(out.headers).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-expose-headers': 'x-total-count',
    });
  });

  it('does not reflect requested headers when none are needed (an explicit empty list)', () => {
    const snippet = snippetCode('express', input({ headers: [] }));
    expect(snippet).toContain('allowedHeaders: []');
    expect(preflight(PAGE, snippet).headers['access-control-allow-headers']).toBeUndefined();
  });

  it.each(HOSTILE)('keeps the hostile origin %j a literal: only that exact origin is allowed', (origin) => {
    const snippet = snippetCode('express', input({ origin, headers: [origin] }));
    expect(preflight(origin, snippet).headers['access-control-allow-origin']).toBe(origin);
    expect(preflight(`${origin}x`, snippet).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe.skipIf(!PYTHON)('FastAPI CORSMiddleware (executed by Python against a stand-in app)', () => {
  it('passes the allow-list and the fix as keyword arguments', () => {
    expect(fastapiKeywords([snippetCode('fastapi', input())])).toEqual([
      {
        wraps: 'the app',
        allow_origins: [PAGE],
        allow_credentials: true,
        allow_methods: ['GET', 'HEAD', 'POST', 'PUT'],
        allow_headers: ['content-type', 'x-api-key'],
        expose_headers: ['x-total-count'],
        max_age: 600,
      },
    ]);
  });

  it('writes every hostile value as the literal it is', () => {
    const keywords = fastapiKeywords(
      HOSTILE.map((origin) => snippetCode('fastapi', input({ origin, headers: [origin] }))),
    );
    expect(keywords.map((kw) => kw.allow_origins)).toEqual(HOSTILE.map((v) => [v]));
    expect(keywords.map((kw) => kw.allow_headers)).toEqual(HOSTILE.map((v) => [v]));
  });
});

describe('Go net/http', () => {
  it('validates Origin against the allow-list, varies on it, and answers preflights with 204', () => {
    const snippet = snippetCode('go', input());
    expect(snippet).toContain(`"${PAGE}": true`);
    expect(snippet).toContain('w.Header().Add("Vary", "Origin")');
    expect(snippet).toContain('allowed := corsAllowedOrigins[origin]');
    expect(snippet).toContain('w.WriteHeader(http.StatusNoContent)');
    expect(snippet).toContain('"Access-Control-Allow-Methods", "GET, HEAD, POST, PUT"');
  });

  it('escapes what Go cannot hold: a lone surrogate becomes U+FFFD, astral code points \\U', () => {
    const snippet = snippetCode('go', input({ origin: 'a\ud800😀"' }));
    expect(snippet).toContain('"a\\uFFFD\\U0001F600\\"": true');
  });
});

describe('nginx', () => {
  const snippet = snippetCode('nginx', input());

  it('has a map allow-list for http {}, then the marker and a location with an OPTIONS branch', () => {
    const [http, server] = snippet.split(`\n${NGINX_SERVER_PART}\n`);
    expect(http).toContain(`map $http_origin $cors_allow_origin {\n    default "";\n    "${PAGE}" $http_origin;\n}`);
    expect(server).toMatch(/if \(\$request_method = OPTIONS\) \{[^}]*return 204;\n {4}\}/);
    expect(
      server!
        .split('\n')
        .filter((l) => l.trim().startsWith('add_header'))
        .every((l) => l.endsWith(' always;')),
    ).toBe(true);
    expect(server).toContain('proxy_hide_header Access-Control-Allow-Origin;');
  });

  it('spells a "$" in a value through a geo variable instead of a variable reference', () => {
    const dollar = snippetCode('nginx', input({ headers: ['x-$uri'] }));
    expect(dollar).toContain('geo $cors_dollar { default "$"; }');
    expect(dollar).toContain('add_header Access-Control-Allow-Headers "x-${cors_dollar}uri" always;');
  });

  it('refuses values nginx cannot spell, rather than half-escaping them', () => {
    const refused = snippetCode('nginx', input({ origin: 'http://a\nb' }));
    expect(refused).not.toContain('map ');
    expect(refused).toMatch(/No nginx snippet/);
  });
});
