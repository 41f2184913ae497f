// End to end: the demo MIS in real Chromium. Client-side navigation, the register
// (marks compared with the school data), week navigation, editing with the code picker, saving,
// the pupil page and the exports. Screenshots go to out/screenshots/ (look at them).
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DemoSchool } from '../../demo/types.ts';
import { startDemoServer, type DemoServer } from '../../demo/server/start-demo-server.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './launch.ts';
import { WAIT_MS } from './wait-for.ts';

const SHOTS = 'out/screenshots';

// ---- independent reference arithmetic (not the server's code) --------------------------------------
const epochDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const mondayOf = (iso: string) => isoOf(epochDay(iso) - ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7));
const keyOf = (iso: string, half: 'AM' | 'PM') => epochDay(iso) * 2 + (half === 'PM' ? 1 : 0);
const codeAt = (school: DemoSchool, pupilId: string, key: number) => {
  const h = school.histories.get(pupilId);
  return h ? (h.codes[key - h.firstKey] ?? '') : '';
};
/** domain.md §8.6: a school session has some mark other than `#` or `-`. */
const isSchoolSession = (school: DemoSchool, key: number) =>
  school.pupils.some((p) => !['', '-', '#'].includes(codeAt(school, p.id, key)));
const ATTENDED = new Set(['/', '\\', 'L', 'B', 'K', 'P', 'V', 'W', 'J']);
const POSSIBLE = new Set([...ATTENDED, 'C', 'C1', 'C2', 'E', 'I', 'J1', 'M', 'R', 'S', 'T', 'H', 'F', 'G', 'N', 'O', 'U']);

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

let server: DemoServer;
let browser: Browser;
let page: Page;
let school: DemoSchool;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startDemoServer({ port: 0, size: 'primary' });
  school = server.school;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: WAIT_MS, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  page.on('pageerror', (err) => {
    throw err;
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The first form with 30+ pupils (the brief: a class of 30+). */
function bigForm() {
  const form = school.forms.find((f) => school.pupils.filter((p) => p.formId === f.id).length >= 30);
  if (!form) throw new Error('the demo school has no form of 30+ pupils');
  return form;
}

async function expectRegisterMatchesSchool(formId: string, monday: string) {
  await page.waitForSelector('.reg-row');
  const rows = await page.$$eval('tr.reg-row', (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-student-id') ?? '',
      href: tr.querySelector('a')?.getAttribute('href') ?? '',
      marks: [...tr.querySelectorAll('td.att-cell')].map((td) => td.textContent ?? ''),
    })),
  );
  const pupils = school.pupils.filter((p) => p.formId === formId);
  expect(rows.map((r) => r.id).sort()).toEqual(pupils.map((p) => p.id).sort());
  for (const row of rows) {
    expect(row.href).toBe(`/pupils/${row.id}`);
    const expected: string[] = [];
    for (let d = 0; d < 5; d++) {
      for (const half of ['AM', 'PM'] as const) {
        const key = keyOf(isoOf(epochDay(monday) + d), half);
        const code = codeAt(school, row.id, key);
        const past = key <= keyOf(school.today, 'PM');
        expected.push(code === '' || code === '-' ? (past && isSchoolSession(school, key) ? '-' : '') : code);
      }
    }
    expect(row.marks, `pupil ${row.id} week ${monday}`).toEqual(expected);
  }
  return rows;
}

describe('demo MIS in Chromium', () => {
  it('navigates home → registers → a register without a page load, rows arriving after a fetch', async () => {
    await page.goto(server.url);
    await page.waitForSelector('.mis-tile');
    await expect(page.textContent('.mis-page-title')).resolves.toBe(school.name);
    await expect(page.textContent('#mis-school-name')).resolves.toBe(school.name);
    await page.screenshot({ path: `${SHOTS}/demo-home.png`, fullPage: true });
    await page.evaluate(() => {
      (window as unknown as { misMarker: string }).misMarker = 'still here';
    });
    await page.click('.mis-sidenav__link[data-nav="registers"]');
    await page.waitForURL(/\/classes$/);
    const form = bigForm();
    // The page shell comes first; the rows arrive after the API answers. Recorded in the page as it
    // happens (however long the test takes to look): the order in which the loading panel and the
    // first row appeared.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { misSeen: string[] }).misSeen = seen;
      new MutationObserver(() => {
        for (const [what, sel] of [['loading', '.mis-loading'], ['rows', '.reg-row']] as const) {
          if (!seen.includes(what) && document.querySelector(sel)) seen.push(what);
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.click(`a.group-list__link[href="/register/${form.id}"]`);
    await page.waitForURL(new RegExp(`/register/${form.id}\\?week=${mondayOf(school.today)}$`));
    await page.waitForSelector('.reg-row');
    expect(await page.evaluate(() => (window as unknown as { misSeen: string[] }).misSeen)).toEqual(['loading', 'rows']);
    expect(await page.evaluate(() => (window as unknown as { misMarker?: string }).misMarker)).toBe('still here');
  });

  it('shows a register of 30+ pupils with every mark as in the school data', async () => {
    const form = bigForm();
    const rows = await expectRegisterMatchesSchool(form.id, mondayOf(school.today));
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it('moves between weeks with prev / next and the date picker, without a page load', async () => {
    const form = bigForm();
    const thisMonday = mondayOf(school.today);
    const prev = isoOf(epochDay(thisMonday) - 7);
    await page.click('.reg-weeknav__prev');
    await page.waitForURL(new RegExp(`week=${prev}$`));
    await page.waitForFunction((w) => document.querySelector('.reg-weeknav__label')?.textContent?.includes(String(Number(w.slice(8)))), prev);
    await expectRegisterMatchesSchool(form.id, prev);
    const target = isoOf(epochDay(thisMonday) - 30); // a date inside some earlier week
    await page.fill('.reg-week-picker', target);
    await page.waitForURL(new RegExp(`week=${mondayOf(target)}$`));
    await expectRegisterMatchesSchool(form.id, mondayOf(target));
    await page.goBack();
    await page.waitForURL(new RegExp(`week=${prev}$`));
    await page.click('.reg-weeknav__next');
    await page.waitForURL(new RegExp(`week=${thisMonday}$`));
    await expectRegisterMatchesSchool(form.id, thisMonday);
    expect(await page.evaluate(() => (window as unknown as { misMarker?: string }).misMarker)).toBe('still here');
  });

  let edited: { pupilId: string; date: string; code: string };

  it('edits cells with the code picker, shows them pending, saves, and the mark survives a reload', async () => {
    const form = bigForm();
    const monday = mondayOf(school.today);
    const rowEl = page.locator('tr.reg-row').first();
    const pupilId = (await rowEl.getAttribute('data-student-id')) as string;
    // Wednesday AM of this week (a past school session on the default today, a Friday).
    const date = isoOf(epochDay(monday) + 2);
    const before = codeAt(school, pupilId, keyOf(date, 'AM'));
    const code = before === 'O' ? 'M' : 'O';
    const cell = rowEl.locator(`td.att-cell[data-date="${date}"][data-period="AM"]`);
    await cell.click();
    await page.waitForSelector('.att-picker');
    await page.screenshot({ path: `${SHOTS}/demo-register-picker.png` });
    const meanings = await page.$$eval('.att-picker__opt', (opts) => opts.map((o) => o.textContent ?? ''));
    expect(meanings).toContain('C2Leave: part-time timetable');
    expect(meanings).toContain('Y4Unable to attend: whole school site closed');
    await page.locator('.att-picker__opt', { has: page.locator('.att-chip', { hasText: new RegExp(`^${code}$`) }) }).click();
    await expect(cell.textContent()).resolves.toBe(code);
    expect(await cell.getAttribute('class')).toContain('att-cell--dirty');
    expect(await page.textContent('.reg-savebar__count')).toBe('1 unsaved change');
    // A second edit by keyboard: focus the Thursday PM cell of the second row and type `l` (late).
    const second = page.locator('tr.reg-row').nth(1).locator(`td.att-cell[data-date="${isoOf(epochDay(monday) + 3)}"][data-period="PM"]`);
    const secondBefore = await second.textContent();
    await second.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press(secondBefore === 'L' ? 'm' : 'l');
    expect(await page.textContent('.reg-savebar__count')).toBe('2 unsaved changes');
    expect(await page.isVisible('.reg-savebar')).toBe(true);
    await page.screenshot({ path: `${SHOTS}/demo-register-pending.png`, fullPage: false });

    // Leaving with unsaved marks asks first; dismissing keeps the page and the pending marks.
    const url = page.url();
    page.once('dialog', (d) => {
      expect(d.message()).toContain('2 unsaved changes');
      void d.dismiss();
    });
    await page.click('.reg-weeknav__next');
    expect(page.url()).toBe(url);
    expect(await page.locator('.att-cell--dirty').count()).toBe(2);

    await page.click('.reg-save');
    await page.waitForSelector('.reg-savebar', { state: 'hidden' });
    expect(await page.locator('.att-cell--dirty').count()).toBe(0);
    expect(codeAt(school, pupilId, keyOf(date, 'AM'))).toBe(code);

    await page.reload();
    await page.waitForSelector('.reg-row');
    expect(await page.locator(`tr.reg-row[data-student-id="${pupilId}"] td.att-cell[data-date="${date}"][data-period="AM"]`).textContent()).toBe(code);
    await expectRegisterMatchesSchool(form.id, monday);
    edited = { pupilId, date, code };
  });

  it('the pupil page shows the profile, the saved mark in its calendar and the MIS summary', async () => {
    const { pupilId, date, code } = edited;
    await page.evaluate(() => {
      (window as unknown as { misMarker: string }).misMarker = 'pupil nav';
    });
    await page.click(`tr.reg-row[data-student-id="${pupilId}"] a.reg-student__link`);
    await page.waitForURL(new RegExp(`/pupils/${pupilId}$`));
    await page.waitForSelector('.att-cal');
    expect(await page.evaluate(() => (window as unknown as { misMarker?: string }).misMarker)).toBe('pupil nav');
    const pupil = school.pupils.find((p) => p.id === pupilId);
    const fields = await page.$$eval('.stu-fields dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])));
    expect(fields).toMatchObject({
      UPN: pupil?.upn,
      'Beacon ID': pupilId,
      'Legal surname': pupil?.surname,
      'Free school meals': pupil?.fsm ? 'Yes' : 'No',
      'Pupil premium': pupil?.pp ? 'Yes' : 'No',
      'Social worker': pupil?.socialWorker ? 'Yes' : 'No',
      Address: pupil?.address,
    });
    expect(await page.textContent(`.att-cal td[data-date="${date}"][data-period="AM"]`)).toBe(code);
    // Months of the academic year: September to July at least.
    const months = await page.$$eval('.att-cal__month-name', (ths) => ths.map((t) => t.textContent));
    expect(months.slice(-11)[0]).toMatch(/^Sep /);
    expect(months.at(-1)).toMatch(/^Jul /);
    // Every marked day of the year to date is in the grid as in the school data.
    const start = epochDay(`${Number(school.today.slice(0, 4)) - (Number(school.today.slice(5, 7)) >= 8 ? 0 : 1)}-08-01`);
    const grid = await page.$$eval('.att-cal td[data-date]', (tds) => tds.map((td) => [`${td.getAttribute('data-date')}|${td.getAttribute('data-period')}`, td.textContent ?? '']));
    const shown = new Map(grid as [string, string][]);
    let attended = 0;
    let possible = 0;
    for (let key = start * 2; key <= keyOf(school.today, 'PM'); key++) {
      const c = codeAt(school, pupilId, key);
      const where = `${isoOf(Math.floor(key / 2))}|${key % 2 ? 'PM' : 'AM'}`;
      if (c !== '' && c !== '-') expect(shown.get(where), where).toBe(c);
      if (POSSIBLE.has(c)) possible++;
      if (ATTENDED.has(c)) attended++;
    }
    // The MIS's own figure: attended / possible, rounded half up to one decimal.
    const pct = Math.floor((attended * 2000 + possible) / (2 * possible)) / 10;
    expect(await page.textContent('.stu-pct__value')).toBe(`${pct.toFixed(1)}%`);
    await page.screenshot({ path: `${SHOTS}/demo-pupil.png`, fullPage: true });
  });

  it('exports the whole school as CSV and CTF XML, with the saved edit', async () => {
    const { pupilId, date, code } = edited;
    const csv = await fetch(`${server.url}export/marks.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines.some((l) => l.startsWith(`${pupilId},${date},AM,${code},`) || l === `${pupilId},${date},AM,${code}`)).toBe(true);
    const ids = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    expect(ids.size).toBe(school.pupils.length);
    const ctf = await fetch(`${server.url}export/ctf.xml`);
    expect(ctf.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await ctf.text();
    expect(xml.match(/<Pupil>/g)?.length).toBe(school.pupils.length);
  });

  it('discards pending marks with Discard changes', async () => {
    await page.goto(`${server.url}register/${bigForm().id}`);
    await page.waitForSelector('.reg-row');
    const cell = page.locator('tr.reg-row').nth(2).locator('td.att-cell').first();
    const before = await cell.textContent();
    await cell.click();
    await page.locator('.att-picker__opt', { has: page.locator('.att-chip', { hasText: /^B$/ }) }).click();
    expect(await page.textContent('.reg-savebar__count')).toBe('1 unsaved change');
    await page.click('.reg-discard');
    await page.waitForSelector('.reg-savebar', { state: 'hidden' });
    expect(await cell.textContent()).toBe(before);
  });

  it('answers bad API input with 400/404 and a message, and serves page URLs as the app shell', async () => {
    const form = bigForm();
    const bad = await fetch(`${server.url}api/forms/${form.id}/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ edits: [{ pupilId: 'nobody', date: '2026-11-18', session: 'AM', code: '/' }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/edits\[0\]\.pupilId/);
    expect((await fetch(`${server.url}api/pupils/nobody`)).status).toBe(404);
    for (const path of ['/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const body = await rawGet(path);
      expect(body, path).not.toContain('devDependencies');
    }
    const shell = await fetch(`${server.url}pupils/${school.pupils[0]?.id}`);
    expect(shell.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('npm run demo:serve', () => {
  const run = (args: string[]) => spawn('node_modules/.bin/node', ['--no-warnings', 'demo/serve.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

  it('prints its base URL first, serves, and stops cleanly on SIGTERM', async () => {
    const child = run(['--port', '0', '--size', 'primary']);
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL line; stdout so far: ${out}`)), WAIT_MS);
      child.stdout.on('data', () => {
        if (out.includes('\n')) {
          clearTimeout(t);
          resolve(out.split('\n')[0] as string);
        }
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`${url}api/school`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { today: string }).today).toBe('2026-11-20');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')).toEqual([url]);
  });

  it('rejects bad arguments with a message and exit code 2', async () => {
    const child = run(['--port', '0', '--size', 'huge']);
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(2);
    expect(err).toContain('--size: "huge" is not one of primary, secondary, large');
  });
});
