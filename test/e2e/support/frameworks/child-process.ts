/**
 * Processes for the framework harnesses (builds and servers): servers get a bounded wait for
 * readiness and are stopped when it fails, stderr is kept for error messages, and every process is
 * stopped by its own pid only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { localUrl, type AppSpec, type RunningApps } from './types.ts';

const STDERR_TAIL = 4000;

export interface SpawnedProcess {
  readonly process: ChildProcess;
  /** The last few KB of stderr, for error messages. */
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function spawnProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): SpawnedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      stderr += String(error);
      resolve(null);
    });
  });
  return {
    process: child,
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 2000)),
      ]);
      if (!killed) child.kill('SIGKILL');
      await exited;
    },
  };
}

function failure(server: SpawnedProcess, what: string): Error {
  return new Error(`${what}\n--- stderr ---\n${server.stderr()}`);
}

/** Runs `wait`; when it fails, the process is stopped before the error is passed on. */
async function stopOnFailure<T>(server: SpawnedProcess, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Waits for a `READY <payload>` line on stdout and returns the payload. */
export function readyLine(server: SpawnedProcess, timeoutMs: number): Promise<string> {
  return stopOnFailure(
    server,
    new Promise((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(failure(server, `no READY line within ${timeoutMs} ms`)), timeoutMs);
      server.process.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        const line = buffered.split('\n').find((l) => l.startsWith('READY '));
        if (line) {
          clearTimeout(timer);
          resolve(line.slice('READY '.length).trim());
        }
      });
      void server.exited.then((code) => {
        clearTimeout(timer);
        reject(failure(server, `exited with code ${code} before it was ready`));
      });
    }),
  );
}

/** Waits until something accepts TCP connections on 127.0.0.1:port (for servers that print nothing). */
export function acceptingConnections(server: SpawnedProcess, port: number, timeoutMs: number): Promise<void> {
  return stopOnFailure(server, pollConnect(server, port, timeoutMs));
}

async function pollConnect(server: SpawnedProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void server.exited.then(() => {
    ended = true;
  });
  while (Date.now() < deadline) {
    if (ended) throw failure(server, `exited before listening on ${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw failure(server, `not listening on ${port} within ${timeoutMs} ms`);
}

/**
 * A free port for a server that cannot take port 0 and report what it got (nginx, httpd, Caddy,
 * workerd). It is chosen below the kernel's ephemeral range, so no server binding port 0 at the
 * same moment (dozens do while the stacks start) can take it between this check and the server's
 * own bind — connecting to it would then reach the wrong server. Never the same port twice.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = FIXED_PORTS.low + Math.floor(Math.random() * (FIXED_PORTS.high - FIXED_PORTS.low));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    const server = net.createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }
}

const handedOut = new Set<number>();

/** Ports below the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range, 32768 by default). */
const FIXED_PORTS = (() => {
  try {
    const low = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (low > 12_000) return { low: 10_000, high: low };
  } catch {
    // not Linux: any unprivileged range is as good
  }
  return { low: 10_000, high: 30_000 };
})();

/** Parses the `{"id": port}` payload the harness servers print. */
export function portsFrom(payload: string): Map<string, number> {
  return new Map(Object.entries(JSON.parse(payload) as Record<string, number>));
}

/**
 * One server process per app, all started at once. When any fails, the others (and `alsoClose`)
 * are stopped before the error is passed on.
 */
export async function processPerApp(
  apps: AppSpec[],
  start: (app: AppSpec, index: number) => Promise<{ server: SpawnedProcess; port: number }>,
  alsoClose: () => Promise<void> = async () => {},
): Promise<RunningApps> {
  const started = await Promise.allSettled(apps.map(async (a, i) => ({ id: a.id, ...(await start(a, i)) })));
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const close = async () => {
    await Promise.all(running.map((r) => r.server.stop()));
    await alsoClose();
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const ports = new Map(running.map((r) => [r.id, r.port]));
  return { baseUrl: (id) => localUrl(ports.get(id)!), close };
}

/**
 * One server process listening on `count` ports it cannot pick itself (httpd, Caddy, workerd take
 * ports from their configuration): free ports are chosen, `launch` writes the configuration and
 * starts it, and a race lost to another process for a port (`inUse` in stderr) is retried.
 */
export async function processOnFreePorts(
  count: number,
  launch: (ports: number[]) => SpawnedProcess,
  inUse: RegExp,
): Promise<{ server: SpawnedProcess; ports: number[] }> {
  for (let attempt = 1; ; attempt++) {
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const server = launch(ports);
    try {
      for (const port of ports) await acceptingConnections(server, port, 30_000);
      if (server.process.exitCode !== null) throw new Error(`exited after listening:\n${server.stderr()}`);
      return { server, ports };
    } catch (error) {
      if (attempt >= 3 || !inUse.test(server.stderr())) throw error;
    }
  }
}
