/**
 * A framework harness runs engine-generated CORS snippets in the real framework: each snippet is
 * spliced, unedited, into a minimal app, and the harness starts the real server for it.
 *
 * The minimal app is the same in every framework: every path answers any method with 200 `ok`
 * (text/plain), except a path listed in `redirects`, which answers 302 with that Location. It has
 * no CORS code of its own: whatever CORS headers the browser sees come from the snippet.
 */
import type { StackId } from '../../../../src/cors/stacks.ts';
import type { VerifiedComponent } from '../../../../src/cors/verified-versions.ts';

export interface AppSpec {
  /** Unique among the apps started together. */
  id: string;
  /** The snippet exactly as the engine generated it. */
  snippet: string;
  /** Path → absolute-path Location answered with 302. */
  redirects: Record<string, string>;
}

export interface RunningApps {
  /** `http://localhost:PORT` of an app (localhost, so it is cross-site from the 127.0.0.1 test page). */
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
   * Whether responses to a refused origin carry Vary: Origin too (so a shared cache cannot hand a
   * refusal to the allowed origin). False only where the framework cannot, which its snippet says.
   */
  varyOnRefusals: boolean;
  /**
   * Why the server refuses a method that is not upper case (the browser sends `patch` as written),
   * or null when it serves it. The fix's notes tell the page to send it upper case.
   */
  lowerCaseMethods: string | null;
  /** Finds the framework on this machine; `ok: false` names what is missing. */
  probe(): Promise<Toolchain>;
  /** Starts one server per app (in as few processes as the framework allows) in `workDir`. */
  start(apps: AppSpec[], toolchain: Extract<Toolchain, { ok: true }>, workDir: string): Promise<RunningApps>;
}

export const localUrl = (port: number) => `http://localhost:${port}`;
