// End to end: the built extension (npm run build:e2e) in Debian's Chromium against the demo
// MIS. Opening a class's register weeks (with the MIS's own week buttons) and its pupils' pages leaves
// in the extension's IndexedDB exactly the marks of the demo's export; the background's flags equal the
// report command's on that export; an amendment saved in the MIS is stored with its history and changes
// the flags; stopping the service worker while it stores a page loses nothing acknowledged, half-stores
// nothing, and the reader stores every page after the stops (it retries until acknowledged).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server/start-demo-server.ts';
import { academicYearStart } from '../../engine/dates.ts';
import { marksCsv } from '../../engine/formats/marks-csv.ts';
import { reportPupil, type Report, type ReportPupil } from '../../engine/report-json.ts';
import type { GetStoredReply, Message, QueryPupilsReply, StoredPupil } from '../../messages/messages.ts';
import { ensureE2eBuild, NODE, ROOT } from './ensure-e2e-build.ts';
import { launchWithExtension, serviceWorker } from './launch.ts';
import { waitFor } from './wait-for.ts';

const POLICY = 'dfe-support-first';
const FORM = '4';
/**
 * The worker-restart test opens at least this many pupil pages, and more (up to the whole class) until
 * at least RESTART_LOST replies were lost with a stopped worker: a stop can miss (the reply got out
 * first), so the count of pages is not fixed, the evidence is.
 */
const RESTART_PAGES = 12;
const RESTART_LOST = 3;

// ---- the content script's console lines (entrypoints/mis.content/start-reader.ts) --------------------------
interface ReaderLog {
  type: string;
  url: string;
  kind?: string;
  reason?: string;
  pending?: boolean;
  changed?: number;
  amended?: number;
  edits?: number;
  error?: string;
}

let server: DemoServer;
let context: BrowserContext;
let page: Page;
let ext: Page;
let userDir: string;
let extId: string;
let EXT: string;
let base: string;
let today: string;
/** The reader's lines, in the order they were printed: a position in it is a point in time (`logs.length`). */
const logs: ReaderLog[] = [];
/** The e2e build's service worker prints one line per page it receives (entrypoints/background.ts). */
const received: { url: string }[] = [];
/** Called on each of those lines as it arrives (the worker-restart test stops the worker from here). */
let onReceived: ((url: string) => void) | null = null;

function readerLine(text: string): ReaderLog | null {
  if (!text.startsWith('[attendance-overlay] ')) return null;
  try {
    return JSON.parse(text.slice(21)) as ReaderLog;
  } catch {
    return null; // Not one of the reader's JSON lines.
  }
}

function watchConsole(p: Page): void {
  p.on('console', (msg) => {
    const l = readerLine(msg.text());
    if (l) logs.push(l);
  });
}

/** Waits for `f`, failing with the reader's last lines. */
function until<T>(what: string, f: () => T | undefined | null | false): Promise<T> {
  return waitFor(what, f, { detail: () => `last reader lines: ${JSON.stringify(logs.slice(-5))}` });
}

/** The first of the reader's lines printed at or after position `since` that `f` accepts. */
function logSince(since: number, f: (l: ReaderLog) => boolean): ReaderLog | undefined {
  return logs.slice(since).find(f);
}

/** Waits until the content script stored (or found unchanged) the page now at `page.url()`, after `since`. */
async function readDone(since: number, url?: string | RegExp): Promise<ReaderLog> {
  return until(`the reader to store ${String(url ?? page.url())}`, () =>
    logSince(
      since,
      (l) =>
        (l.type === 'stored' || l.type === 'unchanged') &&
        (url === undefined ? l.url === page.url() : typeof url === 'string' ? l.url === url : url.test(l.url)),
    ),
  );
}

/** Sends a request to the background from an extension page (this wakes a stopped service worker). */
async function ask<R>(msg: Message): Promise<R> {
  const reply = await ext.evaluate(
    async (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m),
    msg as unknown as Record<string, unknown>,
  );
  const r = reply as { ok: boolean; error?: string };
  if (!r || !r.ok) throw new Error(`background refused ${msg.type}: ${r?.error ?? 'no reply'}`);
  return reply as R;
}

async function exportCsv(): Promise<string> {
  const res = await fetch(new URL('export/marks.csv', base));
  if (!res.ok) throw new Error(`GET /export/marks.csv: ${res.status}`);
  return res.text();
}

/** pupilId → "date session" → code, from the demo's export, for sessions on or after `from`. */
function exportMarks(csv: string, ids: ReadonlySet<string>, from: string): Map<string, Map<string, string>> {
  const r = marksCsv(csv, 'marks.csv');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const out = new Map<string, Map<string, string>>();
  for (const p of r.pupils) {
    if (!ids.has(p.pupilId)) continue;
    const m = new Map<string, string>();
    for (const mark of p.marks.values()) if (mark.date >= from && mark.code !== '') m.set(`${mark.date} ${mark.session}`, mark.code);
    out.set(p.pupilId, m);
  }
  return out;
}

function storedMarks(p: StoredPupil): Map<string, string> {
  return new Map(p.marks.filter((m) => m.code !== '-').map((m) => [`${m.date} ${m.session}`, m.code]));
}

function report(csv: string): Report {
  const file = join(userDir, 'export.csv');
  writeFileSync(file, csv);
  const r = spawnSync(NODE, ['--no-warnings', 'scripts/report.ts', '--input', file, '--policy', POLICY, '--as-of', today], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`report command failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

async function flags(ids: readonly string[]): Promise<Map<string, ReportPupil>> {
  const q = await ask<QueryPupilsReply>({ type: 'query-pupils', pupilIds: [...ids] });
  expect(q.asOf).toBe(today);
  expect(q.policyId).toBe(POLICY);
  return new Map(q.pupils.map((p) => [p.pupilId, reportPupil(p.result!)]));
}

beforeAll(async () => {
  EXT = ensureE2eBuild();
  server = await startDemoServer({ port: 0, size: 'primary' });
  base = server.url;
  today = server.school.today;
  userDir = mkdtempSync(join(tmpdir(), 'att-e2e-'));
  await launch();
  await ask({ type: 'set-settings', settings: { policyId: POLICY, asOfOverride: today } });
});

/** Starts Chromium with the extension on the profile in `userDir` (again after a close: same data). */
async function launch(): Promise<void> {
  context = await launchWithExtension(userDir, EXT);
  // The service worker's lines (the page's own come through watchConsole).
  context.on('console', (msg) => {
    const l = msg.worker() ? readerLine(msg.text()) : null;
    if (l?.type !== 'ingest-received') return;
    received.push({ url: l.url });
    onReceived?.(l.url);
  });
  // After a restart the worker may wait for its first event (the extension page below wakes it), and
  // the extension's id is already known.
  if (!extId) extId = new URL((await serviceWorker(context)).url()).host;
  ext = await context.newPage();
  await ext.goto(`chrome-extension://${extId}/popup.html`);
  page = await context.newPage();
  watchConsole(page);
}

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

describe('read → store → compute, against the demo MIS', () => {
  let pupilIds: string[] = [];
  const weeks: string[] = [];

  it('reads every register week of one class since the export begins (MIS week buttons), and its pupil pages', async () => {
    let since = logs.length;
    await page.goto(new URL(`register/${FORM}`, base).href);
    await page.waitForSelector('.reg-row');
    await readDone(since);
    weeks.push(new URL(page.url()).searchParams.get('week')!);
    pupilIds = await page.$$eval('tr.reg-row', (rows) => rows.map((r) => r.getAttribute('data-student-id')!));
    expect(pupilIds.length).toBeGreaterThanOrEqual(30);

    // Back, week by week with the MIS's own button, to the first week the export has marks for: the
    // EPN window and maxInAnyWindow reach into the previous academic year (domain.md §4), so the
    // extension must have read it to agree with the report command.
    const first = [...exportMarks(await exportCsv(), new Set(pupilIds), '0000-01-01').values()]
      .flatMap((m) => [...m.keys()])
      .sort()[0]!
      .slice(0, 10);
    while (weeks.at(-1)! > first) {
      since = logs.length;
      const before = page.url();
      await page.click('.reg-weeknav__prev');
      await page.waitForURL((u) => u.href !== before && u.searchParams.has('week'));
      await page.waitForSelector('.reg-row');
      await readDone(since);
      weeks.push(new URL(page.url()).searchParams.get('week')!);
    }
    expect(new Set(weeks).size).toBe(weeks.length);
    expect(weeks.length).toBeGreaterThan(50);

    // Each pupil page through the MIS's own links (client-side navigation), then Back to the register.
    const registerUrl = page.url();
    for (const id of pupilIds) {
      since = logs.length;
      await page.click(`tr.reg-row[data-student-id="${id}"] a.reg-student__link`);
      await page.waitForURL((u) => u.pathname === `/pupils/${id}`);
      await page.waitForSelector('.att-cal__month');
      await readDone(since);
      since = logs.length;
      await page.goBack();
      await page.waitForURL(registerUrl);
      await page.waitForSelector('.reg-row');
      // The register re-renders after Back; it was sent already, so it is found unchanged.
      const again = await readDone(since);
      expect(again.type).toBe('unchanged');
    }
    // No page was refused.
    expect(logs.filter((l) => l.type === 'not-read' && !l.pending)).toEqual([]);
  });

  it('IndexedDB holds exactly the export\'s marks for those pupils', async () => {
    const stored = await ask<GetStoredReply>({ type: 'get-stored', pupilIds });
    const expected = exportMarks(await exportCsv(), new Set(pupilIds), '0000-01-01');
    expect(stored.pupils.map((p) => p.pupilId).sort()).toEqual([...pupilIds].sort());
    let total = 0;
    for (const p of stored.pupils) {
      const want = expected.get(p.pupilId) ?? new Map<string, string>();
      expect([...storedMarks(p)].sort(), `pupil ${p.pupilId}`).toEqual([...want].sort());
      // "-" (no mark on a school session) only where the export has no mark.
      for (const m of p.marks) if (m.code === '-') expect(want.has(`${m.date} ${m.session}`)).toBe(false);
      for (const m of p.marks) expect(m.original).toBe(m.code);
      expect(p.amendments).toEqual([]);
      total += want.size;
    }
    // A real check, not an empty one: over a year and a term of marks for ~30 pupils.
    expect(total).toBeGreaterThan(pupilIds.length * 400);
  });

  it('the background\'s flags equal the report command\'s on the export, for those pupils', async () => {
    const rep = report(await exportCsv());
    expect(rep.asOf).toBe(today);
    const mine = await flags(pupilIds);
    const theirs = new Map(rep.pupils.map((p) => [p.pupilId, p]));
    for (const id of pupilIds) expect(mine.get(id), `pupil ${id}`).toEqual(theirs.get(id));
  });

  it('a mark amended and saved in the MIS is stored with its amendment, and the flags change', async () => {
    const weekUrl = new URL(`register/${FORM}?week=${weeks[0]}`, base).href;
    let since = logs.length;
    await page.goto(weekUrl);
    await page.waitForSelector('.reg-row');
    await readDone(since);
    // The first pupil present on Monday AM and PM of this week: mark both sessions O (unauthorised).
    const monday = weeks[0]!;
    const id = await page.$$eval(
      'tr.reg-row',
      (rows, d) =>
        rows
          .find((r) => r.querySelector(`td[data-date="${d}"][data-period="AM"]`)?.textContent === '/' && r.querySelector(`td[data-date="${d}"][data-period="PM"]`)?.textContent === '\\')
          ?.getAttribute('data-student-id') ?? null,
      monday,
    );
    expect(id).not.toBeNull();
    const before = (await flags([id!])).get(id!)!;

    since = logs.length;
    for (const half of ['AM', 'PM']) {
      await page.click(`tr.reg-row[data-student-id="${id}"] td[data-date="${monday}"][data-period="${half}"]`);
      await page.click('.att-picker__opt:has(.att-chip:text-is("O"))');
    }
    // Pending edits alone store nothing. Wait until the reader has read the page with both edits on it
    // (a row with edited cells is sent without them, or nothing is sent if nothing else changed); it
    // handles one read at a time, so nothing it read earlier is still in flight either.
    await until('the reader to read the two unsaved marks', () =>
      logSince(since, (l) => (l.type === 'unsaved-edits' || l.type === 'stored') && l.edits === 2),
    );
    let stored = await ask<GetStoredReply>({ type: 'get-stored', pupilIds: [id!] });
    expect(stored.pupils[0]!.marks.find((m) => m.date === monday && m.session === 'AM')?.code).toBe('/');

    since = logs.length;
    await page.click('.reg-save');
    const done = await until('the saved amendment to be stored', () => logSince(since, (l) => l.type === 'stored' && (l.amended ?? 0) > 0));
    expect(done.changed).toBe(2);
    expect(done.amended).toBe(2);

    stored = await ask<GetStoredReply>({ type: 'get-stored', pupilIds: [id!] });
    const p = stored.pupils[0]!;
    expect(p.marks.filter((m) => m.date === monday).map((m) => `${m.session} ${m.code}`)).toEqual(['AM O', 'PM O']);
    expect(p.amendments.map((a) => `${a.date} ${a.session} ${a.oldCode}→${a.newCode}`)).toEqual([
      `${monday} AM /→O`,
      `${monday} PM \\→O`,
    ]);

    const after = (await flags([id!])).get(id!)!;
    expect(after.unauthorised).toBe(before.unauthorised + 2);
    expect(after.present).toBe(before.present - 2);
    expect(after.attendancePct).toBeLessThan(before.attendancePct!);
    expect(after.epn.currentSessions).toBe(before.epn.currentSessions + 2);
    // And still equal to the report command on the MIS's new export.
    const rep = report(await exportCsv());
    expect(after).toEqual(rep.pupils.find((x) => x.pupilId === id));
  });

  it('stopping the service worker while it stores a page loses nothing acknowledged and half-stores nothing; every page is stored after', async () => {
    // Pupil pages of another class, so every page is new to the extension (a pupil page shows the
    // current academic year).
    const other = server.school.forms.find((f) => f.id !== FORM)!;
    const classIds = server.school.pupils.filter((p) => p.formId === other.id).map((p) => p.id);
    const expected = exportMarks(await exportCsv(), new Set(classIds), academicYearStart(today));
    const ids: string[] = [];
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    let stops = 0;
    let lost = 0;

    // Armed with a page's address, the next arrival of that page's marks at the worker stops the worker
    // at once (from the console event itself, not a polling loop, so the stop lands while they are
    // being stored).
    let armed: string | null = null;
    let stopped: Promise<unknown> | null = null;
    onReceived = (url) => {
      if (url !== armed) return;
      armed = null;
      stops++;
      stopped = cdp.send('ServiceWorker.stopAllWorkers');
    };
    try {
      for (const [i, id] of classIds.entries()) {
        if (i >= RESTART_PAGES && lost >= RESTART_LOST) break;
        ids.push(id);
        const url = new URL(`pupils/${id}`, base).href;
        const want = expected.get(id)!;
        // Each time this page's marks reach the worker, the worker is stopped, until the reader has lost
        // that many replies — the first page three times in a row (the reader backs off 0.5, 2 and 5 s),
        // the others once. Then it is left alone.
        const losses = i === 0 ? 3 : 1;
        const shown = logs.length;
        let cursor = logs.length;
        let pageLost = 0;
        while (pageLost < losses) {
          const stopsBefore = stops;
          armed = url;
          if (pageLost === 0) await page.goto(url);
          // The stop (or the page stored before its next attempt needed one: nothing more to interrupt).
          const outcome = await until(`${url} to reach the worker and the reader's outcome`, () =>
            logSince(cursor, (l) => l.url === url && ((l.type === 'send-failed' && stops > stopsBefore) || l.type === 'stored')),
          );
          armed = null;
          await stopped;
          cursor = logs.indexOf(outcome, cursor) + 1;
          if (outcome.type === 'stored') break;
          pageLost++;
          lost++;
          if (pageLost < losses) continue; // armed again before the reader's next attempt
          // Never half-stored: right now this pupil has all of the page's marks or none of them.
          const now = await ask<GetStoredReply>({ type: 'get-stored', pupilIds: [id] });
          const marks = now.pupils[0] ? storedMarks(now.pupils[0]) : new Map<string, string>();
          expect(marks.size === 0 || marks.size === want.size, `pupil ${id} after a stop: ${marks.size} of ${want.size} marks`).toBe(true);
          for (const [k, code] of marks) expect(want.get(k), `${id} ${k}`).toBe(code);
        }
        // The page stays open until the reader's acknowledgement: it retries until the worker answers.
        await readDone(shown, url);
      }
    } finally {
      onReceived = null;
    }
    const failed = logs.filter((l) => l.type === 'send-failed' && ids.some((id) => l.url.endsWith(`/pupils/${id}`))).length;
    console.log(`service worker stopped ${stops} times while it held a page; ${lost} replies lost with it; ${failed} failed sends; ${ids.length}/${ids.length} pages acknowledged`);
    // The stops did land while pages were being stored (otherwise this test would prove nothing).
    expect(lost).toBeGreaterThanOrEqual(RESTART_LOST);

    // Every page acknowledged is stored exactly: the export's marks, nothing more, nothing changed.
    const stored = await ask<GetStoredReply>({ type: 'get-stored', pupilIds: ids });
    const byId = new Map(stored.pupils.map((p) => [p.pupilId, p]));
    for (const id of ids) {
      const got = byId.get(id);
      expect(got, `pupil ${id}`).toBeDefined();
      expect([...storedMarks(got!)].sort(), `pupil ${id}`).toEqual([...expected.get(id)!].sort());
      expect(got!.amendments, `pupil ${id}`).toEqual([]);
    }
    // The database still answers whole-school questions.
    const summary = await ask<{ ok: true; counts: { pupils: number } }>({ type: 'query-summary' });
    expect(summary.counts.pupils).toBe(pupilIds.length + ids.length);
  });

  it('closing the browser mid-ingest loses nothing acknowledged; the page is read again after', async () => {
    // (chrome.runtime.reload() leaves a --load-extension extension unloaded in this Chromium, so the
    // harder case is tested instead: the whole browser goes away while a read is being stored.)
    const used = new Set([FORM, server.school.forms.find((f) => f.id !== FORM)!.id]);
    const form = server.school.forms.find((f) => !used.has(f.id))!;
    const [a, b] = server.school.pupils.filter((p) => p.formId === form.id).map((p) => p.id);
    // A pupil page shows the current academic year.
    const expected = exportMarks(await exportCsv(), new Set([a!, b!]), academicYearStart(today));

    let since = logs.length;
    await page.goto(new URL(`pupils/${a}`, base).href);
    await page.waitForSelector('.att-cal__month');
    await readDone(since);

    // Pupil b's page: close the browser as soon as its calendar is on screen (its read is in flight).
    await page.goto(new URL(`pupils/${b}`, base).href);
    await page.waitForSelector('.att-cal__month');
    await context.close();
    await launch();

    const settings = await ask<{ ok: true; settings: { asOfOverride: string | null } }>({ type: 'get-settings' });
    expect(settings.settings.asOfOverride).toBe(today);
    let stored = await ask<GetStoredReply>({ type: 'get-stored', pupilIds: [a!, b!] });
    const byId = new Map(stored.pupils.map((p) => [p.pupilId, p]));
    expect([...storedMarks(byId.get(a!)!)].sort()).toEqual([...expected.get(a!)!].sort());
    const bMarks = byId.get(b!) ? storedMarks(byId.get(b!)!) : new Map<string, string>();
    expect(bMarks.size === 0 || bMarks.size === expected.get(b!)!.size, `pupil ${b}: ${bMarks.size} marks`).toBe(true);

    // Opening the page again reads it whole.
    since = logs.length;
    await page.goto(new URL(`pupils/${b}`, base).href);
    await page.waitForSelector('.att-cal__month');
    await readDone(since);
    stored = await ask<GetStoredReply>({ type: 'get-stored', pupilIds: [b!] });
    expect([...storedMarks(stored.pupils[0]!)].sort()).toEqual([...expected.get(b!)!].sort());
  });
});
