// End to end: a new user sets up the table adapter for Kestrel MIS (demo/alt, the
// second imitation MIS: transposed grid, icons, local sub-codes) from the options page alone — choose
// the MIS tab, pick the register table by clicking it in the MIS tab, see the preview line, map the
// codes listed with the dropdowns (picking again on another week for the codes this week did not
// show), save. Then the Kestrel register pages they open are read through the saved mapping, and the
// background's flags equal the report command's on Kestrel's own export for those pupils. Last, a
// Kestrel pupil page captured from the options page is saved with no name, id, UPN or date of birth
// of the generated school in it. Built extension (npm run build:e2e) in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KESTREL_LOCAL_CODES } from '../../demo/alt/alt-mark.ts';
import { startAltMis, type AltMis } from '../../demo/alt/start-alt-mis.ts';
import { addDays, mondayOf } from '../../engine/dates.ts';
import { marksCsv } from '../../engine/formats/marks-csv.ts';
import { isFlagged, reportPupil, type Report } from '../../engine/report-json.ts';
import type { QueryPupilsReply } from '../../messages/messages.ts';
import { ensureE2eBuild, NODE, ROOT } from './ensure-e2e-build.ts';
import { handleIn, launchWithExtension, serviceWorker } from './launch.ts';
import { waitFor } from './wait-for.ts';

const POLICY = 'dfe-support-first';
/** Year 3 Ash: its week of 7 Sep 2026 shows every Kestrel local spelling (late, late after close, I_F, O_T, ?). */
const FORM = '4';
const SHOTS = join(ROOT, 'out', 'screenshots');

interface ReaderLog {
  type: string;
  url: string;
  kind?: string;
  reason?: string;
  pending?: boolean;
}

let mis: AltMis;
let context: BrowserContext;
let sw: Worker;
let page: Page;
let options: Page;
let userDir: string;
let today: string;
const logs: ReaderLog[] = [];

/** Waits for `f`, failing with the reader's last lines. */
function until<T>(what: string, f: () => T | undefined | null | false): Promise<T> {
  return waitFor(what, f, { detail: () => `last reader lines: ${JSON.stringify(logs.slice(-5))}` });
}

const handle = <T,>(msg: unknown): Promise<T> => handleIn(sw)<T>(msg);

beforeAll(async () => {
  const ext = ensureE2eBuild();
  mis = await startAltMis({ port: 0 });
  today = mis.school.today;
  userDir = mkdtempSync(join(tmpdir(), 'att-table-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  context = await launchWithExtension(userDir, ext, { viewport: { width: 1200, height: 900 } });
  sw = await serviceWorker(context);
  const extId = new URL(sw.url()).host;
  const r = await handle<{ ok: boolean }>({ type: 'set-settings', settings: { policyId: POLICY, asOfOverride: today } });
  expect(r.ok).toBe(true);

  // The MIS tab first (this week's register of the form), then the options page in another tab.
  page = await context.newPage();
  page.on('console', (msg) => {
    const text = msg.text();
    if (!text.startsWith('[attendance-overlay] ')) return;
    try {
      logs.push(JSON.parse(text.slice(21)) as ReaderLog);
    } catch {
      // not one of the reader's JSON lines
    }
  });
  await page.goto(new URL(`register?form=${FORM}&week=${mondayOf(today)}`, mis.url).href);
  options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/options.html`);
});

afterAll(async () => {
  await context?.close();
  await mis?.close();
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

/** The content scripts the background registered at run time (ids, files, origins). */
const registeredScripts = () =>
  sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; js?: string[]; matches?: string[] }[]> } } }).chrome;
    return (await api.scripting.getRegisteredContentScripts()).map((r) => ({ id: r.id, js: r.js, matches: r.matches }));
  });

/** Presses "Pick the register table" in the options page and clicks a pupil's name in the MIS tab. */
async function pickInMisTab(): Promise<void> {
  await options.click('.mapping-pick');
  // The picker runs in the MIS tab: its highlight host appears there; the click on a pupil's link is swallowed.
  await page.waitForSelector('[data-attendance-overlay-picker]', { state: 'attached' });
  const before = page.url();
  const link = page.locator('th.k-stu a').nth(2);
  await link.hover();
  await link.click();
  expect(page.url()).toBe(before);
  await options.bringToFront();
}

async function mapListedCodes(): Promise<string[]> {
  const selects = options.locator('.mapping-codes select');
  const n = await selects.count();
  const mapped: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = selects.nth(i);
    const local = (await s.getAttribute('aria-label'))!.replace(/^Statutory code for /, '');
    const target = KESTREL_LOCAL_CODES[local];
    expect(target, `"${local}" is one of Kestrel's local spellings`).toBeDefined();
    if ((await s.inputValue()) === target) continue;
    await s.selectOption(target!);
    mapped.push(local);
  }
  return mapped;
}

describe('Kestrel MIS set up from the options page alone', () => {
  let pupilIds: string[] = [];
  /** The report command's pupils on Kestrel's export (filled by the flags test, used by the overlays test). */
  let theirs = new Map<string, Report['pupils'][number]>();

  it('picks the register, maps the codes the preview lists, and saves the mapping', async () => {
    // No mapping yet: only mis.js reads, declared for the demo origins in this build (nothing registered).
    expect(await registeredScripts()).toEqual([]);
    // The MIS tab is offered (its site, 127.0.0.1, is granted in the e2e build).
    await options.waitForSelector('select.mis-tab option', { state: 'attached' });
    const tabText = await options.locator('select.mis-tab option').first().textContent();
    expect(tabText).toContain('/alt/register?form=4');

    await pickInMisTab();
    const preview = options.locator('.mapping-preview');
    await preview.waitFor();
    const first = (await preview.textContent())!;
    // e.g. "32 pupils × 10 sessions; 3 codes not mapped: ✓, late, I_F"
    expect(first).toMatch(/^32 pupils × 10 sessions; \d codes? not mapped: /);
    expect(first).toContain('✓');
    await options.fill('.mapping-name', 'Kestrel MIS');
    const mappedFirst = await mapListedCodes();
    expect(mappedFirst.length).toBeGreaterThan(0);
    await options.waitForFunction(() => /every code mapped/.test(document.querySelector('.mapping-preview')?.textContent ?? ''));

    // This week does not show every spelling: pick again on a week that does (the codes mapped stay).
    await page.goto(new URL(`register?form=${FORM}&week=2026-09-07`, mis.url).href);
    await pickInMisTab();
    await options.waitForFunction(() => /not mapped: /.test(document.querySelector('.mapping-preview')?.textContent ?? ''));
    const second = (await preview.textContent())!;
    for (const c of mappedFirst) expect(second.split('not mapped: ')[1]!.split(', ')).not.toContain(c);
    const mappedSecond = await mapListedCodes();
    expect([...mappedFirst, ...mappedSecond].sort()).toEqual(Object.keys(KESTREL_LOCAL_CODES).sort());
    await options.waitForFunction(() => /^\d+ pupils × 10 sessions; every code mapped$/.test(document.querySelector('.mapping-preview')?.textContent ?? ''));
    expect(await options.inputValue('.mapping-name')).toBe('Kestrel MIS');
    await options.locator('.mapping-setup').screenshot({ path: join(SHOTS, 'table-adapter-mapping-setup.png') });

    await options.click('.mapping-save');
    await options.waitForSelector('.mapping-ok');
    expect(await options.textContent('.mapping-list')).toContain('kestrel-mis');
    const stored = await options.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('tableMappings')).tableMappings);
    expect(stored).toHaveLength(1);
    expect(stored[0].codes).toEqual(KESTREL_LOCAL_CODES);
    expect(stored[0].register.orientation).toBe('pupils-as-columns');
    // With a mapping saved the background registers the mapping reader (mis-table.js) for the granted
    // origins (background/content-scripts.ts); mis.js, declared for them in this build, yields to it.
    // The background does so when it sees the stored mappings change, after the options page saved.
    await expect.poll(registeredScripts).toEqual([{ id: 'mis-table', js: ['mis-table.js'], matches: ['http://127.0.0.1/*', 'http://localhost/*'] }]);
  });

  it('reads the Kestrel register weeks through the saved mapping; the flags equal the report command on the export', async () => {
    const csv = await (await fetch(new URL('export/marks.csv', mis.url))).text();
    const parsed = marksCsv(csv, 'marks.csv');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const formPupils = mis.school.pupils.filter((p) => p.formId === FORM).map((p) => p.id);
    pupilIds = formPupils;
    // Back to the first week the export has marks for these pupils: the EPN window reaches into the
    // previous academic year (domain.md §4), so the extension must have read it to agree.
    const firstDate = parsed.pupils
      .filter((p) => formPupils.includes(p.pupilId))
      .flatMap((p) => [...p.marks.values()].map((m) => m.date))
      .sort()[0]!;
    const weeks: string[] = [];
    for (let w = mondayOf(firstDate); w <= today; w = addDays(w, 7)) weeks.push(w);
    expect(weeks.length).toBeGreaterThan(50);
    const started = logs.length;
    for (const week of weeks) {
      const url = new URL(`register?form=${FORM}&week=${week}`, mis.url).href;
      const since = logs.length;
      await page.goto(url);
      await until(`the reader to store ${url}`, () =>
        logs.slice(since).find((l) => l.url === url && (l.type === 'stored' || l.type === 'unchanged' || l.type === 'unrecognised' || (l.type === 'not-read' && !l.pending))),
      );
    }
    expect(logs.slice(started).filter((l) => (l.type === 'unrecognised' || (l.type === 'not-read' && !l.pending)))).toEqual([]);
    expect(logs.filter((l) => l.type === 'stored').length).toBeGreaterThan(40);

    const file = join(userDir, 'kestrel-marks.csv');
    writeFileSync(file, csv);
    const cli = spawnSync(NODE, ['--no-warnings', 'scripts/report.ts', '--input', file, '--policy', POLICY, '--as-of', today], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const rep = JSON.parse(cli.stdout) as Report;
    theirs = new Map(rep.pupils.map((p) => [p.pupilId, p]));
    const q = await handle<QueryPupilsReply>({ type: 'query-pupils', pupilIds });
    expect(q.asOf).toBe(today);
    expect(q.policyId).toBe(POLICY);
    expect(q.pupils).toHaveLength(pupilIds.length);
    for (const p of q.pupils) {
      expect(p.result, `pupil ${p.pupilId} stored`).not.toBeNull();
      expect(reportPupil(p.result!), `pupil ${p.pupilId}`).toEqual(theirs.get(p.pupilId));
    }
    // Not a vacuous comparison: the report flags some of these pupils.
    const flagged = pupilIds.filter((id) => isFlagged(theirs.get(id)!));
    expect(flagged.length).toBeGreaterThan(0);
    console.log(`[table-adapter.e2e] ${weeks.length} register weeks read, ${pupilIds.length} pupils compared, ${flagged.length} flagged by the report`);
  });

  it('shows the register overlays on the Kestrel register: one per pupil, in its name header, agreeing with the report', async () => {
    expect(theirs.size).toBeGreaterThan(0);
    await page.goto(new URL(`register?form=${FORM}&week=${mondayOf(today)}`, mis.url).href);
    // Every pupil's name header holds exactly one finished overlay (results shown, not "Loading…").
    await page.waitForFunction(
      () => {
        const ths = [...document.querySelectorAll('table.k-register thead th.k-stu')];
        return ths.length > 0 && ths.every((th) => {
          const hs = th.querySelectorAll('[data-att-host]');
          return hs.length === 1 && hs[0]!.shadowRoot?.querySelector('.att-row[data-att-epn]') != null;
        });
      },
    );
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('[data-att-host]')].map((h) => {
        const el = h.shadowRoot?.querySelector('.att-row');
        return {
          key: h.getAttribute('data-att-host'),
          /** The pupil whose name header the host sits in (from the header's link). */
          header: h.closest('th.k-stu')?.querySelector('a')?.getAttribute('href')?.split('/').pop() ?? null,
          pupil: el?.getAttribute('data-att-pupil') ?? null,
          band: el?.getAttribute('data-att-band') ?? null,
          epn: el?.getAttribute('data-att-epn') ?? null,
        };
      }),
    );
    // Exactly one overlay per pupil on the page, none anywhere else.
    expect(shown.map((s) => s.pupil)).toEqual(pupilIds);
    for (const s of shown) {
      expect(s.key).toBe(`row:${s.pupil}`);
      expect(s.header, `overlay of ${s.pupil} in its own name header`).toBe(s.pupil);
      const want = theirs.get(s.pupil!)!;
      if (want.band !== null) expect(s.band, `band of ${s.pupil}`).toBe(want.band);
      else expect(['none', 'too-early'], `band of ${s.pupil}`).toContain(s.band);
      expect(s.epn, `EPN sessions of ${s.pupil}`).toBe(String(want.epn.currentSessions));
    }
    // The register keeps its shape: the overlays sit inside the pupil headers, the grid below them.
    const box = await page.evaluate(() => {
      const th = document.querySelector('table.k-register thead th.k-stu')!;
      const host = th.querySelector('[data-att-host]')!;
      const r = (e: Element) => e.getBoundingClientRect();
      const [t, h, m] = [r(th), r(host), r(document.querySelector('table.k-register tbody td.k-mark')!)];
      return { inside: h.left >= t.left - 1 && h.right <= t.right + 1 && h.top >= t.top - 1 && h.bottom <= t.bottom + 1, thWidth: t.width, markWidth: m.width };
    });
    expect(box.inside).toBe(true);
    // The badges follow the vertical name header (overlays/mount.ts keeps the cell's writing mode), so
    // each pupil's column stays about as narrow as its marks instead of widening to the badges' length.
    expect(box.thWidth).toBeLessThan(Math.max(60, box.markWidth + 10));
    await page.screenshot({ path: join(SHOTS, 'table-adapter-overlays.png'), fullPage: true });

    // The evidence popover opens from a vertical badge as horizontal text, on screen.
    const flaggedId = pupilIds.find((id) => isFlagged(theirs.get(id)!))!;
    const row = page.locator(`.att-row[data-att-pupil="${flaggedId}"]`);
    await row.locator('button.att-badge').click();
    const pop = row.locator('.att-pop');
    await expect.poll(() => pop.count()).toBe(1);
    const shape = await pop.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { mode: getComputedStyle(el).writingMode, left: r.left, top: r.top, right: r.right, width: r.width, height: r.height, vw: innerWidth };
    });
    expect(shape.mode).toBe('horizontal-tb');
    expect(shape.width).toBeGreaterThan(shape.height / 4);
    expect(shape.left).toBeGreaterThanOrEqual(0);
    expect(shape.right).toBeLessThanOrEqual(shape.vw);
    expect(await pop.innerText()).toContain('Penalty notice:');
    await page.screenshot({ path: join(SHOTS, 'table-adapter-popover.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => pop.count()).toBe(0);
  });

  it('captures a Kestrel pupil page from the options page: the saved file has no name, id, UPN or date of birth of the school', async () => {
    const pupil = mis.school.pupils.find((p) => p.formId === FORM)!;
    await page.goto(new URL(`pupil/${pupil.id}`, mis.url).href);
    await page.waitForSelector('#k-stuno');
    await options.bringToFront();
    await options.click('.mis-tab-refresh');
    await options.waitForFunction((id) => (document.querySelector('select.mis-tab option') as HTMLOptionElement | null)?.textContent?.includes(`/alt/pupil/${id}`), pupil.id);
    await options.click('.capture-run');
    await options.waitForSelector('.capture-preview');
    const summary = (await options.textContent('.capture-summary'))!;
    expect(summary).toMatch(/1 pupil replaced/);
    // The stand-in table shows the original on screen (never saved) beside its stand-in.
    expect(await options.textContent('.capture-standins')).toContain(`${pupil.forename} ${pupil.surname}`);
    await options.locator('.capture-section').screenshot({ path: join(SHOTS, 'table-adapter-capture.png') });
    await options.click('.capture-save');
    await options.waitForSelector('.capture-section .mapping-ok');
    await options.locator('.mis-tools').screenshot({ path: join(SHOTS, 'table-adapter-options.png') });
    const saved = (await options.evaluate(() => (window as unknown as { attendanceLastExport?: { fileName: string; text: string } }).attendanceLastExport))!;
    expect(saved.fileName).toMatch(/\.html$/);
    const text = saved.text;
    expect(text).toContain('k-sessions'); // the page's structure is kept
    expect(text).not.toMatch(/<script/i);

    const dmy = (iso: string) => iso.split('-').reverse().join('/');
    const word = (w: string) => new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');
    // This pupil: every part of them.
    for (const v of [pupil.id, pupil.upn, pupil.forename, pupil.surname, pupil.dateOfBirth, dmy(pupil.dateOfBirth), pupil.address]) {
      expect(text, `"${v}" of the captured pupil`).not.toMatch(word(v));
    }
    // Every pupil of the generated school: names, UPNs, dates of birth.
    for (const p of mis.school.pupils) {
      for (const v of [`${p.forename} ${p.surname}`, `${p.surname}, ${p.forename}`, p.upn, dmy(p.dateOfBirth)]) {
        expect(text.includes(v), `"${v}" (pupil ${p.id}) in the saved file`).toBe(false);
      }
    }
  });
});
