/**
 * FastAPI + Starlette's CORSMiddleware under uvicorn (Debian python3-fastapi, python3-uvicorn): one
 * Python process, one module per app (the minimal app's routes and auth middleware first, the
 * snippet at the end, where it says it goes), one uvicorn server per app on a socket bound to
 * port 0, all on one event loop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { portsFrom, readyLine, spawnProcess } from './child-process.ts';
import { fastapiToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, AUTH_TOKEN, localUrl, PATHS, type FrameworkHarness } from './types.ts';

const MINIMAL_APP = `
from fastapi import HTTPException, Request
from fastapi.responses import PlainTextResponse, RedirectResponse

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def minimal_app(app, redirects):
    # The authentication layer: an HTTP middleware, added before the snippet wraps the app.
    @app.middleware("http")
    async def authenticate(request: Request, call_next):
        if request.url.path.endswith(${JSON.stringify(PATHS.private)}) and request.headers.get("authorization") != ${JSON.stringify(AUTH_TOKEN)}:
            return PlainTextResponse("unauthorized", status_code=401)
        return await call_next(request)

    @app.api_route("/{path:path}", methods=METHODS)
    async def minimal(request: Request, path: str):
        if request.url.path.endswith(${JSON.stringify(PATHS.throws)}):
            raise RuntimeError("boom")
        if request.url.path.endswith(${JSON.stringify(PATHS.missing)}):
            raise HTTPException(status_code=404)
        location = redirects.get(request.url.path)
        if location is not None:
            return RedirectResponse(location, status_code=302)
        return PlainTextResponse("ok")
`;

const appModule = (snippet: string, redirects: Record<string, string>) => `import json

from fastapi import FastAPI

from minimal_app import minimal_app

app = FastAPI()
minimal_app(app, json.loads(${JSON.stringify(JSON.stringify(redirects))}))

${snippet}
`;

// argv[1]: [{ id, module }]. Prints READY {"id": port, …} once every server has started.
const SERVER = `
import asyncio
import importlib
import json
import socket
import sys

import uvicorn


async def main(apps):
    servers, ports = [], {}
    for a in apps:
        app = importlib.import_module(a["module"]).app
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off", access_log=False))
        # One process serves every app: SIGTERM must end the process, not one server.
        server.install_signal_handlers = lambda: None
        servers.append((server, sock))
        ports[a["id"]] = sock.getsockname()[1]
    tasks = [asyncio.create_task(server.serve(sockets=[sock])) for server, sock in servers]
    while not all(server.started for server, _ in servers):
        for task in tasks:
            if task.done():
                task.result()
                raise SystemExit("a server stopped during startup")
        await asyncio.sleep(0.01)
    print("READY " + json.dumps(ports), flush=True)
    await asyncio.gather(*tasks)


asyncio.run(main(json.loads(sys.argv[1])))
`;

export const fastapiHarness: FrameworkHarness = {
  framework: 'fastapi',
  label: 'FastAPI CORSMiddleware (uvicorn)',
  noVaryOnRefusals:
    "Starlette's CORSMiddleware adds Vary: Origin only to responses it allows (CORSMiddleware.send); the snippet says so",
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: null,
  probe: fastapiToolchain,
  async start(apps, toolchain, workDir) {
    fs.writeFileSync(path.join(workDir, 'minimal_app.py'), MINIMAL_APP);
    fs.writeFileSync(path.join(workDir, 'server.py'), SERVER);
    const table = apps.map((a, i) => {
      const module = `app_${i}`;
      fs.writeFileSync(path.join(workDir, `${module}.py`), appModule(a.snippet, a.redirects));
      return { id: a.id, module };
    });
    const server = spawnProcess(toolchain.executable, ['server.py', JSON.stringify(table)], {
      cwd: workDir,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    });
    const ports = portsFrom(await readyLine(server, 60_000));
    return { baseUrl: (id) => localUrl(ports.get(id)!), close: () => server.stop() };
  },
};
