// Benchmark: side panel open → summary shown for the demo's large school (2,000 pupils;
// goal under 300 ms), and the time to export the whole list. Slow to set up (the whole history is
// imported first), so it runs only with ATT_PANEL_BENCH=1:
//   ATT_PANEL_BENCH=1 npx vitest run --config vitest.e2e.config.ts test/e2e/sidepanel-bench.e2e.ts
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { schoolToMarksCsv } from '../../demo/export/marks-csv.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';

const EXT = resolve('.output-e2e/chrome-mv3');
let context: BrowserContext | undefined;
let tmp: string | undefined;

afterAll(async () => {
  await context?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.runIf(process.env.ATT_PANEL_BENCH === '1')('side panel benchmark', () => {
  it('opens to the summary for 2,000 pupils and exports the list', async () => {
    if (!existsSync(join(EXT, 'manifest.json'))) throw new Error(`${EXT} missing: run npm run build:e2e first`);
    tmp = mkdtempSync(join(tmpdir(), 'att-bench-'));
    const ext = join(tmp, 'ext');
    cpSync(EXT, ext, { recursive: true });
    const school = generateSchool({ size: 'large' });
    const csv = schoolToMarksCsv(school);
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
    });
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const handle = (msg: unknown) => sw.evaluate((m) => (self as unknown as { attendanceHandle: (x: unknown) => Promise<unknown> }).attendanceHandle(m), msg);
    await handle({ type: 'set-settings', settings: { asOfOverride: school.today } });
    const t0 = Date.now();
    const r = (await handle({ type: 'import-export', fileName: 'large.csv', text: csv, commit: true })) as { ok: boolean; pupils: number };
    const importMs = Date.now() - t0;
    expect(r).toMatchObject({ ok: true, pupils: school.pupils.length });
    const page = await context.newPage();
    await page.setViewportSize({ width: 420, height: 900 });
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      await page.goto(`chrome-extension://${new URL(sw.url()).host}/sidepanel.html`);
      await page.waitForSelector('button[data-flag="persistent"]');
      runs.push(Date.now() - t);
    }
    // A write (a case record) drops the kept summary; the background rebuilds it once writes stop
    // (background/summary-cache.ts), so a panel opened a few seconds later finds it ready.
    expect(await handle({ type: 'add-case-event', pupilId: school.pupils[0]?.id, event: { kind: 'note', date: school.today, note: 'bench' } })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 3000));
    const tw = Date.now();
    await page.goto(`chrome-extension://${new URL(sw.url()).host}/sidepanel.html`);
    await page.waitForSelector('button[data-flag="persistent"]');
    const afterWriteMs = Date.now() - tw;
    const tq = Date.now();
    await handle({ type: 'query-summary' });
    const queryMs = Date.now() - tq;
    const render = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.toJSON() as { domContentLoadedEventEnd: number });
    const t1 = Date.now();
    await page.click('button[data-export="filtered"]');
    const exported = await page.evaluate(() => (window as unknown as { attendanceLastExport: { text: string } }).attendanceLastExport.text.length);
    const exportMs = Date.now() - t1;
    console.log(
      `large school: ${school.pupils.length} pupils, ${csv.length} bytes of marks CSV; import ${importMs} ms; panel open → summary ${runs.join(' / ')} ms (the first right after the import computes the summary; later opens find it kept), ${afterWriteMs} ms 3 s after a write (of which query-summary in the worker ${queryMs} ms, page DOMContentLoaded ${Math.round(render.domContentLoadedEventEnd)} ms); export ${exportMs} ms (${exported} chars)`,
    );
    expect(exported).toBeGreaterThan(0);
    // The MV3 worker is stopped after 30 s idle; a restarted worker reads the kept summary back from
    // browser.storage.session instead of recomputing (background/summary-cache.ts). Stop it as Chrome would.
    await sw.evaluate(() => void ((self as unknown as { benchMarker?: number }).benchMarker = 1));
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 500));
    const stoppedWorkers = context.serviceWorkers().length;
    const ts = Date.now();
    await page.goto(`chrome-extension://${new URL(sw.url()).host}/sidepanel.html`);
    await page.waitForSelector('button[data-flag="persistent"]');
    const restartedMs = Date.now() - ts;
    const worker = context.serviceWorkers().at(-1);
    const restarted = worker === undefined ? 'unknown' : (await worker.evaluate(() => (self as unknown as { benchMarker?: number }).benchMarker)) === undefined;
    console.log(`after the worker was stopped (restarted: ${restarted}; ${stoppedWorkers} worker handles listed): panel open → summary ${restartedMs} ms`);
  });
});
