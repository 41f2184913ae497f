// Chromium with the built extension, as every end-to-end test starts it: Debian's Chromium (no browser
// is downloaded), headless, nothing of Google's running in the background, and every Playwright wait
// given the suite's generous deadline (wait-for.ts) instead of its own 30 s.
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { WAIT_MS } from './wait-for.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** For a browser without the extension (chromium.launch). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts Chromium on the profile in `profileDir` (again after a close: the same data) with the extension in `extDir`. */
export async function launchWithExtension(profileDir: string, extDir: string, opts: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: WAIT_MS,
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context;
}

/** The extension's service worker, once it has started. */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: WAIT_MS }));
}

/** The handler the e2e build puts on the worker's global (entrypoints/background.ts): the same code pages reach by message. */
export function handleIn(sw: Worker) {
  return <T,>(msg: unknown): Promise<T> =>
    sw.evaluate((m) => (self as unknown as { attendanceHandle: (x: unknown) => Promise<unknown> }).attendanceHandle(m), msg) as Promise<T>;
}
