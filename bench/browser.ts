/**
 * Chromium spawned by the bench itself, not by Playwright: Playwright enables the CDP Network domain
 * on every page it drives, so a page it opens already has a network recorder (listener-cost note,
 * second measurement). Fresh profile per launch; the DevTools endpoint comes from
 * --remote-debugging-port=0 (Chromium writes the port it chose to DevToolsActivePort).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium, QUIET_FLAGS } from '../src/node/chromium.ts';
import { debuggingPort, waitUntil } from '../src/demo/devtools-front-end.ts';
import { connectCdp, type CdpBrowser } from './cdp-client.ts';
import { treeCpuMs } from './process-cpu.ts';

export interface Target {
  id: string;
  type: string;
  url: string;
}

export interface SpawnedBrowser {
  cdp: CdpBrowser;
  /** The http://127.0.0.1:PORT endpoint (for /json/list and Playwright's connectOverCDP). */
  endpoint: string;
  /** CPU milliseconds Chromium's whole process tree has used so far. */
  cpuMs(): number;
  targets(): Promise<Target[]>;
  /** Opens a tab at `url` (CDP Target.createTarget: nothing is enabled on it) and returns its target id. */
  openTab(url: string): Promise<string>;
  close(): Promise<void>;
}

export interface SpawnOptions {
  /** An unpacked extension to load. */
  extensionDir?: string;
}

export async function spawnChromium(o: SpawnOptions = {}): Promise<SpawnedBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-bench-'));
  const extension = o.extensionDir
    ? [`--disable-extensions-except=${o.extensionDir}`, `--load-extension=${o.extensionDir}`]
    : [];
  const child: ChildProcess = spawn(
    findChromium(),
    [
      '--headless',
      ...QUIET_FLAGS,
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      ...extension,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid!;
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
  try {
    const endpoint = `http://127.0.0.1:${await debuggingPort(profile)}`;
    const version = (await (await fetch(`${endpoint}/json/version`)).json()) as { webSocketDebuggerUrl: string };
    const cdp = await connectCdp(version.webSocketDebuggerUrl);
    const targets = async () =>
      (await cdp.send('Target.getTargets')).targetInfos.map((t) => ({ id: t.targetId, type: t.type, url: t.url }));
    return {
      cdp,
      endpoint,
      cpuMs: () => treeCpuMs(pid),
      targets,
      async openTab(url) {
        const { targetId } = await cdp.send('Target.createTarget', { url });
        await waitUntil(
          async () => (await targets()).find((t) => t.id === targetId && t.url === url),
          `a tab at ${url}`,
        );
        return targetId;
      },
      async close() {
        await cdp.send('Browser.close').catch(() => undefined);
        cdp.close();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
        removeProfile();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    removeProfile();
    throw error;
  }
}
