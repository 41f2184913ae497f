// @vitest-environment happy-dom
// Reading Beacon MIS registers from saved pages: exact marks, saved and pending apart, and malformed or
// loading pages refused whole with a reason (never half-read).
import { describe, expect, it } from 'vitest';
import type { RegisterPageRead } from '../page-read.ts';
import { loadFixtures, type Fixture } from '../../test/fixtures/load-fixtures.ts';
import { nameFromListName, readRegister } from './read-register.ts';

// Keyed by name within demo/ (other MIS folders reuse names such as pupil.html).
const fixtures = new Map(loadFixtures().filter((f) => f.file.startsWith('demo/')).map((f) => [f.name, f]));
const fx = (name: string): Fixture => fixtures.get(name)!;

function read(name: string, edit?: (doc: Document) => void, url?: URL): ReturnType<typeof readRegister> {
  const f = fx(name);
  const doc = f.doc();
  edit?.(doc);
  return readRegister(doc, url ?? f.url);
}
function ok(name: string, edit?: (doc: Document) => void): RegisterPageRead {
  const r = read(name, edit);
  if (!r.ok) throw new Error(r.reason);
  return r.data;
}
const codes = (p: RegisterPageRead['pupils'][number]) => p.marks.map((m) => m.code).join(' ');
const pupil = (d: RegisterPageRead, id: string) => d.pupils.find((p) => p.pupilId === id)!;

describe('demo readRegister: saved pages', () => {
  it('reads the current week of Year 3 Ash: 32 pupils × 10 sessions with exact marks', () => {
    const d = ok('register-this-week');
    expect(d.kind).toBe('register');
    expect(d.formId).toBe('4');
    expect(d.formName).toBe('Year 3 Ash');
    expect(d.weekStart).toBe('2026-11-16');
    expect(d.sessions).toEqual(
      ['16', '17', '18', '19', '20'].flatMap((day) => [
        { date: `2026-11-${day}`, session: 'AM' },
        { date: `2026-11-${day}`, session: 'PM' },
      ]),
    );
    expect(d.pupils).toHaveLength(32);
    // Row 1 as the page shows it: "Abdi, Jude" (names are read as Forename Surname).
    expect(d.pupils[0]!.pupilId).toBe('1153');
    expect(d.pupils[0]!.name).toBe('Jude Abdi');
    expect(codes(d.pupils[0]!)).toBe('/ \\ / \\ / \\ / \\ / \\');
    // Row 3: ill Monday morning, no reason yet Monday afternoon.
    expect(pupil(d, '1030').name).toBe('Esme Atkinson');
    expect(codes(pupil(d, '1030'))).toBe('I N / \\ / \\ / \\ / \\');
    expect(pupil(d, '1030').marks[1]).toEqual({ date: '2026-11-16', session: 'PM', code: 'N', original: 'N' });
    expect(d.pupils.every((p) => p.pending.length === 0)).toBe(true);
    // 320 cells, all marked on this week (no blanks).
    expect(d.pupils.reduce((n, p) => n + p.marks.length, 0)).toBe(320);
  });

  it('reads the previous week (reached with the MIS\'s own Previous button)', () => {
    const d = ok('register-previous-week');
    expect(d.weekStart).toBe('2026-11-09');
    expect(codes(pupil(d, '1153'))).toBe('I I / \\ / \\ M \\ / \\');
  });

  it('multi-character codes are whole tokens (C2, Y7)', () => {
    const d = ok('register-multichar');
    expect(d.formName).toBe('Reception Robins');
    expect(d.weekStart).toBe('2026-09-21');
    expect(d.pupils).toHaveLength(30);
    expect(codes(pupil(d, '1254'))).toBe('/ C2 / C2 L C2 / C2 / C2');
    expect(codes(pupil(d, '1150'))).toBe('/ \\ / \\ / \\ Y7 Y7 / \\');
  });

  it('a half-term week has rows but blank cells: pupils with no marks, nothing invented', () => {
    const d = ok('register-half-term');
    expect(d.weekStart).toBe('2026-10-26');
    expect(d.pupils).toHaveLength(32);
    expect(d.pupils.every((p) => p.marks.length === 0 && p.pending.length === 0)).toBe(true);
  });

  it('pending (unsaved) edits are kept apart and hide no saved mark', () => {
    const d = ok('register-pending');
    // Jude Abdi: Wed PM edited to M (saved mark not visible, so not read as saved).
    expect(codes(pupil(d, '1153'))).toBe('/ \\ / \\ / / \\ / \\');
    expect(pupil(d, '1153').marks.some((m) => m.date === '2026-11-18' && m.session === 'PM')).toBe(false);
    expect(pupil(d, '1153').pending).toEqual([{ date: '2026-11-18', session: 'PM', code: 'M', original: 'M' }]);
    // Ella Allen: Fri AM cleared (pending "no mark").
    expect(pupil(d, '1256').pending).toEqual([{ date: '2026-11-20', session: 'AM', code: '-', original: '-' }]);
    expect(d.pupils.filter((p) => p.pending.length > 0).map((p) => p.pupilId)).toEqual(['1153', '1256']);
    expect(d.pupils.reduce((n, p) => n + p.marks.length, 0)).toBe(318);
  });

  it('a saved "-" on a school session is read as no mark recorded', () => {
    const d = ok('register-this-week', (doc) => {
      doc.querySelector('tr[data-student-id="1153"] td[data-date="2026-11-17"][data-period="AM"] .att-mark')!.textContent = '-';
    });
    expect(pupil(d, '1153').marks[2]).toEqual({ date: '2026-11-17', session: 'AM', code: '-', original: '-' });
  });
});

describe('demo readRegister: refused whole, with the reason', () => {
  const refused = (r: ReturnType<typeof readRegister>, reason: RegExp) => {
    expect(r.ok).toBe(false);
    expect('data' in r).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  };

  it('still loading (no rows yet): not read, marked pending', () => {
    const r = read('register-loading');
    refused(r, /still loading/);
    expect(!r.ok && r.pending).toBe(true);
  });
  it('missing session header row', () => refused(read('malformed-register-no-header'), /session header row .* missing/));
  it('a row with the wrong number of cells', () =>
    refused(read('malformed-register-short-row'), /row 3 \(pupil 1030\) has 9 mark cells, expected 10/));
  it('an unknown week (headers without dates)', () => refused(read('malformed-register-unknown-week'), /week unknown/));
  it('the address names another week than the grid shows', () => {
    const f = fx('register-this-week');
    refused(read('register-this-week', undefined, new URL('/register/4?week=2026-11-09', f.url)), /asks for week 2026-11-09 .* 2026-11-16/);
  });
  it('a cell whose text is not a mark', () =>
    refused(
      read('register-this-week', (doc) => {
        doc.querySelector('tr[data-student-id="1256"] .att-cell .att-mark')!.textContent = 'Present today';
      }),
      /row 2 \(pupil 1256\), 2026-11-16 AM: "Present today" is not a mark/,
    ));
  it('cells out of order under the headers', () =>
    refused(
      read('register-this-week', (doc) => {
        const row = doc.querySelector('tr[data-student-id="1256"]')!;
        row.append(row.querySelector('.att-cell')!);
      }),
      /row 2 .* cell 1 is not under its header/,
    ));
  it('the same pupil twice', () =>
    refused(
      read('register-this-week', (doc) => {
        const rows = doc.querySelectorAll('tr.reg-row');
        rows[5]!.setAttribute('data-student-id', rows[4]!.getAttribute('data-student-id')!);
      }),
      /row 6: pupil .* appears twice/,
    ));
  it('a row without its pupil id (never skipped silently)', () =>
    refused(
      read('register-this-week', (doc) => doc.querySelectorAll('tr.reg-row')[7]!.removeAttribute('data-student-id')),
      /row 8 has no pupil id/,
    ));
  it('a page with no grid and no loading panel', () =>
    refused(
      read('register-loading', (doc) => doc.querySelector('.mis-loading')!.remove()),
      /no register grid/,
    ));
});

describe('nameFromListName', () => {
  it('turns "Surname, Forename" around and keeps names without a comma', () => {
    expect(nameFromListName("O'Connor, Paige")).toBe("Paige O'Connor");
    expect(nameFromListName('  Smith-Jones,   Ann Marie ')).toBe('Ann Marie Smith-Jones');
    expect(nameFromListName('Cher')).toBe('Cher');
  });
});
