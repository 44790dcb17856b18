/**
 * A framework harness runs engine-generated CORS snippets in the real framework: each snippet is
 * spliced, unedited, into a minimal app, and the harness starts the real server for it.
 *
 * The minimal app is the same in every framework, and has no CORS code of its own: whatever CORS
 * headers the browser sees come from the snippet.
 *   - a path ending in `/private` is behind an authentication layer (registered where a real app
 *     has it, after the snippet as the snippet says) that answers 401 `unauthorized` unless the
 *     request carries `Authorization: Bearer letmein`;
 *   - a path ending in `/throws` runs a handler that throws: the framework's own 500;
 *   - a path ending in `/missing` matches no route: the framework's own 404;
 *   - for proxies, a path ending in `/gateway` goes to an upstream that is down: the proxy's own 502;
 *   - a path listed in `redirects` answers 302 with that Location;
 *   - every other path answers any method with 200 `ok` (text/plain).
 * Proxies (nginx, Apache, Caddy) serve it from a small Node upstream that also sends CORS headers
 * of its own (a wrong origin), which the proxy snippet must replace.
 */
import type { StackId } from '../../../../src/cors/stacks.ts';
import type { VerifiedComponent } from '../../../../src/cors/verified-versions.ts';

export const AUTH_TOKEN = 'Bearer letmein';
export const PATHS = { private: '/private', throws: '/throws', missing: '/missing', gateway: '/gateway' } as const;

export interface AppSpec {
  /** Unique among the apps started together. */
  id: string;
  /** The snippet exactly as the engine generated it. */
  snippet: string;
  /** Path → absolute-path Location answered with 302. */
  redirects: Record<string, string>;
}

export interface RunningApps {
  /**
   * `http://localhost:PORT` of an app, plus a path prefix where one server hosts every app
   * (localhost, so it is cross-site from the 127.0.0.1 test page).
   */
  baseUrl(id: string): string;
  close(): Promise<void>;
}

/** An installed toolchain: where its executable is and which versions it has. */
export type Toolchain =
  | { ok: true; executable: string; components: VerifiedComponent[] }
  | { ok: false; reason: string };

export interface FrameworkHarness {
  framework: StackId;
  /** Display name, e.g. "Go net/http". */
  label: string;
  /**
   * null when responses to a refused origin carry Vary: Origin too (so a shared cache cannot hand a
   * refusal to the allowed origin); else why the framework does not.
   */
  noVaryOnRefusals: string | null;
  /**
   * null when the allowed preflight's response carries Vary: Origin; else why not. OPTIONS
   * responses are not cacheable (RFC 9110 §9.3.7), so no cache can hand one to another origin.
   */
  noVaryOnPreflights: string | null;
  /**
   * Why the stack cannot serve or allow a method that is not upper case (the browser sends `patch`
   * as written), or null when it can. The fix's notes tell the page to send it upper case.
   */
  lowerCaseMethods: string | null;
  /** Why a gateway error (502) does not apply, or null for a proxy whose upstream can be down. */
  noGatewayErrors: string | null;
  /** Why some hostile values cannot be written in this stack's configuration, or null. */
  hostileValues?: (origin: string) => string | null;
  /** Finds the framework on this machine; `ok: false` names what is missing. */
  probe(): Promise<Toolchain>;
  /** Starts one server per app (in as few processes as the framework allows) in `workDir`. */
  start(apps: AppSpec[], toolchain: Extract<Toolchain, { ok: true }>, workDir: string): Promise<RunningApps>;
}

/** For an application framework: a 502 comes from whatever proxy is in front of it. */
export const APP_NOT_A_GATEWAY =
  'an application never writes a gateway error: the proxy or load balancer in front of it does (see the nginx, Apache and Caddy cases)';

export const localUrl = (port: number) => `http://localhost:${port}`;
