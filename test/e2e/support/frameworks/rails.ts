/**
 * Rails + rack-cors (Debian ruby-railties, ruby-actionpack, ruby-rack-cors) under WEBrick. A Rails
 * application is one per process, so each app is its own process: a one-file Rails app, the
 * snippet where an initializer would run (before initialize!), an ActionController with a
 * before_action that authenticates, and Rails' own exception handling in production mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processPerApp, readyLine, spawnProcess } from './child-process.ts';
import { railsToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, AUTH_TOKEN, PATHS, type FrameworkHarness } from './types.ts';

const app = (snippet: string, redirects: Record<string, string>) => `require "json"
require "logger"
require "rails"
require "action_controller/railtie"
require "rack/cors"
require "webrick"
require "rack/handler/webrick"

REDIRECTS = JSON.parse(${JSON.stringify(JSON.stringify(redirects))})

class MinimalApp < Rails::Application
  config.eager_load = false
  config.secret_key_base = "fix-verification"
  config.hosts.clear
  config.logger = Logger.new($stderr, level: Logger::ERROR)
  config.consider_all_requests_local = false
  config.action_dispatch.show_exceptions = true
end

${snippet}

class MinimalController < ActionController::API
  # The authentication layer, as a Rails app has it.
  before_action do
    if request.path.end_with?(${JSON.stringify(PATHS.private)}) && request.headers["Authorization"] != ${JSON.stringify(AUTH_TOKEN)}
      render plain: "unauthorized", status: :unauthorized
    end
  end

  def handle
    raise "boom" if request.path.end_with?(${JSON.stringify(PATHS.throws)})
    location = REDIRECTS[request.path]
    return redirect_to(location, status: :found) if location
    render plain: "ok"
  end
end

MinimalApp.initialize!
MinimalApp.routes.draw do
  # No route for .../missing: Rails' own 404.
  match "*path", to: "minimal#handle", via: :all, constraints: ->(req) { !req.path.end_with?(${JSON.stringify(PATHS.missing)}) }
end

server = WEBrick::HTTPServer.new(
  BindAddress: "127.0.0.1",
  Port: 0,
  Logger: WEBrick::Log.new($stderr, WEBrick::Log::ERROR),
  AccessLog: [],
)
server.mount "/", Rack::Handler::WEBrick, MinimalApp
trap("TERM") { server.shutdown }
puts "READY #{server.config[:Port]}"
$stdout.flush
server.start
`;

export const railsHarness: FrameworkHarness = {
  framework: 'rails',
  label: 'Rails + rack-cors (WEBrick)',
  noVaryOnRefusals: null,
  noVaryOnPreflights:
    'rack-cors 1.1 answers preflights itself without Vary (it adds Vary only on the way out of the app)',
  noGatewayErrors: APP_NOT_A_GATEWAY,
  lowerCaseMethods:
    "rack-cors upper-cases every method it lists (Resource#to_headers), and Chromium compares a method it does not normalize, such as 'patch', case-sensitively",
  probe: railsToolchain,
  start: (apps, toolchain, workDir) =>
    processPerApp(apps, async (a, i) => {
      const file = `app_${i}.rb`;
      fs.writeFileSync(path.join(workDir, file), app(a.snippet, a.redirects));
      const server = spawnProcess(toolchain.executable, [file], { cwd: workDir, env: { RAILS_ENV: 'production' } });
      return { server, port: Number(await readyLine(server, 90_000)) };
    }),
};
