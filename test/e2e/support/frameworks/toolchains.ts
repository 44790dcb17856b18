/**
 * Finds each framework on this machine and reads the versions that are actually installed. The
 * Debian packages and the npm frameworks (test/e2e/support/frameworks/npm) come from
 * .ci/install-frameworks.sh; Express and cors from the project's own npm ci.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Toolchain } from './types.ts';

/** Where .ci/install-frameworks.sh installs the npm frameworks (its own package.json and lockfile). */
export const FRAMEWORKS_NODE_MODULES = path.resolve(import.meta.dirname, 'npm/node_modules');

const INSTALL_HINT = 'run .ci/install-frameworks.sh';

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string } | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 20_000 }, (error, stdout, stderr) => resolve(error ? null : { stdout, stderr }));
  });
}

/** The first candidate that runs `args` successfully, with its output. */
async function firstWorking(candidates: string[], args: string[]) {
  for (const executable of candidates) {
    const out = await run(executable, args);
    if (out) return { executable, ...out };
  }
  return null;
}

export async function expressToolchain(): Promise<Toolchain> {
  const require = createRequire(import.meta.url);
  try {
    const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
    return {
      ok: true,
      executable: process.execPath,
      components: [
        { name: 'Express', version: version('express') },
        { name: 'cors', version: version('cors') },
      ],
    };
  } catch (error) {
    return { ok: false, reason: `express or cors is not installed from npm (${String(error)}): run npm ci` };
  }
}

/** Debian's python3-fastapi installs into /usr/bin/python3's dist-packages, which a pyenv `python3` does not see. */
export async function fastapiToolchain(): Promise<Toolchain> {
  const script =
    'import json, fastapi, starlette, uvicorn; print(json.dumps([fastapi.__version__, starlette.__version__, uvicorn.__version__]))';
  const found = await firstWorking(['/usr/bin/python3', 'python3'], ['-c', script]);
  if (!found)
    return {
      ok: false,
      reason: `no python3 can import fastapi, starlette and uvicorn (Debian python3-fastapi, python3-uvicorn): ${INSTALL_HINT}`,
    };
  const [fastapi, starlette, uvicorn] = JSON.parse(found.stdout) as [string, string, string];
  return {
    ok: true,
    executable: found.executable,
    components: [
      { name: 'FastAPI', version: fastapi },
      { name: 'Starlette', version: starlette },
      { name: 'uvicorn', version: uvicorn },
    ],
  };
}

export async function goToolchain(): Promise<Toolchain> {
  const found = await firstWorking(['go', '/usr/lib/go/bin/go'], ['env', 'GOVERSION']);
  if (!found) return { ok: false, reason: `no go command (Debian golang-go): ${INSTALL_HINT}` };
  return {
    ok: true,
    executable: found.executable,
    components: [{ name: 'Go', version: found.stdout.trim().replace(/^go/, '') }],
  };
}

export async function nginxToolchain(): Promise<Toolchain> {
  // `nginx -v` prints "nginx version: nginx/1.22.1" on stderr; /usr/sbin is not on every PATH.
  const found = await firstWorking(['nginx', '/usr/sbin/nginx'], ['-v']);
  const version = found?.stderr.match(/nginx\/(\S+)/)?.[1];
  if (!found || !version) return { ok: false, reason: `no nginx (Debian nginx): ${INSTALL_HINT}` };
  return { ok: true, executable: found.executable, components: [{ name: 'nginx', version }] };
}

/** Versions of npm packages installed in the frameworks folder, or why they are missing. */
function npmFrameworks(packages: [display: string, pkg: string][], executable = process.execPath): Toolchain {
  try {
    const components = packages.map(([name, pkg]) => {
      const file = path.join(FRAMEWORKS_NODE_MODULES, pkg, 'package.json');
      return { name, version: (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version };
    });
    return { ok: true, executable, components };
  } catch (error) {
    return {
      ok: false,
      reason: `${packages.map(([, p]) => p).join(' + ')} not installed in test/e2e/support/frameworks/npm (${String(error).split('\n')[0]}): ${INSTALL_HINT}`,
    };
  }
}

export const fastifyToolchain = async () =>
  npmFrameworks([
    ['Fastify', 'fastify'],
    ['@fastify/cors', '@fastify/cors'],
  ]);
export const koaToolchain = async () =>
  npmFrameworks([
    ['Koa', 'koa'],
    ['@koa/cors', '@koa/cors'],
  ]);
export const honoToolchain = async () =>
  npmFrameworks([
    ['Hono', 'hono'],
    ['@hono/node-server', '@hono/node-server'],
  ]);
export const nextjsToolchain = async () => npmFrameworks([['Next.js', 'next']]);

/** workerd ships its binary inside the npm package (@cloudflare/workerd-linux-64). */
export async function workerdToolchain(): Promise<Toolchain> {
  const found = npmFrameworks([['workerd', 'workerd']]);
  if (!found.ok) return found;
  const executable = path.join(FRAMEWORKS_NODE_MODULES, '.bin', 'workerd');
  const runs = await run(executable, ['--version']);
  if (!runs) return { ok: false, reason: `the workerd binary from npm does not run here (${executable})` };
  return { ...found, executable };
}

/** Debian's Python packages live in /usr/bin/python3's dist-packages, which a pyenv `python3` does not see. */
async function pythonWith(script: string, what: string): Promise<{ executable: string; versions: string[] } | string> {
  const found = await firstWorking(['/usr/bin/python3', 'python3'], ['-c', script]);
  if (!found) return `no python3 can import ${what}: ${INSTALL_HINT}`;
  return { executable: found.executable, versions: JSON.parse(found.stdout) as string[] };
}

export async function djangoToolchain(): Promise<Toolchain> {
  const found = await pythonWith(
    'import json, django, corsheaders, importlib.metadata as m; print(json.dumps([django.__version__, m.version("django-cors-headers")]))',
    'django and corsheaders (Debian python3-django, python3-django-cors-headers)',
  );
  if (typeof found === 'string') return { ok: false, reason: found };
  const [django, corsheaders] = found.versions as [string, string];
  return {
    ok: true,
    executable: found.executable,
    components: [
      { name: 'Django', version: django },
      { name: 'django-cors-headers', version: corsheaders },
    ],
  };
}

export async function flaskToolchain(): Promise<Toolchain> {
  const found = await pythonWith(
    'import json, flask_cors, importlib.metadata as m; print(json.dumps([m.version("flask"), flask_cors.__version__]))',
    'flask and flask_cors (Debian python3-flask, python3-flask-cors)',
  );
  if (typeof found === 'string') return { ok: false, reason: found };
  const [flask, flaskCors] = found.versions as [string, string];
  return {
    ok: true,
    executable: found.executable,
    components: [
      { name: 'Flask', version: flask },
      { name: 'Flask-Cors', version: flaskCors },
    ],
  };
}

export async function railsToolchain(): Promise<Toolchain> {
  const script =
    'require "json"; require "rails"; require "rack/cors"; require "webrick"; puts JSON.dump([Rails.version, Gem::Specification.find_by_name("rack-cors").version.to_s, Rack.release])';
  const found = await firstWorking(['ruby', '/usr/bin/ruby'], ['-e', script]);
  if (!found)
    return {
      ok: false,
      reason: `no ruby can load rails, rack-cors and webrick (Debian ruby-railties, ruby-actionpack, ruby-rack-cors, ruby-webrick): ${INSTALL_HINT}`,
    };
  const [rails, rackCors, rack] = JSON.parse(found.stdout) as [string, string, string];
  return {
    ok: true,
    executable: found.executable,
    components: [
      { name: 'Rails', version: rails },
      { name: 'rack-cors', version: rackCors },
      { name: 'Rack', version: rack },
    ],
  };
}

export async function apacheToolchain(): Promise<Toolchain> {
  // `apache2 -v` prints "Server version: Apache/2.4.71 (Debian)"; /usr/sbin is not on every PATH.
  const found = await firstWorking(['apache2', '/usr/sbin/apache2'], ['-v']);
  const version = found?.stdout.match(/Apache\/(\S+)/)?.[1];
  const modules = '/usr/lib/apache2/modules/mod_headers.so';
  if (!found || !version || !fs.existsSync(modules))
    return { ok: false, reason: `no apache2 with mod_headers (Debian apache2): ${INSTALL_HINT}` };
  return { ok: true, executable: found.executable, components: [{ name: 'Apache httpd', version }] };
}

export async function caddyToolchain(): Promise<Toolchain> {
  // `caddy version` prints "2.6.2" (Debian) or "v2.8.4 h1:..." (upstream builds).
  const found = await firstWorking(['caddy', '/usr/bin/caddy'], ['version']);
  const version = found?.stdout.match(/v?(\d+\.\d+\.\d+)/)?.[1];
  if (!found || !version) return { ok: false, reason: `no caddy (Debian caddy): ${INSTALL_HINT}` };
  return { ok: true, executable: found.executable, components: [{ name: 'Caddy', version }] };
}
