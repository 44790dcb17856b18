/**
 * Django + django-cors-headers (Debian python3-django, python3-django-cors-headers). Django's
 * settings are per process, so each app is its own process: a settings module (the minimal app's
 * settings, then the snippet appended, as it says), Django's system checks run (a snippet they
 * reject fails here, as it would for `manage.py runserver`), and Django's threaded WSGI server on
 * port 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processPerApp, readyLine, spawnProcess } from './child-process.ts';
import { djangoToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, AUTH_TOKEN, PATHS, type FrameworkHarness } from './types.ts';

const MINIMAL_APP = `
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.conf import settings
from django.urls import re_path


class AuthMiddleware:
    """The authentication layer, in MIDDLEWARE after the snippet's CorsMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.endswith(${JSON.stringify(PATHS.private)}) and request.headers.get("Authorization") != ${JSON.stringify(AUTH_TOKEN)}:
            return HttpResponse("unauthorized", status=401, content_type="text/plain")
        return self.get_response(request)


def minimal(request):
    if request.path.endswith(${JSON.stringify(PATHS.throws)}):
        raise RuntimeError("boom")
    if request.path.endswith(${JSON.stringify(PATHS.missing)}):
        raise Http404()
    location = settings.MINIMAL_REDIRECTS.get(request.path)
    if location is not None:
        return HttpResponseRedirect(location)
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [re_path(r"", minimal)]
`;

const settings = (snippet: string, redirects: Record<string, string>) => `import json

SECRET_KEY = "fix-verification"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "minimal_app"
INSTALLED_APPS = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "minimal_app.AuthMiddleware",
]
DATABASES = {}
LOGGING_CONFIG = None
MINIMAL_REDIRECTS = json.loads(${JSON.stringify(JSON.stringify(redirects))})

${snippet}
`;

// argv[1]: the settings module. Prints READY <port>.
const SERVER = `
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = sys.argv[1]

import django
from django.core import checks
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

django.setup()
errors = [e for e in checks.run_checks() if e.is_serious()]
if errors:
    raise SystemExit("Django's system checks failed: " + "; ".join(str(e) for e in errors))


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False)
server.set_app(get_wsgi_application())
print("READY " + str(server.server_address[1]), flush=True)
server.serve_forever()
`;

export const djangoHarness: FrameworkHarness = {
  framework: 'django',
  label: 'Django + django-cors-headers',
  noVaryOnRefusals: null,
  noVaryOnPreflights: null,
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods: null,
  probe: djangoToolchain,
  async start(apps, toolchain, workDir) {
    fs.writeFileSync(path.join(workDir, 'minimal_app.py'), MINIMAL_APP);
    fs.writeFileSync(path.join(workDir, 'server.py'), SERVER);
    return processPerApp(apps, async (a, i) => {
      const module = `settings_${i}`;
      fs.writeFileSync(path.join(workDir, `${module}.py`), settings(a.snippet, a.redirects));
      const server = spawnProcess(toolchain.executable, ['server.py', module], {
        cwd: workDir,
        env: { PYTHONDONTWRITEBYTECODE: '1' },
      });
      return { server, port: Number(await readyLine(server, 60_000)) };
    });
  },
};
