// Benchmark of the register overlays, with the built extension (npm run build:e2e) in
// Chromium on the demo MIS (primary school, a class of 32, history imported from the demo's export so
// every pupil has a band):
//
//   node --no-warnings bench/overlay.bench.ts [--runs N] [--form ID]
//
// Prints (no assertions; goals from the issue: badges within 100 ms, no task over 50 ms, content script
// under 60 KB minified):
//  1. time from the register's rows appearing in the page to every row showing its finished badge,
//     median and worst over N week navigations with the MIS's own Previous / Next buttons (measured in
//     the page: a MutationObserver on the document and on each overlay's shadow root);
//  2. the longest main-thread task while doing so: long tasks (PerformanceObserver 'longtask', ≥ 50 ms)
//     with the extension and, for comparison, in a second browser without it; and, from a Chrome
//     trace, the longest single call into the content script's code (FunctionCall events whose script
//     is the extension's mis.js) and the longest task that contains one;
//  3. the content script's size in bytes, raw and gzip.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { schoolToMarksCsv } from '../demo/export/marks-csv.ts';
import { startDemoServer } from '../demo/server/start-demo-server.ts';
import { CONTENT_SCRIPT_FILE } from '../background/extension-manifest.ts';
import { ensureE2eBuild, ROOT } from '../test/e2e/ensure-e2e-build.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '20' }, form: { type: 'string', default: '4' } } });
const RUNS = Number(args.runs);
const FORM = args.form;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Installed in every page before its scripts: records, per rendered register body, when its rows
 * appeared and when every row had its finished overlay; and every long task. */
function pageProbe(): void {
  interface W {
    __attBench: { rowsAt: number; doneAt: number; rows: number }[];
    __attLong: { start: number; dur: number }[];
  }
  const w = window as unknown as W;
  w.__attBench = [];
  w.__attLong = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__attLong.push({ start: e.startTime, dur: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const seen = new WeakMap<Element, { rowsAt: number; done: boolean }>();
  const watched = new WeakSet<ShadowRoot>();
  const check = () => {
    const body = document.querySelector('tbody.reg-body');
    if (!body) return;
    const rows = body.querySelectorAll('tr.reg-row');
    if (rows.length === 0) return;
    let s = seen.get(body);
    if (!s) {
      s = { rowsAt: performance.now(), done: false };
      seen.set(body, s);
    }
    if (s.done) return;
    let all = true;
    for (const r of rows) {
      const host = r.querySelector('[data-att-host]');
      if (host?.shadowRoot && !watched.has(host.shadowRoot)) {
        watched.add(host.shadowRoot);
        obs.observe(host.shadowRoot, { subtree: true, childList: true, attributes: true });
      }
      if (!host?.shadowRoot?.querySelector('.att-row[data-att-epn]')) all = false;
    }
    if (all) {
      s.done = true;
      w.__attBench.push({ rowsAt: s.rowsAt, doneAt: performance.now(), rows: rows.length });
    }
  };
  const obs = new MutationObserver(check);
  const start = () => obs.observe(document.documentElement, { subtree: true, childList: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function launch(dir: string, ext: string | null): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 950 },
    args: ext ? [...ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : ARGS,
  });
}

/** Week navigations with the MIS's own buttons: back RUNS/2 weeks, then forward again. */
async function navigate(page: Page, runs: number, each?: () => Promise<void>): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const before = page.url();
    await page.click(i < runs / 2 ? '.reg-weeknav__prev' : '.reg-weeknav__next');
    await page.waitForURL((u) => u.href !== before);
    await page.waitForSelector('tr.reg-row');
    if (each) await each();
  }
}

async function allBadges(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => (window as unknown as { __attBench: unknown[] }).__attBench.length >= k, n, { timeout: 30_000 });
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string } };
}

async function main(): Promise<void> {
  const built = ensureE2eBuild();
  const tmp = mkdtempSync(join(tmpdir(), 'att-overlay-bench-'));
  const ext = join(tmp, 'ext');
  cpSync(built, ext, { recursive: true });
  const script = readFileSync(join(ext, CONTENT_SCRIPT_FILE));
  // The size that matters is the production build's (the e2e build carries a few test-only lines).
  const prodPath = join(ROOT, '.output', 'chrome-mv3', CONTENT_SCRIPT_FILE);
  const prod = existsSync(prodPath) ? readFileSync(prodPath) : null;
  const server = await startDemoServer({ port: 0, size: 'primary' });
  const today = server.school.today;
  const registerUrl = new URL(`register/${FORM}`, server.url).href;
  try {
    // ---- with the extension ----------------------------------------------------------------------
    const context = await launch(join(tmp, 'profile'), ext);
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const handle = (msg: unknown) => sw.evaluate((m) => (self as unknown as { attendanceHandle: (x: unknown) => Promise<unknown> }).attendanceHandle(m), msg);
    await handle({ type: 'set-settings', settings: { policyId: 'dfe-support-first', asOfOverride: today } });
    const imported = (await handle({ type: 'import-export', fileName: 'demo-marks.csv', text: schoolToMarksCsv(server.school), commit: true })) as { ok: boolean; error?: string };
    if (!imported.ok) throw new Error(`import-export failed: ${imported.error}`);

    const page = await context.newPage();
    await page.addInitScript(pageProbe);
    await page.goto(registerUrl);
    await allBadges(page, 1);
    // Warm-up done (first page: extension start-up, first query). Trace the measured navigations.
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    let n = 1;
    await navigate(page, RUNS, async () => {
      n++;
      await allBadges(page, n);
    });
    const ended = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await ended;
    const probe = await page.evaluate(() => {
      const w = window as unknown as { __attBench: { rowsAt: number; doneAt: number; rows: number }[]; __attLong: { start: number; dur: number }[] };
      return { bench: w.__attBench, long: w.__attLong };
    });
    await context.close();

    // ---- the same navigations without the extension (baseline long tasks of the MIS itself) ------
    const bare = await launch(join(tmp, 'profile-bare'), null);
    const bp = await bare.newPage();
    await bp.addInitScript(pageProbe);
    await bp.goto(registerUrl);
    await bp.waitForSelector('tr.reg-row');
    await navigate(bp, RUNS, () => bp.waitForTimeout(200));
    await bp.waitForTimeout(300);
    const bareLong = await bp.evaluate(() => (window as unknown as { __attLong: { dur: number }[] }).__attLong);
    await bare.close();

    // ---- figures -----------------------------------------------------------------------------------
    const measured = probe.bench.slice(1).map((b) => b.doneAt - b.rowsAt);
    console.log(`Register overlays, form ${FORM} (${probe.bench[0]?.rows ?? '?'} pupils), ${measured.length} week navigations, as of ${today}`);
    console.log(`  rows appearing → every badge shown: median ${fmt(median(measured))}, worst ${fmt(Math.max(...measured))} (first page, with start-up: ${fmt(probe.bench[0]!.doneAt - probe.bench[0]!.rowsAt)})`);
    const longest = (xs: { dur: number }[]) => (xs.length === 0 ? 'none ≥ 50 ms' : `${xs.length} long task(s), longest ${fmt(Math.max(...xs.map((x) => x.dur)))}`);
    console.log(`  long tasks in the page, with the extension: ${longest(probe.long)}; without it: ${longest(bareLong)}`);

    // The content script's own calls: FunctionCall events on the page's main thread whose script is mis.js.
    const ours = events.filter((e) => e.ph === 'X' && e.name === 'FunctionCall' && (e.args?.data?.url ?? '').includes(`/${CONTENT_SCRIPT_FILE}`));
    const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'));
    let worstCall = 0;
    let worstTask = 0;
    for (const c of ours) {
      worstCall = Math.max(worstCall, (c.dur ?? 0) / 1000);
      const t = tasks.find((t) => t.tid === c.tid && t.pid === c.pid && t.ts <= c.ts && t.ts + (t.dur ?? 0) >= c.ts + (c.dur ?? 0));
      if (t) worstTask = Math.max(worstTask, (t.dur ?? 0) / 1000);
    }
    console.log(`  traced: ${ours.length} calls into the content script; longest call ${fmt(worstCall)}; longest task containing one ${fmt(worstTask)}`);
    const size = (b: Buffer) => `${b.length} bytes minified (${(b.length / 1024).toFixed(1)} KiB), ${gzipSync(b).length} bytes gzip`;
    if (prod) console.log(`Content script (${CONTENT_SCRIPT_FILE}, production build .output/chrome-mv3): ${size(prod)} — goal < 60 KB`);
    else console.log('Content script, production build: not built (run npm run build first)');
    console.log(`Content script (${CONTENT_SCRIPT_FILE}, e2e build): ${size(script)}`);
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
