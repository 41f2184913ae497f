// End to end: "fill the history" on the demo MIS. One register is read by visiting it
// (the content script ingests it: one week of marks for one form); the side panel then reads every
// one of those pupils' pages in a background tab, is paused, the browser is closed, and after a
// restart the crawl resumes where it stopped and finishes. Afterwards each pupil's stored year agrees
// with the report command run on the demo's own export.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Worker } from 'playwright-core';
import { schoolToMarksCsv } from '../../demo/export/marks-csv.ts';
import { startDemoServer, type DemoServer } from '../../demo/server/start-demo-server.ts';
import type { Report } from '../../engine/report-json.ts';
import { e2eExtensionCopy } from './ensure-e2e-build.ts';
import { handleIn, launchWithExtension, serviceWorker } from './launch.ts';
import { WAIT_MS } from './wait-for.ts';

const SHOTS = 'out/screenshots';

let server: DemoServer;
let tmp: string;
let ext: string;
let context: BrowserContext | undefined;

async function launch(): Promise<{ context: BrowserContext; sw: Worker; id: string }> {
  const c = await launchWithExtension(join(tmp, 'profile'), ext, { viewport: { width: 420, height: 900 } });
  const sw = await serviceWorker(c);
  return { context: c, sw, id: new URL(sw.url()).host };
}
const handle = <T,>(sw: Worker, msg: unknown): Promise<T> => handleIn(sw)<T>(msg);

interface Summary {
  counts: { pupils: number };
  pupils: { pupilId: string; measures: { attended: number; possible: number; unauthorised: number } }[];
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'att-fill-'));
  ext = e2eExtensionCopy(tmp);
  server = await startDemoServer({ port: 0, apiDelayMs: [5, 20] });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('fill the history', () => {
  it('reads every pupil page with pause, a closed browser, and resume', async () => {
    const school = server.school;
    const form = school.forms[0];
    if (!form) throw new Error('no form');
    const formPupils = school.pupils.filter((p) => p.formId === form.id).map((p) => p.id);

    // 1. Read one register page, as the user would.
    let run = await launch();
    context = run.context;
    await handle(run.sw, { type: 'set-settings', settings: { asOfOverride: school.today } });
    const tab = await context.newPage();
    await tab.goto(`${server.url}register/${form.id}`);
    await expect.poll(async () => (await handle<Summary>(run.sw, { type: 'query-summary' })).counts.pupils).toBe(formPupils.length);
    await tab.close();
    const before = await handle<Summary>(run.sw, { type: 'query-summary' });
    const possibleBefore = Math.max(...before.pupils.map((p) => p.measures.possible));
    expect(possibleBefore).toBeLessThanOrEqual(10); // one week of a register

    // 2. Start the crawl from the side panel, pause after a few pages.
    let panel = await context.newPage();
    await panel.goto(`chrome-extension://${run.id}/sidepanel.html?crawlDelayMs=100`);
    await panel.click('[data-action="crawl-start"]');
    await panel.waitForFunction(() => {
      const read = /Reading: (\d+) of/.exec(document.querySelector('[data-testid="crawl-progress"]')?.textContent ?? '');
      return Number(read?.[1] ?? 0) >= 3;
    });
    // Paused at once (the crawl goes on reading meanwhile: the fewer steps here, the more pages are left).
    await panel.click('[data-action="crawl-pause"]');
    await panel.waitForSelector('[data-testid="crawl"][data-status="paused"]');
    await panel.screenshot({ path: `${SHOTS}/sidepanel-fill-history.png` });
    const pausedText = (await panel.textContent('[data-testid="crawl-progress"]')) ?? '';
    const readBefore = Number(/(\d+) of/.exec(pausedText)?.[1]);
    expect(readBefore).toBeGreaterThanOrEqual(3);
    expect(readBefore).toBeLessThan(formPupils.length);

    // 3. Close the browser; start it again: the crawl is offered paused, where it stopped.
    await context.close();
    run = await launch();
    context = run.context;
    panel = await context.newPage();
    await panel.goto(`chrome-extension://${run.id}/sidepanel.html?crawlDelayMs=100`);
    await panel.waitForSelector('[data-testid="crawl"][data-status="paused"]');
    expect(await panel.textContent('[data-testid="crawl-progress"]')).toContain(`Paused: ${readBefore} of ${formPupils.length}`);
    await panel.click('[data-action="crawl-resume"]');
    // Every remaining page, each waited for until stored: minutes on a loaded machine.
    await panel.waitForSelector('[data-testid="crawl"][data-status="finished"]', { timeout: 4 * WAIT_MS });
    const finished = (await panel.textContent('[data-testid="crawl-progress"]')) ?? '';
    expect(finished).toBe(`Finished: ${formPupils.length} of ${formPupils.length} pupil pages`);
    await panel.screenshot({ path: `${SHOTS}/sidepanel-fill-history-finished.png` });

    // 4. Each pupil's year now agrees with the report command on the MIS's own export.
    const csvPath = join(tmp, 'marks.csv');
    writeFileSync(csvPath, schoolToMarksCsv(school));
    const report = JSON.parse(
      execFileSync('node_modules/.bin/node', ['--no-warnings', 'scripts/report.ts', '--input', csvPath, '--policy', 'dfe-support-first', '--as-of', school.today], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      }),
    ) as Report;
    const after = await handle<Summary>(run.sw, { type: 'query-summary' });
    expect(after.counts.pupils).toBe(formPupils.length);
    for (const p of after.pupils) {
      const r = report.pupils.find((x) => x.pupilId === p.pupilId);
      expect([p.pupilId, p.measures.possible, p.measures.attended, p.measures.unauthorised]).toEqual([
        p.pupilId,
        r?.possible,
        (r?.present ?? 0) + (r?.aea ?? 0),
        r?.unauthorised,
      ]);
    }
  });
});
