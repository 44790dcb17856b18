/**
 * Finding and launching a Chromium that can load an unpacked extension. Branded Google Chrome
 * ignores --load-extension (since Chrome 137), so it is refused with a message naming what works.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import type {} from '../shared/inspection-api.ts';

/** Flags that keep Chromium quiet on a machine without internet (no background fetches, no QUIC). */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class BrowserNotFoundError extends Error {}

function playwrightChromium(): string[] {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache', 'ms-playwright');
  try {
    return fs
      .readdirSync(root)
      .filter((d) => d.startsWith('chromium-'))
      .sort()
      .reverse()
      .map((d) => path.join(root, d, 'chrome-linux', 'chrome'));
  } catch {
    return [];
  }
}

/** CHROMIUM_PATH, else the usual Chromium locations, else a Playwright-installed Chromium. */
export function findChromium(explicit?: string): string {
  const candidates = explicit
    ? [explicit]
    : process.env.CHROMIUM_PATH
      ? [process.env.CHROMIUM_PATH]
      : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', ...playwrightChromium()];
  for (const candidate of candidates) {
    if (/google-chrome|Google Chrome/i.test(candidate)) {
      throw new BrowserNotFoundError(
        `${candidate} is branded Google Chrome, which ignores --load-extension. Install Chromium (apt-get install chromium) or Chrome for Testing and set CHROMIUM_PATH.`,
      );
    }
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new BrowserNotFoundError(
    `No Chromium found (tried ${candidates.join(', ')}). Install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome for Testing binary.`,
  );
}

export interface LaunchOptions {
  extensionDir: string;
  executablePath?: string;
  headless?: boolean;
  args?: string[];
  userDataDir?: string;
}

export interface LaunchedExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** True when the profile directory was made here and should be removed on close. */
  ownsProfile: boolean;
}

/** Launches Chromium with the extension and resolves once its service worker has finished starting. */
export async function launchWithExtension(o: LaunchOptions): Promise<LaunchedExtension> {
  const ownsProfile = !o.userDataDir;
  const userDataDir = o.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cors-inspector-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(o.executablePath),
    headless: o.headless ?? true,
    args: [
      ...QUIET_FLAGS,
      `--disable-extensions-except=${o.extensionDir}`,
      `--load-extension=${o.extensionDir}`,
      ...(o.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // On first start, events that arrive before the worker's top-level script has run are lost
  // (measured: 5 of 8 launches missed the first preflight), so wait for the script to finish.
  await withTimeout(
    worker.evaluate(async () => {
      while (!globalThis.corsInspector) await new Promise((r) => setTimeout(r, 10));
      await globalThis.corsInspector.whenReady();
    }),
    15_000,
    'the extension service worker did not start',
  );
  return { context, worker, extensionId: new URL(worker.url()).host, userDataDir, ownsProfile };
}

/** Rejects after `ms`: a stopped worker makes Playwright's evaluate() hang until it runs again. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}
