// `npm start` (the README's main command): builds the extension, starts the demo MIS with
// the default school on a free port, and opens Chromium with the extension loaded on the register of
// the first form. Without a display (no DISPLAY, or CI set) it says so, runs headless, writes
// screenshots of the register and a pupil page to out/screenshots/, prints where, and exits.
// With a display it keeps running until Ctrl-C (or the browser is closed); stopping it stops the
// server and the browser it started.
//   Options: --skip-build (use the existing .output-e2e/chrome-mv3), --extension DIR (load that unpacked
//   extension instead of building), --headless (force headless).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startDemoServer, type DemoServer } from './server/start-demo-server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'out', 'screenshots');

/**
 * Builds the extension and returns the unpacked folder to load. The demo uses the build with the local
 * demo origins (127.0.0.1, localhost) already granted (`npm run build:e2e`, .output-e2e/chrome-mv3):
 * the production build (`npm run build`) asks the user to grant the MIS origin at run time from the
 * toolbar popup, which a headless demo cannot click.
 */
export async function buildExtension(): Promise<string> {
  const out = join(ROOT, '.output-e2e', 'chrome-mv3');
  const log: Buffer[] = [];
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, ['--no-warnings', join(ROOT, 'scripts', 'build-e2e.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => log.push(b));
    child.stderr.on('data', (b: Buffer) => log.push(b));
    child.on('error', fail);
    child.on('close', done);
  });
  if (code !== 0) {
    process.stderr.write(Buffer.concat(log).toString());
    throw new Error(`the extension build (npm run build:e2e) failed with exit code ${code}`);
  }
  if (!existsSync(join(out, 'manifest.json'))) throw new Error(`the build did not produce ${out}/manifest.json`);
  return out;
}

/**
 * Loads the demo school's export into the extension through its own import path (the one Settings →
 * "Fill the history from an MIS export" uses), and fixes the as-of date to the demo's today, so the
 * overlays show whole-year bands at once instead of only the weeks the user has opened.
 */
async function fillHistory(context: BrowserContext, baseUrl: string, today: string): Promise<string> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const text = await (await fetch(`${baseUrl}export/marks.csv`)).text();
  const reply = await sw.evaluate(
    async ({ text, today }) => {
      const handle = (globalThis as unknown as { attendanceHandle: (m: unknown) => Promise<Record<string, unknown>> }).attendanceHandle;
      const set = await handle({ type: 'set-settings', settings: { asOfOverride: today } });
      if (set.ok !== true) return set;
      return handle({ type: 'import-export', fileName: 'marks.csv', text, commit: true });
    },
    { text, today },
  );
  if (reply.ok !== true) throw new Error(`importing the demo export into the extension failed: ${String(reply.error)}`);
  return `${String(reply.pupils ?? '?')} pupils`;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let extensionDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--extension') {
      extensionDir = argv[++i];
      if (!extensionDir || !existsSync(join(extensionDir, 'manifest.json'))) {
        process.stderr.write(`start: --extension needs a folder holding an unpacked extension (manifest.json); got "${extensionDir ?? ''}"\n`);
        process.exit(2);
      }
      extensionDir = resolve(extensionDir);
    } else if (a !== '--skip-build' && a !== '--headless') {
      process.stderr.write(`start: unknown argument "${a}" (options: --skip-build, --extension DIR, --headless)\n`);
      process.exit(2);
    }
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`start: Chromium is not installed at ${CHROMIUM} (bash scripts/ensure-setup.sh installs it)\n`);
    process.exit(1);
  }
  const headless = argv.includes('--headless') || !process.env.DISPLAY || Boolean(process.env.CI);

  let ext = extensionDir ?? join(ROOT, '.output-e2e', 'chrome-mv3');
  if (extensionDir || (argv.includes('--skip-build') && existsSync(join(ext, 'manifest.json')))) {
    say(`Using the extension in ${ext}`);
  } else {
    say('Building the extension with the demo origins granted (npm run build:e2e)…');
    try {
      ext = await buildExtension();
    } catch (err) {
      process.stderr.write(`start: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
    say(`Built: ${ext}`);
  }

  let server: DemoServer | undefined;
  let context: BrowserContext | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'demo-mis-chromium-'));
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await context?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(130));
  process.once('SIGTERM', () => void stop(143));

  try {
    server = await startDemoServer({ port: 0 });
    const school = server.school;
    const form = school.forms[0];
    if (!form) throw new Error('the demo school has no forms');
    const registerUrl = `${server.url}register/${encodeURIComponent(form.id)}`;
    say(`Demo MIS (${school.name}, ${school.pupils.length} pupils, today ${school.today}): ${server.url}`);
    if (headless) say('No display found (DISPLAY is not set, or CI is set): running Chromium headless and taking screenshots.');

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless,
      viewport: headless ? { width: 1440, height: 900 } : null,
      locale: 'en-GB',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--disable-extensions-except=${ext}`,
        `--load-extension=${ext}`,
      ],
    });
    say(`Loaded the demo school's export into the extension (${await fillHistory(context, server.url, school.today)}), as of ${school.today}.`);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(registerUrl);
    await page.waitForSelector('.reg-row', { timeout: 120_000 });

    if (headless) {
      mkdirSync(SHOTS, { recursive: true });
      // Once the extension has read the page and drawn its overlays: every row's badge with its results.
      await page.waitForFunction(
        () => {
          const rows = [...document.querySelectorAll('tr.reg-row')];
          const done = (r: Element) => r.querySelector('[data-att-host]')?.shadowRoot?.querySelector('.att-row[data-att-epn]');
          return rows.length > 0 && rows.every(done);
        },
        undefined,
        { timeout: 120_000 },
      );
      const registerShot = join(SHOTS, 'start-register.png');
      await page.screenshot({ path: registerShot, fullPage: true });
      await page.click('tr.reg-row a.reg-student__link');
      await page.waitForSelector('.att-cal', { timeout: 120_000 });
      // The pupil card, with its results.
      const card = () => document.querySelector('[data-att-host^="card:"]')?.shadowRoot?.querySelector('.att-card[data-att-epn]');
      await page.waitForFunction(card, undefined, { timeout: 120_000 });
      const pupilShot = join(SHOTS, 'start-pupil.png');
      await page.screenshot({ path: pupilShot, fullPage: true });
      say(`Screenshots written to ${SHOTS}/:`);
      say(`  ${registerShot}`);
      say(`  ${pupilShot}`);
      await stop(0);
      return;
    }
    say(`Chromium is open on ${registerUrl} with the extension loaded. Press Ctrl-C to stop.`);
    context.on('close', () => void stop(0));
  } catch (err) {
    process.stderr.write(`start: ${err instanceof Error ? err.message : String(err)}\n`);
    await stop(1);
  }
}

void main();
