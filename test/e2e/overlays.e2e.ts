// End to end: the overlays of the built extension (npm run build:e2e) in Chromium, beside
// the demo MIS's own register and pupil screens. The school is the generator's primary school with five
// pupils moved into forms[0] (35 pupils: "a class of 35"; the boundary pupils live in forms[0]). The
// extension's history comes in through the background's own handler (`self.attendanceHandle`): the
// demo's marks CSV export, imported as the options page does, so every pupil has the history a band
// needs. Every badge, chip and card must agree with the report command run on the same export, with
// the same as-of date (the demo's today). Screenshots go to out/screenshots/ (looked at).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolToMarksCsv } from '../../demo/export/marks-csv.ts';
import { DEFAULT_SEED, DEFAULT_TODAY, generateSchool } from '../../demo/generate/generate-school.ts';
import { startDemoServer, type DemoServer } from '../../demo/server/start-demo-server.ts';
import type { DemoSchool } from '../../demo/types.ts';
import { marksCsv } from '../../engine/formats/marks-csv.ts';
import type { Report, ReportPupil } from '../../engine/report-json.ts';
import { CONTENT_SCRIPT_FILE, TABLE_CONTENT_SCRIPT_FILE } from '../../background/extension-manifest.ts';
import { e2eExtensionCopy, NODE, ROOT } from './ensure-e2e-build.ts';
import { handleIn, launchWithExtension, serviceWorker } from './launch.ts';

const POLICY = 'dfe-support-first';
const FORM = '1';
const CLASS_SIZE = 35;
const SHOTS = join(ROOT, 'out', 'screenshots');

let server: DemoServer;
let built: string;
let context: BrowserContext;
let sw: Worker;
let page: Page;
let tmp: string;
let school: DemoSchool;
let csv: string;
let report: Map<string, ReportPupil>;
const pageErrors: string[] = [];

const handle = <T,>(msg: unknown): Promise<T> => handleIn(sw)<T>(msg);

/** The generator's primary school with five pupils of forms[1] moved into forms[0] (30 → 35). */
function schoolWithClassOf35(): DemoSchool {
  const s = generateSchool({ size: 'primary', seed: DEFAULT_SEED, today: DEFAULT_TODAY });
  const first = s.forms[0]!;
  const moved = s.pupils.filter((p) => p.formId === s.forms[1]!.id).slice(0, CLASS_SIZE - s.pupils.filter((p) => p.formId === first.id).length);
  for (const p of moved) {
    p.formId = first.id;
    p.yearGroup = first.yearGroup;
  }
  return s;
}

// ---- what the page shows ---------------------------------------------------------------------------

interface HostState {
  key: string;
  /** The register row (data-student-id) the host sits in, if any. */
  row: string | null;
  pupil: string | null;
  band: string | null;
  epn: string | null;
  stage: string | null;
}

/** Every overlay host on the page, with the data attributes of the overlay inside its open shadow root. */
function hosts(p: Page): Promise<HostState[]> {
  return p.evaluate(() =>
    [...document.querySelectorAll('[data-att-host]')].map((h) => {
      const el = h.shadowRoot?.querySelector('.att-row, .att-card') ?? null;
      return {
        key: h.getAttribute('data-att-host') ?? '',
        row: h.closest('tr')?.getAttribute('data-student-id') ?? null,
        pupil: el?.getAttribute('data-att-pupil') ?? null,
        band: el?.getAttribute('data-att-band') ?? null,
        epn: el?.getAttribute('data-att-epn') ?? null,
        stage: el?.getAttribute('data-att-stage') ?? null,
      };
    }),
  );
}

function rowIds(p: Page): Promise<string[]> {
  return p.$$eval('tr.reg-row', (rows) => rows.map((r) => r.getAttribute('data-student-id') ?? ''));
}

/** Waits until every register row has exactly one finished overlay (results shown, not "Loading…"). */
async function badgesShown(p: Page): Promise<string[]> {
  await p.waitForSelector('tr.reg-row');
  await p.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('tr.reg-row')];
      return (
        rows.length > 0 &&
        rows.every((r) => {
          const hs = r.querySelectorAll('[data-att-host]');
          return hs.length === 1 && hs[0]!.shadowRoot?.querySelector('.att-row[data-att-epn]') != null;
        })
      );
    },
  );
  return rowIds(p);
}

/** The band attribute the overlay should carry for a report pupil (null band: no band shown). */
function expectBand(got: string | null, want: ReportPupil): void {
  if (want.band !== null) expect(got, `band of ${want.pupilId}`).toBe(want.band);
  else expect(['none', 'too-early'], `band of ${want.pupilId}`).toContain(got);
}

function expectMatchesReport(h: HostState, id: string): void {
  const want = report.get(id);
  expect(want, `pupil ${id} in the report`).toBeDefined();
  expect(h.pupil).toBe(id);
  expectBand(h.band, want!);
  expect(h.epn, `EPN count of ${id}`).toBe(String(want!.epn.currentSessions));
  expect(h.stage, `stage of ${id}`).toBe(want!.stage.id);
}

/** Inside the host of `key`: what has focus (the host, then the element in its shadow root). */
function focused(p: Page): Promise<{ host: string | null; cls: string | null }> {
  return p.evaluate(() => {
    const a = document.activeElement;
    return { host: a?.getAttribute('data-att-host') ?? null, cls: a?.shadowRoot?.activeElement?.getAttribute('class') ?? null };
  });
}

// ---- hand-made expectations from the export ----------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
function addDays(iso: string, n: number): string {
  return new Date(utc(iso).getTime() + n * 86_400_000).toISOString().slice(0, 10);
}
/** "7 Sep", "20 Nov 2026" */
function dayMonth(iso: string, year = false): string {
  const d = utc(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year ? ` ${d.getUTCFullYear()}` : ''}`;
}

/** The days (ISO) in [from, to] on which the export gives `id` an unauthorised mark (G N O U: domain.md §4). */
function unauthorisedDays(id: string, from: string, to: string): string[] {
  const r = marksCsv(csv, 'marks.csv');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const p = r.pupils.find((x) => x.pupilId === id);
  if (!p) throw new Error(`pupil ${id} not in the export`);
  const days = new Set<string>();
  let sessions = 0;
  for (const m of p.marks.values()) {
    if (m.date >= from && m.date <= to && ['G', 'N', 'O', 'U'].includes(m.code)) {
      days.add(m.date);
      sessions++;
    }
  }
  expect(sessions, `unauthorised sessions of ${id} in ${from}..${to} (export vs report)`).toBe(report.get(id)!.epn.currentSessions);
  return [...days].sort();
}

// ---- set-up -----------------------------------------------------------------------------------------

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'att-overlays-'));
  const ext = e2eExtensionCopy(tmp);
  built = ext;

  school = schoolWithClassOf35();
  server = await startDemoServer({ port: 0, school });
  csv = schoolToMarksCsv(school);
  const csvPath = join(tmp, 'demo-marks.csv');
  writeFileSync(csvPath, csv);
  const rep = JSON.parse(
    execFileSync(NODE, ['--no-warnings', 'scripts/report.ts', '--input', csvPath, '--policy', POLICY, '--as-of', school.today], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as Report;
  expect(rep.asOf).toBe(school.today);
  report = new Map(rep.pupils.map((p) => [p.pupilId, p]));

  context = await launchWithExtension(join(tmp, 'profile'), ext, { viewport: { width: 1400, height: 950 } });
  sw = await serviceWorker(context);
  await handle({ type: 'set-settings', settings: { policyId: POLICY, asOfOverride: school.today } });
  const imported = await handle<{ ok: boolean; error?: string; pupils?: number }>({ type: 'import-export', fileName: 'demo-marks.csv', text: csv, commit: true });
  expect(imported, JSON.stringify(imported).slice(0, 500)).toMatchObject({ ok: true, pupils: rep.pupils.length });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // "Leave without saving?" (the MIS's own confirm): yes, so one failed test does not block the next.
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('overlays beside the demo MIS', () => {
  it('the content scripts carry no zod (messages/send-message.ts, not messages/messages.ts)', () => {
    // zod's error-code names are in every bundle that includes it (the background has them).
    expect(readFileSync(join(built, 'background.js'), 'utf8')).toContain('invalid_type');
    for (const file of [CONTENT_SCRIPT_FILE, TABLE_CONTENT_SCRIPT_FILE]) {
      const cs = readFileSync(join(built, file), 'utf8');
      expect(cs, file).not.toContain('invalid_type');
      expect(cs, file).not.toContain('ZodError');
    }
  });

  const registerUrl = () => new URL(`register/${FORM}`, server.url).href;

  it('a class of 35: every register row gets exactly one overlay, equal to the report command', async () => {
    await page.goto(registerUrl());
    const ids = await badgesShown(page);
    expect(ids.length).toBe(CLASS_SIZE);
    const hs = await hosts(page);
    expect(hs.length).toBe(CLASS_SIZE);
    expect(new Set(hs.map((h) => h.key)).size).toBe(CLASS_SIZE);
    for (const h of hs) {
      expect(h.key).toBe(`row:${h.row}`);
      expectMatchesReport(h, h.row!);
    }
    // The class is not all alike: the check above compared several bands, EPN counts and stages.
    expect(new Set(hs.map((h) => h.band)).size).toBeGreaterThan(1);
    expect(new Set(hs.map((h) => h.epn)).size).toBeGreaterThan(2);
    expect(hs.some((h) => h.stage !== null)).toBe(true);
    // The EPN chip shows for the 9-of-10 boundary pupil, "10/10" for the met one.
    const nine = school.pupils.find((p) => p.boundary?.startsWith('9 unauthorised'))!;
    const ten = school.pupils.find((p) => p.boundary?.startsWith('10 unauthorised sessions in the 10-school-week'))!;
    await expect.poll(() => page.locator(`.att-row[data-att-pupil="${nine.id}"] .att-chips`).innerText()).toContain('9/10');
    await expect.poll(() => page.locator(`.att-row[data-att-pupil="${ten.id}"] .att-chips`).innerText()).toContain('10/10');
    await page.screenshot({ path: join(SHOTS, 'overlay-register.png') });
    expect(pageErrors).toEqual([]);
  });

  it('the evidence popover opens on Enter and on click, shows the window and its sessions, and Escape returns focus', async () => {
    const nine = school.pupils.find((p) => p.boundary?.startsWith('9 unauthorised'))!;
    const want = report.get(nine.id)!;
    const row = page.locator(`.att-row[data-att-pupil="${nine.id}"]`);
    const badge = row.locator('button.att-badge');
    await badge.focus();
    await page.keyboard.press('Enter');
    const pop = row.locator('.att-pop');
    await expect.poll(() => pop.count()).toBe(1);
    const text = await pop.innerText();
    expect(text).toContain(`Penalty notice: ${want.epn.currentSessions} of 10`);
    const start = want.epn.windowStartWeek!;
    const end = addDays(want.epn.windowEndWeek!, 4);
    expect(text).toContain(`Window: ${dayMonth(start)} – ${dayMonth(end, true)}`);
    const days = unauthorisedDays(nine.id, start, end);
    expect(days.length).toBeGreaterThan(3);
    for (const d of days) expect(text).toContain(`${WEEKDAYS[utc(d).getUTCDay()]} ${dayMonth(d)}`);
    expect(text).toContain(`${want.attendancePct!.toFixed(1)}%`);
    await page.screenshot({ path: join(SHOTS, 'overlay-popover.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => pop.count()).toBe(0);
    expect(await focused(page)).toEqual({ host: `row:${nine.id}`, cls: expect.stringContaining('att-badge') });

    // A click opens it too, and Escape closes it the same way.
    await badge.click();
    await expect.poll(() => pop.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => pop.count()).toBe(0);
    expect(await focused(page)).toEqual({ host: `row:${nine.id}`, cls: expect.stringContaining('att-badge') });
  });

  /** Puts `code` into the first present (/ or \) cell of this week's row of `id` with the MIS's code picker. */
  async function pick(id: string, code: string): Promise<void> {
    const cells = page.locator(`tr.reg-row[data-student-id="${id}"] td.att-cell:not(.att-cell--future)`);
    const marks = await cells.evaluateAll((tds) => tds.map((td) => td.querySelector('.att-mark')?.textContent ?? ''));
    const i = marks.findIndex((m) => m === '/' || m === '\\');
    expect(i, `a present cell this week for ${id}: ${JSON.stringify(marks)}`).toBeGreaterThanOrEqual(0);
    await cells.nth(i).click();
    await page.locator('.att-picker .att-picker__opt', { has: page.locator(`.att-chip`, { hasText: new RegExp(`^${code}$`) }) }).click();
    await expect.poll(() => cells.nth(i).locator('.att-mark').textContent()).toBe(code);
  }

  async function warningText(id: string): Promise<string> {
    const w = page.locator(`.att-warn[data-att-pupil="${id}"]`);
    await w.waitFor();
    const more = w.locator('button.att-more');
    if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
    return w.innerText();
  }

  it('warns before saving: an O that meets the EPN threshold, and one that moves a pupil into persistent absence', async () => {
    const nine = school.pupils.find((p) => p.boundary?.startsWith('9 unauthorised'))!;
    expect(report.get(nine.id)!.epn.currentSessions).toBe(9);
    await pick(nine.id, 'O');
    const text = await warningText(nine.id);
    expect(text).toContain('meets the penalty-notice threshold (10 of 10');
    // Nothing saved yet: the MIS still offers Save, and the saved figures on the badge are unchanged.
    await expect.poll(() => page.locator('.reg-savebar--visible').count()).toBe(1);
    expect(await page.locator(`.att-row[data-att-pupil="${nine.id}"]`).getAttribute('data-att-epn')).toBe('9');
    await page.screenshot({ path: join(SHOTS, 'overlay-warning.png') });

    // A pupil one absence above the persistent-absence line (domain.md §3: absence ≥ 10%): in this
    // school a 90.2% (92 of 102) pupil of the class, not already PA, with a present mark this week.
    const ids = await rowIds(page);
    const edge = ids
      .map((id) => report.get(id)!)
      .find((p) => !p.persistent && p.possible > 0 && (p.present + p.aea) / p.possible >= 0.9 && (p.present + p.aea - 1) / p.possible < 0.9);
    expect(edge, 'a pupil one session above the persistent-absence line in the class').toBeDefined();
    await pick(edge!.pupilId, 'O');
    expect(await warningText(edge!.pupilId)).toContain('moves the pupil to persistent absence');

    // Discarding the edits takes the warnings away; nothing reached the MIS's store.
    await page.click('.reg-discard');
    await expect.poll(() => page.locator('.att-warn[data-att-pupil]').count()).toBe(0);
  });

  it('SPA navigation (weeks, pupil page, Back) leaves no duplicate or stale overlays', async () => {
    const check = async () => {
      const ids = await badgesShown(page);
      const hs = await hosts(page);
      expect(hs.map((h) => h.key).sort()).toEqual(ids.map((id) => `row:${id}`).sort());
      for (const h of hs) expect(h.key).toBe(`row:${h.row}`);
      return hs;
    };
    await page.goto(registerUrl());
    const thisWeek = await check();
    for (const sel of ['.reg-weeknav__prev', '.reg-weeknav__prev', '.reg-weeknav__next']) {
      const before = page.url();
      await page.click(sel);
      await page.waitForURL((u) => u.href !== before);
      await check();
    }
    await page.click('.reg-weeknav__next');
    await page.waitForURL((u) => u.href !== registerUrl());
    // Back in the week of today: the same results as at first (results do not depend on the week shown).
    expect(await check()).toEqual(thisWeek);

    const id = thisWeek[0]!.row!;
    await page.click(`tr.reg-row[data-student-id="${id}"] a.reg-student__link`);
    await page.waitForURL((u) => u.pathname === `/pupils/${id}`);
    await page.locator(`.att-card[data-att-pupil="${id}"]`).waitFor();
    const onPupil = await hosts(page);
    expect(onPupil.map((h) => h.key)).toEqual([`card:${id}`]);

    await page.goBack();
    await page.waitForSelector('tr.reg-row');
    expect(await check()).toEqual(thisWeek);
    expect(pageErrors).toEqual([]);
  });

  it('the pupil page card shows the report command\'s numbers', async () => {
    const nine = school.pupils.find((p) => p.boundary?.startsWith('9 unauthorised'))!;
    const want = report.get(nine.id)!;
    await page.goto(registerUrl());
    await page.click(`tr.reg-row[data-student-id="${nine.id}"] a.reg-student__link`);
    await page.waitForURL((u) => u.pathname === `/pupils/${nine.id}`);
    const card = page.locator(`.att-card[data-att-pupil="${nine.id}"]`);
    await card.waitFor();
    expectBand(await card.getAttribute('data-att-band'), want);
    expect(await card.getAttribute('data-att-epn')).toBe(String(want.epn.currentSessions));
    expect(await card.getAttribute('data-att-stage')).toBe(want.stage.id);
    expect(await card.locator('.att-big').innerText()).toBe(`${want.attendancePct!.toFixed(1)}%`);
    const text = await card.innerText();
    expect(text).toContain(`${want.epn.currentSessions}/10`);
    expect(text).toContain(`${want.brokenWeeks} of`);
    // Exactly one card, placed after the MIS's own banner.
    expect((await hosts(page)).map((h) => h.key)).toEqual([`card:${nine.id}`]);
    expect(await page.evaluate(() => document.querySelector('.stu-banner')?.nextElementSibling?.getAttribute('data-att-host'))).toBe(`card:${nine.id}`);
    await page.screenshot({ path: join(SHOTS, 'overlay-pupil-card.png') });
    expect(pageErrors).toEqual([]);
  });

  it('a save the extension cannot store (a full disk) is shown on the page, and stored once there is room', async () => {
    // Last in the file: it saves a mark in the MIS, which changes that pupil's figures.
    await page.goto(registerUrl());
    await badgesShown(page);
    const id = (await rowIds(page)).at(-1)!;
    // A full disk at the edge: every IndexedDB write in the background fails as Chromium reports it.
    await sw.evaluate(() => {
      const g = self as unknown as { attOrigPut?: unknown };
      g.attOrigPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    try {
      await pick(id, 'I');
      await expect.poll(() => page.locator(`tr.reg-row[data-student-id="${id}"] td.att-cell--dirty`).count()).toBe(1);
      await page.click('.reg-save');
      const notice = page.locator('[data-att-host="save-notice"] [role="alert"]');
      await notice.waitFor();
      expect(await notice.innerText()).toContain('the marks on this page are not stored yet');
      expect(await notice.innerText()).toContain('no room left');
      await page.screenshot({ path: join(SHOTS, 'overlay-save-failed.png') });
    } finally {
      await sw.evaluate(() => {
        const g = self as unknown as { attOrigPut?: typeof IDBObjectStore.prototype.put };
        if (g.attOrigPut) IDBObjectStore.prototype.put = g.attOrigPut;
      });
    }
    // The reader retries by itself (at most 10 s apart): the notice goes once the page is acknowledged,
    // and the mark is stored.
    await expect.poll(() => page.locator('[data-att-host="save-notice"]').count()).toBe(0);
    const stored = await handle<{ ok: true; pupils: { marks: { code: string }[] }[] }>({ type: 'get-stored', pupilIds: [id] });
    expect(stored.pupils[0]!.marks.filter((m) => m.code === 'I').length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
