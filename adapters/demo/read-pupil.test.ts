// @vitest-environment happy-dom
// Reading a Beacon MIS student page from saved pages: profile attributes and the year's saved marks.
import { describe, expect, it } from 'vitest';
import type { PupilPageRead } from '../page-read.ts';
import { loadFixtures } from '../../test/fixtures/load-fixtures.ts';
import { readPupil } from './read-pupil.ts';

// Keyed by name within demo/ (other MIS folders reuse names such as pupil.html).
const fixtures = new Map(loadFixtures().filter((f) => f.file.startsWith('demo/')).map((f) => [f.name, f]));

function read(name: string, edit?: (doc: Document) => void, url?: URL) {
  const f = fixtures.get(name)!;
  const doc = f.doc();
  edit?.(doc);
  return readPupil(doc, url ?? f.url);
}
function ok(name: string, edit?: (doc: Document) => void): PupilPageRead {
  const r = read(name, edit);
  if (!r.ok) throw new Error(r.reason);
  return r.data;
}
const field = (doc: Document, label: string) =>
  [...doc.querySelectorAll('.stu-fields dt')].find((d) => d.textContent === label)!.nextElementSibling!;

describe('demo readPupil', () => {
  it('reads the profile as attributes (Jude Abdi, Year 3 Ash)', () => {
    const d = ok('pupil');
    expect(d.kind).toBe('pupil');
    expect(d.pupilId).toBe('1153');
    expect(d.name).toBe('Jude Abdi');
    expect(d.attributes).toEqual({
      upn: 'T999204123613',
      yearGroup: '3',
      className: 'Year 3 Ash',
      sex: 'M',
      sen: 'K',
      fsm: true,
      pp: true,
      socialWorker: false,
    });
  });

  it('reads every non-blank calendar cell as a saved mark, with exact codes', () => {
    const d = ok('pupil');
    // 668 session cells (Sep–Jul); 560 blank (weekends, holidays, the future); 108 marked:
    // 47 "/", 45 "\", 6 "#" (INSET 1–2 Sep and 2 Nov), 5 O, 3 I, 2 M.
    expect(d.marks).toHaveLength(108);
    const count = (c: string) => d.marks.filter((m) => m.code === c).length;
    expect([count('/'), count('\\'), count('#'), count('O'), count('I'), count('M')]).toEqual([47, 45, 6, 5, 3, 2]);
    const absences = d.marks.filter((m) => !['/', '\\'].includes(m.code)).map((m) => `${m.date} ${m.session} ${m.code}`);
    expect(absences).toEqual([
      '2026-09-01 AM #',
      '2026-09-01 PM #',
      '2026-09-02 AM #',
      '2026-09-02 PM #',
      '2026-09-22 AM O',
      '2026-09-22 PM O',
      '2026-09-23 AM O',
      '2026-09-23 PM O',
      '2026-10-09 PM O',
      '2026-10-22 PM M',
      '2026-11-02 AM #',
      '2026-11-02 PM #',
      '2026-11-06 PM I',
      '2026-11-09 AM I',
      '2026-11-09 PM I',
      '2026-11-12 AM M',
    ]);
    // Consistent with the register page of the week of 9 Nov (register-previous-week, row 1).
    expect(d.marks.filter((m) => m.date >= '2026-11-09' && m.date <= '2026-11-13').map((m) => m.code).join(' ')).toBe(
      'I I / \\ / \\ M \\ / \\',
    );
    expect(d.marks.at(-1)).toEqual({ date: '2026-11-20', session: 'PM', code: '\\', original: '\\' });
  });

  it('maps the other spellings of the profile fields', () => {
    const d = ok('pupil', (doc) => {
      field(doc, 'Year group').textContent = 'Reception';
      field(doc, 'SEN status').textContent = 'No special educational need';
      field(doc, 'Sex').textContent = 'Female';
      field(doc, 'Social worker').textContent = 'Yes';
    });
    expect(d.attributes).toMatchObject({ yearGroup: 'R', sen: 'N', sex: 'F', socialWorker: true });
    const e = ok('pupil', (doc) => {
      field(doc, 'SEN status').textContent = 'Education, health and care plan (E)';
      field(doc, 'Free school meals').textContent = 'Unknown';
    });
    expect(e.attributes.sen).toBe('E');
    expect('fsm' in e.attributes).toBe(false);
  });

  const refused = (r: ReturnType<typeof readPupil>, reason: RegExp) => {
    expect(r.ok).toBe(false);
    expect('data' in r).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  };
  it('still loading: not read, marked pending', () => {
    const r = read('pupil-loading');
    refused(r, /still loading/);
    expect(!r.ok && r.pending).toBe(true);
  });
  it('missing pupil id field', () => refused(read('malformed-pupil-no-id'), /"Beacon ID" field is missing/));
  it('the page shows another pupil than the address', () => {
    const f = fixtures.get('pupil')!;
    refused(read('pupil', undefined, new URL('/pupils/1256', f.url)), /shows student 1153 but the address is for 1256/);
  });
  it('no calendar', () => refused(read('pupil', (doc) => doc.querySelector('table.att-cal')!.remove()), /calendar .* missing/));
  it('a calendar cell that is not a mark', () =>
    refused(
      read('pupil', (doc) => {
        doc.querySelector('td.att-cal__cell[data-date="2026-10-05"][data-period="AM"]')!.textContent = 'see note';
      }),
      /2026-10-05 AM: "see note" is not a mark/,
    ));
  it('a calendar cell without its date', () =>
    refused(
      read('pupil', (doc) => doc.querySelector('td.att-cal__cell[data-date="2026-10-05"]')!.removeAttribute('data-date')),
      /calendar cell has no valid date/,
    ));
});
