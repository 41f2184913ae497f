// End to end: the side panel and the options page of the built extension (npm run
// build:e2e) in Chromium, on the demo MIS's school. Data goes in through the background's own
// handler (`self.attendanceHandle`, the same code the content script reaches by message): the demo's
// marks CSV export, imported as the options page would. The summary must agree with the report
// command run on the same file. Screenshots go to out/screenshots/ (look at them).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { schoolToCtfXml } from '../../demo/export/ctf-xml.ts';
import { schoolToMarksCsv } from '../../demo/export/marks-csv.ts';
import { startDemoServer, type DemoServer } from '../../demo/server/start-demo-server.ts';
import type { Report } from '../../engine/report-json.ts';
import { e2eExtensionCopy } from './ensure-e2e-build.ts';
import { handleIn, launchWithExtension, serviceWorker } from './launch.ts';

/** chrome.storage.local as the extension's pages see it (for page.evaluate). */
type WithChrome = { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>>; set(v: object): Promise<void>; remove(k: string): Promise<void> } } } };

const SHOTS = 'out/screenshots';
const HOSTILE = '=HYPERLINK("http://evil.example/x","Click me")';

let server: DemoServer;
let context: BrowserContext;
let sw: Worker;
let extId: string;
let panel: Page;
let report: Report;
let tmp: string;
let csvText: string;

const handle = <T,>(msg: unknown): Promise<T> => handleIn(sw)<T>(msg);

interface Summary {
  ok: boolean;
  asOf: string;
  counts: { pupils: number; persistent: number; severe: number; epnMet: number; epnWithin2: number; bands: { id: string | null; count: number }[] };
  pupils: { pupilId: string; name: string; attributes?: Record<string, unknown>; stage: { id: string | null; label: string | null; currentStageId?: string | null }; measures: { persistent: boolean } }[];
}

async function statNumber(page: Page, flag: string): Promise<number> {
  return Number(await page.textContent(`button[data-flag="${flag}"] b`));
}
async function tableCount(page: Page): Promise<number> {
  const text = (await page.textContent('[data-testid="page-info"]')) ?? '';
  const m = /· (\d+) pupils/.exec(text);
  if (!m) throw new Error(`no count in "${text}"`);
  return Number(m[1]);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'att-panel-'));
  const ext = e2eExtensionCopy(tmp);
  server = await startDemoServer({ port: 0 });
  csvText = schoolToMarksCsv(server.school);
  const csvPath = join(tmp, 'demo-marks.csv');
  writeFileSync(csvPath, csvText);
  report = JSON.parse(
    execFileSync('node_modules/.bin/node', ['--no-warnings', 'scripts/report.ts', '--input', csvPath, '--policy', 'dfe-support-first', '--as-of', server.school.today], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as Report;

  context = await launchWithExtension(join(tmp, 'profile'), ext, { viewport: { width: 900, height: 1000 } });
  sw = await serviceWorker(context);
  extId = new URL(sw.url()).host;
  // The demo's "today" is the as-of date, as in the report command.
  await handle({ type: 'set-settings', settings: { asOfOverride: server.school.today, policyId: 'dfe-support-first' } });
  const imported = await handle<{ ok: boolean; error?: string; pupils: number }>({ type: 'import-export', fileName: 'demo-marks.csv', text: csvText, commit: true });
  expect(imported, JSON.stringify(imported).slice(0, 500)).toMatchObject({ ok: true, pupils: report.pupils.length });
  panel = await context.newPage();
  // A Chrome side panel is about 400 px wide.
  await panel.setViewportSize({ width: 420, height: 900 });
  panel.on('pageerror', (e) => {
    throw e;
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('side panel', () => {
  it('shows summary counts that agree with the report command', async () => {
    const t0 = Date.now();
    await panel.goto(`chrome-extension://${extId}/sidepanel.html`);
    await panel.waitForSelector('button[data-flag="persistent"]');
    const openMs = Date.now() - t0;
    console.log(`side panel open to summary: ${openMs} ms for ${report.pupils.length} pupils`);
    const count = (f: (p: Report['pupils'][number]) => boolean) => report.pupils.filter(f).length;
    expect(await statNumber(panel, 'persistent')).toBe(count((p) => p.persistent));
    expect(await statNumber(panel, 'severe')).toBe(count((p) => p.severe));
    expect(await statNumber(panel, 'epn-met')).toBe(count((p) => p.epn.met));
    expect(await statNumber(panel, 'epn-near')).toBe(count((p) => !p.epn.met && p.epn.sessionsToThreshold <= 2));
    expect(await statNumber(panel, 'returns')).toBe(count((p) => p.attendanceReturn || p.sicknessReturn));
    const bands = await panel.$$eval('[data-testid="bands"] button', (bs) => bs.map((b) => [b.getAttribute('data-band'), Number(b.querySelector('b')?.textContent)] as const));
    for (const [id, n] of bands) expect(n, `band ${id}`).toBe(count((p) => (p.band ?? 'none') === id));
    expect(await tableCount(panel)).toBe(report.pupils.length);
    expect(await panel.textContent('[data-testid="national"]')).toContain('Pupil absence in schools in England, 2023/24');
    await panel.screenshot({ path: `${SHOTS}/sidepanel-summary.png`, fullPage: false });
    await panel.emulateMedia({ media: 'print' });
    await panel.screenshot({ path: `${SHOTS}/sidepanel-print.png`, fullPage: true });
    expect(await panel.isVisible('[data-testid="pupil-table"]')).toBe(false);
    await panel.emulateMedia({ media: 'screen' });
  });

  it('every filter narrows the table to the matching pupils', async () => {
    const s = await handle<Summary>({ type: 'query-summary' });
    const reportCount = (f: (p: Report['pupils'][number]) => boolean) => report.pupils.filter(f).length;
    const flags: [string, number][] = [
      ['epn-met', reportCount((p) => p.epn.met)],
      ['epn-near', reportCount((p) => !p.epn.met && p.epn.sessionsToThreshold <= 2)],
      ['persistent', reportCount((p) => p.persistent)],
      ['severe', reportCount((p) => p.severe)],
      ['returns', reportCount((p) => p.attendanceReturn || p.sicknessReturn)],
      ['stage-suggested', reportCount((p) => p.stage.id !== null)],
    ];
    for (const [flag, n] of flags) {
      await panel.selectOption('select[data-filter="flag"]', flag);
      await expect.poll(() => tableCount(panel), { message: flag }).toBe(n);
    }
    await panel.selectOption('select[data-filter="flag"]', '');
    // Attribute filters: the first value offered, against the stored attributes.
    for (const [key, attr] of [
      ['yearGroup', 'yearGroup'],
      ['className', 'className'],
      ['sen', 'sen'],
    ] as const) {
      const values = await panel.$$eval(`select[data-filter="${key}"] option`, (os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
      expect(values.length, key).toBeGreaterThan(0);
      const v = values[values.length - 1] as string;
      await panel.selectOption(`select[data-filter="${key}"]`, v);
      await expect.poll(() => tableCount(panel), { message: `${key}=${v}` }).toBe(s.pupils.filter((p) => p.attributes?.[attr] === v).length);
      await panel.selectOption(`select[data-filter="${key}"]`, '');
    }
    for (const key of ['fsm', 'pp', 'socialWorker'] as const) {
      await panel.selectOption(`select[data-filter="${key}"]`, 'yes');
      await expect.poll(() => tableCount(panel), { message: key }).toBe(s.pupils.filter((p) => p.attributes?.[key] === true).length);
      await panel.selectOption(`select[data-filter="${key}"]`, '');
    }
    await panel.selectOption('select[data-filter="band"]', 'support');
    await expect.poll(() => tableCount(panel)).toBe(reportCount((p) => p.band === 'support'));
    // Filters combine: band × flag.
    await panel.selectOption('select[data-filter="flag"]', 'severe');
    await expect.poll(() => tableCount(panel)).toBe(reportCount((p) => p.band === 'support' && p.severe));
    await panel.click('text=Clear filters');
    await expect.poll(() => tableCount(panel)).toBe(report.pupils.length);
  });

  it('a case record entry changes the next suggestion', async () => {
    const s = await handle<Summary>({ type: 'query-summary' });
    const target = s.pupils.find((p) => p.stage.id !== null);
    if (!target) throw new Error('no pupil with a stage suggestion in the demo school');
    await panel.fill('input[data-filter="search"]', target.pupilId);
    await panel.click(`tr[data-pupil="${target.pupilId}"] .pn-link`);
    await panel.waitForSelector('[data-testid="pupil-view"]');
    await panel.waitForSelector('#ce-stage');
    const before = (await panel.textContent('[data-testid="suggestion"]')) ?? '';
    expect(before).toContain(target.stage.label as string);
    await panel.screenshot({ path: `${SHOTS}/sidepanel-pupil.png`, fullPage: false });
    // Record that the suggested stage was started today.
    expect(await panel.inputValue('#ce-stage')).toBe(target.stage.id);
    await panel.fill('#ce-note', 'Phoned parent; meeting booked');
    await panel.click('form.pn-form button[type=submit]');
    await panel.waitForSelector('.pn-events li[data-kind="stage-started"]');
    await panel.waitForFunction((b) => document.querySelector('[data-testid="suggestion"]')?.textContent !== b, before);
    const after = (await panel.textContent('[data-testid="suggestion"]')) ?? '';
    expect(after).not.toBe(before);
    const s2 = await handle<Summary>({ type: 'query-summary' });
    const now = s2.pupils.find((p) => p.pupilId === target.pupilId);
    expect(now?.stage.currentStageId).toBe(target.stage.id);
    expect(now?.stage.id).not.toBe(target.stage.id);
    await panel.screenshot({ path: `${SHOTS}/sidepanel-pupil-recorded.png`, fullPage: true });
    await panel.click('text=← All pupils');
  });

  it('exports a list with a hostile pupil name neutralised', async () => {
    const readAt = new Date().toISOString();
    await handle({
      type: 'ingest-page',
      source: { url: `${server.url}pupils/evil`, readAt, adapter: 'demo' },
      page: {
        kind: 'pupil',
        pupilId: 'evil-1',
        name: HOSTILE,
        attributes: { yearGroup: 'Year 6' },
        marks: [
          { date: server.school.today, session: 'AM', code: 'O', original: 'O' },
          { date: server.school.today, session: 'PM', code: 'O', original: 'O' },
        ],
      },
    });
    await panel.click('text=Refresh');
    await panel.fill('input[data-filter="search"]', 'hyperlink');
    // The summary reloads in the background after Refresh.
    await panel.waitForFunction(() => /· 1 pupils/.test(document.querySelector('[data-testid="page-info"]')?.textContent ?? ''));
    expect(await tableCount(panel)).toBe(1);
    await panel.screenshot({ path: `${SHOTS}/sidepanel-hostile-filtered.png`, fullPage: true });
    const download = panel.waitForEvent('download');
    await panel.click('button[data-export="filtered"]');
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/^attendance-filtered-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await panel.evaluate(() => (window as unknown as { attendanceLastExport: { text: string } }).attendanceLastExport.text);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"\'=HYPERLINK(""http://evil.example/x"",""Click me"")"');
    expect(lines[1]).not.toMatch(/,=HYPERLINK/);
    // A preset list: EPN threshold met, whatever the filter.
    await panel.click('button[data-export="epn-met"]');
    await panel.waitForFunction(() => (window as unknown as { attendanceLastExport: { fileName: string } }).attendanceLastExport.fileName.startsWith('attendance-epn-met-'));
    const epn = await panel.evaluate(() => (window as unknown as { attendanceLastExport: { text: string; fileName: string } }).attendanceLastExport);
    expect(epn.text.split('\r\n').length - 2).toBe(report.pupils.filter((p) => p.epn.met).length);
    await panel.fill('input[data-filter="search"]', '');
  });
});

describe('options page', () => {
  let options: Page;
  beforeAll(async () => {
    options = await context.newPage();
    options.on('dialog', (d) => void d.accept());
    await options.goto(`chrome-extension://${extId}/options.html`);
    await options.waitForSelector('[data-testid="policy"]');
  });

  it('previews a policy change before it is applied', async () => {
    const s = await handle<Summary>({ type: 'query-summary' });
    await options.selectOption('[data-testid="policy"]', 'pdet-trust');
    await options.waitForSelector('[data-testid="policy-preview"]');
    const text = (await options.textContent('[data-testid="policy-preview"]')) ?? '';
    // DfE "Expect" (≥ 96%) and PDET "96% or above" are the same range; every other DfE band's range
    // changes (Monitor and Listen merge into "at risk"; Support splits into persistent and severe).
    const same = (s.counts.bands.find((b) => b.id === 'expect')?.count ?? 0) + (s.counts.bands.find((b) => b.id === null)?.count ?? 0);
    expect(text).toContain(`${s.counts.pupils - same} of ${s.counts.pupils} pupils change band`);
    const rows = await options.$$eval('[data-testid="policy-preview"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.reduce((n, r) => n + Number(r[2]), 0)).toBe(s.counts.pupils);
    // PA under DfE ("Support (90% and below)") is PA under PDET (persistent or severe), pupil for pupil.
    const paAfter = rows.filter((r) => /Persistent absence|Severe absence/.test(r[1] ?? '')).reduce((n, r) => n + Number(r[2]), 0);
    expect(paAfter).toBe(s.pupils.filter((p) => p.measures.persistent).length);
    expect((await handle<{ settings: { policyId: string } }>({ type: 'get-settings' })).settings.policyId).toBe('dfe-support-first');
    await options.screenshot({ path: `${SHOTS}/options-policy-preview.png`, fullPage: true });
    await options.click('[data-action="apply-policy"]');
    await options.waitForSelector('[data-msg="policy"]');
    expect((await handle<{ settings: { policyId: string } }>({ type: 'get-settings' })).settings.policyId).toBe('pdet-trust');
    await options.selectOption('[data-testid="policy"]', 'dfe-support-first');
    await options.click('[data-action="apply-policy"]');
    await expect.poll(async () => (await handle<{ settings: { policyId: string } }>({ type: 'get-settings' })).settings.policyId).toBe('dfe-support-first');
  });

  it('backs up, removes all data, and restores the backup', async () => {
    const before = await handle<Summary>({ type: 'query-summary' });
    await options.click('[data-action="backup"]');
    await options.waitForFunction(() => (window as unknown as { attendanceLastExport?: unknown }).attendanceLastExport !== undefined);
    const backup = await options.evaluate(() => (window as unknown as { attendanceLastExport: { text: string } }).attendanceLastExport.text);
    expect(JSON.parse(backup)).toMatchObject({ format: 'attendance-overlay-backup' });

    // Pupil data kept outside IndexedDB (a paused fill's state, capture's stand-ins) goes too; mappings stay.
    const local = () => options.evaluate(async () => Object.keys(await (globalThis as unknown as WithChrome).chrome.storage.local.get(null)).sort());
    await options.evaluate(() =>
      (globalThis as unknown as WithChrome).chrome.storage.local.set({ fillHistoryState: { targets: ['1001'] }, captureStandIns: { '1001': 'P0001' }, tableMappings: [] }),
    );
    expect(await local()).toEqual(expect.arrayContaining(['captureStandIns', 'fillHistoryState', 'tableMappings']));
    await options.click('[data-action="remove-all"]');
    await expect.poll(async () => (await handle<Summary>({ type: 'query-summary' })).counts.pupils).toBe(0);
    await expect.poll(local).not.toContain('fillHistoryState');
    expect(await local()).not.toContain('captureStandIns');
    expect(await local()).toContain('tableMappings');
    await options.evaluate(() => (globalThis as unknown as WithChrome).chrome.storage.local.remove('tableMappings'));

    // A damaged backup is refused and changes nothing.
    await options.setInputFiles('[data-testid="restore-file"]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"attendance-overlay-backup","version":1}') });
    await options.click('[data-action="confirm-restore"]');
    await options.waitForSelector('[data-msg="backup"].pn-error');
    expect(await options.textContent('[data-msg="backup"]')).toContain('nothing stored was changed');

    await options.setInputFiles('[data-testid="restore-file"]', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await expect.poll(() => options.textContent('[data-testid="restore-preview"]')).toContain(`${before.counts.pupils} pupils`);
    await options.click('[data-action="confirm-restore"]');
    await expect.poll(async () => (await handle<Summary>({ type: 'query-summary' })).counts.pupils).toBe(before.counts.pupils);
    const after = await handle<Summary>({ type: 'query-summary' });
    expect(after.counts).toEqual(before.counts);
    await options.screenshot({ path: `${SHOTS}/options-restored.png`, fullPage: true });
  });

  it("imports the demo's CTF with a preview, matching pupils by UPN", async () => {
    const before = await handle<Summary>({ type: 'query-summary' });
    const xml = schoolToCtfXml(server.school);
    await options.setInputFiles('[data-testid="import-file"]', { name: 'demo.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
    await options.waitForSelector('[data-testid="import-preview"]');
    const text = (await options.textContent('[data-testid="import-preview"]')) ?? '';
    // Every CTF pupil (keyed by UPN) is one already stored from the marks CSV (keyed by MIS id).
    expect(text).toContain(`(0 new)`);
    await options.screenshot({ path: `${SHOTS}/options-import-preview.png`, fullPage: true });
    await options.click('[data-action="confirm-import"]');
    await options.waitForSelector('[data-msg="import"]');
    const after = await handle<Summary>({ type: 'query-summary' });
    expect(after.counts.pupils).toBe(before.counts.pupils);
  });
});
