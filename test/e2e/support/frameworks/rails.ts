/**
 * Rails + rack-cors (Debian ruby-railties, ruby-actionpack, ruby-rack-cors) under WEBrick. A Rails
 * application is one per process, so each app is its own process: a one-file Rails app, the
 * snippet where an initializer would run (before initialize!), an ActionController with a
 * before_action that authenticates, and Rails' own exception handling in production mode. One
 * parent loads Rails once and forks a child per app (loading Rails is most of a boot, and thirty
 * boots at once on two cores took 85 s).
 */
import fs from 'node:fs';
import path from 'node:path';
import { portsFrom, readyLine, spawnProcess } from './child-process.ts';
import { railsToolchain } from './toolchains.ts';
import { APP_NOT_A_GATEWAY, AUTH_TOKEN, localUrl, PATHS, type FrameworkHarness } from './types.ts';

const REQUIRES = `require "json"
require "logger"
require "rails"
require "action_controller/railtie"
require "rack/cors"
require "webrick"
require "rack/handler/webrick"
`;

const app = (snippet: string, redirects: Record<string, string>) => `${REQUIRES}
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
`;

// ARGV[0]: [{ id, file }]. Forks a child per app; prints READY {"id": port, ...} once all listen.
const SERVER = `${REQUIRES}
apps = JSON.parse(ARGV[0])
reader, writer = IO.pipe
children = apps.map do |a|
  fork do
    reader.close
    begin
      load a["file"]
      server = WEBrick::HTTPServer.new(
        BindAddress: "127.0.0.1",
        Port: 0,
        DoNotReverseLookup: true,
        Logger: WEBrick::Log.new($stderr, WEBrick::Log::ERROR),
        AccessLog: [],
      )
      server.mount "/", Rack::Handler::WEBrick, Rails.application
      trap("TERM") { server.shutdown }
      writer.puts JSON.dump([a["id"], server.config[:Port]])
      writer.flush
      server.start
    rescue Exception => e
      writer.puts JSON.dump([a["id"], nil, "#{e.class}: #{e.message}"])
      writer.flush
      raise
    end
    exit!(0)
  end
end
writer.close
stop = -> { children.each { |pid| Process.kill("TERM", pid) rescue nil } }
trap("TERM") { stop.call; exit }
ports = {}
apps.size.times do
  id, port, error = JSON.parse(reader.gets || '[null, null, "an app exited during startup"]')
  if port.nil?
    stop.call
    abort "#{id}: #{error}"
  end
  ports[id] = port
end
puts "READY #{JSON.dump(ports)}"
$stdout.flush
Process.waitall
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
  async start(apps, toolchain, workDir) {
    fs.writeFileSync(path.join(workDir, 'server.rb'), SERVER);
    const table = apps.map((a, i) => {
      const file = path.join(workDir, `app_${i}.rb`);
      fs.writeFileSync(file, app(a.snippet, a.redirects));
      return { id: a.id, file };
    });
    const server = spawnProcess(toolchain.executable, ['server.rb', JSON.stringify(table)], {
      cwd: workDir,
      env: { RAILS_ENV: 'production' },
    });
    const ports = portsFrom(await readyLine(server, 120_000));
    return { baseUrl: (id) => localUrl(ports.get(id)!), close: () => server.stop() };
  },
};
