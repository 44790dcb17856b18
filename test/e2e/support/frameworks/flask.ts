/**
 * Flask + flask-cors (Debian python3-flask, python3-flask-cors): one Python process, one module per
 * app (the snippet right after `app = Flask(__name__)`, then the minimal app's authentication hook
 * and routes, as the snippet says), one threaded Werkzeug server per app on port 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { portsFrom, readyLine, spawnProcess } from './child-process.ts';
import { flaskToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, AUTH_TOKEN, localUrl, PATHS, type FrameworkHarness } from './types.ts';

const MINIMAL_APP = `
from flask import Response, abort, redirect, request


def minimal_app(app, redirects):
    # The authentication layer: a before_request hook registered after the snippet's.
    @app.before_request
    def authenticate():
        if request.path.endswith(${JSON.stringify(PATHS.private)}) and request.headers.get("Authorization") != ${JSON.stringify(AUTH_TOKEN)}:
            return Response("unauthorized", status=401, content_type="text/plain")

    @app.route("/", defaults={"path": ""}, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
    @app.route("/<path:path>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
    def minimal(path):
        if request.path.endswith(${JSON.stringify(PATHS.throws)}):
            raise RuntimeError("boom")
        if request.path.endswith(${JSON.stringify(PATHS.missing)}):
            abort(404)
        location = redirects.get(request.path)
        if location is not None:
            return redirect(location, code=302)
        return Response("ok", content_type="text/plain")
`;

const appModule = (snippet: string, redirects: Record<string, string>) => `import json

from flask import Flask

from minimal_app import minimal_app

app = Flask(__name__)

${snippet}

minimal_app(app, json.loads(${JSON.stringify(JSON.stringify(redirects))}))
`;

// argv[1]: [{ id, module }]. Prints READY {"id": port, …} once every server listens.
const SERVER = `
import importlib
import json
import logging
import sys
import threading

from werkzeug.serving import make_server

logging.getLogger("werkzeug").setLevel(logging.ERROR)
ports = {}
for a in json.loads(sys.argv[1]):
    server = make_server("127.0.0.1", 0, importlib.import_module(a["module"]).app, threaded=True)
    ports[a["id"]] = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
print("READY " + json.dumps(ports), flush=True)
threading.Event().wait()
`;

export const flaskHarness: FrameworkHarness = {
  framework: 'flask',
  label: 'Flask + flask-cors',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods:
    "flask-cors upper-cases every method it lists (sanitize_methods), and Chromium compares a method it does not normalize, such as 'patch', case-sensitively",
  probe: flaskToolchain,
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
