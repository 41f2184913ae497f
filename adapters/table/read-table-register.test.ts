// @vitest-environment happy-dom
// The table adapter's register reader: Kestrel MIS (pupils as columns, icons, sub-codes, weekday
// columns under one "Week commencing" date) and hand-written tables in the other common header
// layouts. Expected payloads are written out by hand.
import { describe, expect, it } from 'vitest';
import { altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { historyFromRows } from '../../engine/history.ts';
import type { MarkRow } from '../../engine/types.ts';
import type { DemoPupil, DemoSchool } from '../../demo/types.ts';
import { registerPageSchema } from '../page-read.ts';
import type { TableMapping } from './mapping-schema.ts';
import { parseMapping } from './parse-mapping.ts';
import { previewRead } from './preview-read.ts';
import { readTableRegister } from './read-table-register.ts';

function mapping(m: unknown): TableMapping {
  const r = parseMapping(m);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.mapping;
}
const KESTREL = mapping(kestrelMapping);

const pupil = (id: string, forename: string, surname: string): DemoPupil => ({
  id,
  upn: `A99920412${id.padStart(4, '0')}`,
  forename,
  surname,
  dateOfBirth: '2017-03-09',
  sex: 'F',
  yearGroup: '4',
  formId: 'f4',
  sen: 'N',
  fsm: false,
  pp: false,
  socialWorker: false,
  address: '1 Mill Lane, Ashbrook AS1 1AA',
});
const DAYS = ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16'];
/** codes: Mon AM, Mon PM, … Fri PM. */
function rows(codes: string[]): MarkRow[] {
  return codes.map((code, i) => ({ date: DAYS[i >> 1]!, session: i % 2 === 0 ? 'AM' : 'PM', code }));
}
/** Two pupils, week beginning Mon 12 Jan 2026. */
function microSchool(): DemoSchool {
  const pupils = [pupil('501', 'Amy', 'Smith'), pupil('502', 'Seán', "O'Brien")];
  const codes: Record<string, string[]> = {
    '501': ['/', '\\', 'L', 'U', 'I', 'O', 'N', '-', 'C2', ''],
    '502': ['/', '\\', '/', '\\', '/', '\\', '/', '\\', '', ''],
  };
  return {
    name: 'Micro School',
    size: 'primary',
    seed: 1,
    today: '2026-01-15',
    forms: [{ id: 'f4', name: 'Year 4 Birch', yearGroup: '4', teacher: 'Ms Lee' }],
    pupils,
    histories: new Map(pupils.map((p) => [p.id, historyFromRows(p.id, `${p.forename} ${p.surname}`, rows(codes[p.id]!))])),
    insetDays: [],
  };
}
const SESSIONS = DAYS.flatMap((date) => [
  { date, session: 'AM' as const },
  { date, session: 'PM' as const },
]);
const KURL = new URL('http://127.0.0.1:5190/alt/register?form=f4&week=2026-01-12');

describe('readTableRegister: Kestrel MIS through its mapping', () => {
  it('reads the transposed grid: icons, alt text, sub-codes, blanks, weekday columns', () => {
    const doc = parseHtml(altRegisterPage(microSchool(), 'f4', '2026-01-12')!);
    const r = readTableRegister(doc, KURL, KESTREL);
    expect(r).toEqual({
      ok: true,
      data: {
        kind: 'register',
        formId: 'f4',
        formName: 'Year 4 Birch',
        weekStart: '2026-01-12',
        sessions: SESSIONS,
        pupils: [
          {
            pupilId: '501',
            name: 'Amy Smith',
            marks: [
              { date: '2026-01-12', session: 'AM', code: '/', original: '✓' },
              { date: '2026-01-12', session: 'PM', code: '\\', original: '✓' },
              { date: '2026-01-13', session: 'AM', code: 'L', original: 'late' },
              { date: '2026-01-13', session: 'PM', code: 'U', original: 'Late after close' },
              { date: '2026-01-14', session: 'AM', code: 'I', original: 'I_F' },
              { date: '2026-01-14', session: 'PM', code: 'O', original: 'O_T' },
              { date: '2026-01-15', session: 'AM', code: 'N', original: '?' },
              { date: '2026-01-15', session: 'PM', code: '-', original: '-' },
              { date: '2026-01-16', session: 'AM', code: 'C2', original: 'C2' },
            ],
            pending: [],
          },
          {
            pupilId: '502',
            name: "Seán O'Brien",
            marks: SESSIONS.slice(0, 8).map((s) => ({ ...s, code: s.session === 'AM' ? '/' : '\\', original: '✓' })),
            pending: [],
          },
        ],
      },
    });
    expect(previewRead(r).summary).toBe('2 pupils × 10 sessions; every code mapped');
    // Exactly what the background accepts (messages/messages.ts).
    expect(r.ok && registerPageSchema.safeParse(r.data).success).toBe(true);
  });

  it('keeps unmapped local codes raw and lists them in the preview (never guessed, domain.md §2)', () => {
    const codes = { ...KESTREL.codes };
    delete codes['I_F'];
    delete codes['?'];
    const doc = parseHtml(altRegisterPage(microSchool(), 'f4', '2026-01-12')!);
    const r = readTableRegister(doc, KURL, { ...KESTREL, codes });
    expect(r.ok && r.data.pupils[0]!.marks[4]).toEqual({ date: '2026-01-14', session: 'AM', code: 'I_F', original: 'I_F' });
    expect(previewRead(r)).toEqual({ summary: '2 pupils × 10 sessions; 2 codes not mapped: I_F, ?', unmapped: ['I_F', '?'] });
  });

  it('refuses an unmapped spelling too long to keep as a code (messages/messages.ts: codes are at most 16 characters)', () => {
    const codes = { ...KESTREL.codes };
    delete codes['Late after close'];
    const html = altRegisterPage(microSchool(), 'f4', '2026-01-12')!.replace('alt="Late after close"', 'alt="Arrived late after the register closed"');
    expect(readTableRegister(parseHtml(html), KURL, { ...KESTREL, codes })).toEqual({
      ok: false,
      reason:
        'Kestrel MIS register: column 3 (pupil 501), 2026-01-13 PM: "Arrived late after the register closed" is not in the code map (mapping field codes) and too long to keep as a code',
    });
  });

  it('fails the whole read, naming the mapping field, when the page does not fit', () => {
    const html = altRegisterPage(microSchool(), 'f4', '2026-01-12')!;
    const noWeek = parseHtml(html.replace('id="k-wc"', 'id="k-other"'));
    expect(readTableRegister(noWeek, KURL, KESTREL)).toEqual({
      ok: false,
      reason: 'Kestrel MIS register: the week shown could not be read (mapping field register.week)',
    });
    const noTable = parseHtml(html.replace('class="k-register"', 'class="k-grid"'));
    expect(readTableRegister(noTable, KURL, KESTREL)).toEqual({
      ok: false,
      reason: 'Kestrel MIS register: no register table (table.k-register, mapping field register.table)',
    });
    // With the totals row included, its "Present" header is not a session.
    const withTotals = readTableRegister(parseHtml(html), KURL, { ...KESTREL, register: { ...KESTREL.register!, rows: 'tr' } });
    expect(withTotals).toEqual({
      ok: false,
      reason: 'Kestrel MIS register: session header 11 ("Present") has no date of the form "weekday" (mapping field register.sessions.date)',
    });
    const twice = parseHtml(html.replace('/alt/pupil/502', '/alt/pupil/501'));
    expect(readTableRegister(twice, KURL, KESTREL)).toEqual({ ok: false, reason: 'Kestrel MIS register: column 4: pupil 501 appears twice' });
    const badSelector = readTableRegister(parseHtml(html), KURL, { ...KESTREL, register: { ...KESTREL.register!, table: 'table[' } });
    expect(badSelector.ok === false && badSelector.reason).toBe('Kestrel MIS register: the mapping has a bad selector: "table[" is not a valid CSS selector');
  });
});

// ---- Other layouts (pupils as rows), hand-written pages ----------------------------------------

const rowsMapping = (register: Record<string, unknown>) =>
  mapping({
    format: 'attendance-overlay/mis-mapping',
    version: 1,
    id: 'test-mis',
    name: 'Test MIS',
    detect: { selector: 'body' },
    register: {
      url: '^/reg',
      table: 'table',
      orientation: 'pupils-as-rows',
      headerLines: 1,
      labelCells: 1,
      pupilId: { cell: 0, from: 'attribute', attribute: 'data-id' },
      name: { cell: 0, from: 'text' },
      mark: { sources: [{ from: 'text' }] },
      ...register,
    },
    codes: { P: 'present', i: 'I' },
  });
const page = (table: string) => parseHtml(`<!doctype html><html><body><table>${table}</table></body></html>`);

describe('readTableRegister: header formats with pupils as rows', () => {
  it('"Mon 12/01 AM" headers, the year from the address\'s week', () => {
    const m = rowsMapping({ sessions: { date: 'd/m' }, week: { from: 'url', param: 'wk', format: 'iso' } });
    const doc = page('<tr><th>Pupil</th><th>Mon 12/01 AM</th><th>Mon 12/01 PM</th><th>Tue 13/01 AM</th></tr><tr><td data-id="9">Zoe Hart</td><td>P</td><td>P</td><td>i</td></tr>');
    const r = readTableRegister(doc, new URL('http://x/reg?wk=2026-01-12'), m);
    expect(r.ok && r.data.sessions).toEqual(SESSIONS.slice(0, 3));
    expect(r.ok && r.data.pupils).toEqual([
      {
        pupilId: '9',
        name: 'Zoe Hart',
        marks: [
          { date: '2026-01-12', session: 'AM', code: '/', original: 'P' },
          { date: '2026-01-12', session: 'PM', code: '\\', original: 'P' },
          { date: '2026-01-13', session: 'AM', code: 'I', original: 'i' },
        ],
        pending: [],
      },
    ]);
  });

  it('"12 Jan" over AM/PM sub-headers, a pending cell kept apart from saved marks', () => {
    const m = rowsMapping({
      headerLines: 2,
      sessions: { date: 'd mon', halves: { AM: ['am'], PM: ['pm'] } },
      week: { from: 'page', value: { selector: 'caption', from: 'text' }, format: 'd/m/y' },
      mark: { sources: [{ from: 'text' }], pendingCell: '.unsaved' },
    });
    const doc = page(
      '<caption>w/c 12/01/2026</caption><tr><th rowspan="2">Name</th><th colspan="2">12 Jan</th></tr><tr><th>am</th><th>pm</th></tr><tr><td data-id="7">Ali Khan</td><td>N</td><td class="unsaved">M</td></tr>',
    );
    const r = readTableRegister(doc, new URL('http://x/reg'), m);
    expect(r.ok && r.data.pupils[0]).toEqual({
      pupilId: '7',
      name: 'Ali Khan',
      marks: [{ date: '2026-01-12', session: 'AM', code: 'N', original: 'N' }],
      pending: [{ date: '2026-01-12', session: 'PM', code: 'M', original: 'M' }],
    });
  });

  it('ISO headers; a header without AM or PM, or a session outside the week, fails the read', () => {
    const m = rowsMapping({ sessions: { date: 'iso' } });
    const ok = page('<tr><th>Pupil</th><th>2026-01-16 AM</th><th>2026-01-16 PM</th></tr><tr><td data-id="3">Bo Yu</td><td>/</td><td></td></tr>');
    const r = readTableRegister(ok, new URL('http://x/reg'), m);
    expect(r.ok && r.data.weekStart).toBe('2026-01-12');
    expect(r.ok && r.data.pupils[0]!.marks).toEqual([{ date: '2026-01-16', session: 'AM', code: '/', original: '/' }]);

    const noHalf = page('<tr><th>Pupil</th><th>2026-01-16</th></tr><tr><td data-id="3">Bo Yu</td><td>/</td></tr>');
    expect(readTableRegister(noHalf, new URL('http://x/reg'), m)).toEqual({
      ok: false,
      reason: 'Test MIS register: session header 1 ("2026-01-16") does not say AM or PM (mapping field register.sessions.halves)',
    });
    const twoWeeks = page('<tr><th>Pupil</th><th>2026-01-16 AM</th><th>2026-01-19 AM</th></tr><tr><td data-id="3">Bo Yu</td><td>/</td><td>/</td></tr>');
    expect(readTableRegister(twoWeeks, new URL('http://x/reg'), m)).toEqual({
      ok: false,
      reason: 'Test MIS register: session 2026-01-19 AM is not a weekday of the week beginning 2026-01-12',
    });
    const noId = page('<tr><th>Pupil</th><th>2026-01-16 AM</th></tr><tr><td>Bo Yu</td><td>/</td></tr>');
    expect(readTableRegister(noId, new URL('http://x/reg'), m)).toEqual({
      ok: false,
      reason: 'Test MIS register: row 2 has no pupil id (mapping field register.pupilId)',
    });
  });
});

describe('readTableRegister: header text as it reads on screen', () => {
  it('"Mon<br>12/01" is "Mon 12/01"; inline markup does not split a name', () => {
    const m = rowsMapping({ sessions: { date: 'weekday' }, week: { from: 'url', param: 'wk', format: 'iso' } });
    const doc = page('<tr><th>Pupil</th><th>Mon<br>12/01<br>AM</th><th><span>Tue</span><span>PM</span></th></tr><tr><td data-id="4"><b>Z</b>oe <i>Hart</i></td><td>/</td><td>\\</td></tr>');
    const r = readTableRegister(doc, new URL('http://x/reg?wk=2026-01-12'), m);
    // "<span>Tue</span><span>PM</span>" reads "TuePM" on screen too: no session there, so the read fails.
    expect(r).toEqual({
      ok: false,
      reason: 'Test MIS register: session header 2 ("TuePM") does not say AM or PM (mapping field register.sessions.halves)',
    });
    const ok = page('<tr><th>Pupil</th><th>Mon<br>12/01<br>AM</th></tr><tr><td data-id="4"><b>Z</b>oe <i>Hart</i></td><td>/</td></tr>');
    const r2 = readTableRegister(ok, new URL('http://x/reg?wk=2026-01-12'), m);
    expect(r2.ok && r2.data.sessions).toEqual([{ date: '2026-01-12', session: 'AM' }]);
    expect(r2.ok && r2.data.pupils[0]!.name).toBe('Zoe Hart');
  });
});
