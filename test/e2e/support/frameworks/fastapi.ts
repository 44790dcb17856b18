/**
 * FastAPI's CORSMiddleware under uvicorn (Debian python3-fastapi, python3-uvicorn): one Python
 * process, one module per app with the snippet spliced in, one uvicorn server per app on a socket
 * bound to port 0, all on one event loop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { portsFrom, readyLine, spawnProcess } from './child-process.ts';
import { fastapiToolchain } from './toolchains.ts';
import { localUrl, type FrameworkHarness } from './types.ts';

const MINIMAL_APP = `
from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def install_routes(app, redirects):
    @app.api_route("/{path:path}", methods=METHODS)
    async def minimal(request: Request, path: str):
        location = redirects.get(request.url.path)
        if location is not None:
            return RedirectResponse(location, status_code=302)
        return PlainTextResponse("ok")
`;

const appModule = (snippet: string) => `from fastapi import FastAPI

from minimal_app import install_routes

app = FastAPI()

${snippet}
`;

// argv[1]: [{ id, module, redirects }]. Prints READY {"id": port, …} once every server has started.
const SERVER = `
import asyncio
import importlib
import json
import socket
import sys

import uvicorn

from minimal_app import install_routes


async def main(apps):
    servers, ports = [], {}
    for a in apps:
        app = importlib.import_module(a["module"]).app
        install_routes(app, a["redirects"])
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
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
  // Starlette's CORSMiddleware.send() adds Vary: Origin only when it allows the origin (starlette/middleware/cors.py).
  varyOnRefusals: false,
  lowerCaseMethods: null,
  probe: fastapiToolchain,
  async start(apps, toolchain, workDir) {
    fs.writeFileSync(path.join(workDir, 'minimal_app.py'), MINIMAL_APP);
    fs.writeFileSync(path.join(workDir, 'server.py'), SERVER);
    const table = apps.map((a, i) => {
      const module = `app_${i}`;
      fs.writeFileSync(path.join(workDir, `${module}.py`), appModule(a.snippet));
      return { id: a.id, module, redirects: a.redirects };
    });
    const server = spawnProcess(toolchain.executable, ['server.py', JSON.stringify(table)], {
      cwd: workDir,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    });
    const ports = portsFrom(await readyLine(server, 60_000));
    return { baseUrl: (id) => localUrl(ports.get(id)!), close: () => server.stop() };
  },
};
