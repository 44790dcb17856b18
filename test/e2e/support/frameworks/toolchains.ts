/**
 * Finds each framework on this machine and reads the versions that are actually installed. The
 * Debian packages come from .ci/install-frameworks.sh; Express and cors from npm.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Toolchain } from './types.ts';

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
