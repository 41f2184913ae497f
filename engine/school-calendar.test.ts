import { describe, expect, it } from 'vitest';
import { EMPTY_ID, codeId } from './codes.ts';
import { sessionKey, toEpochDay } from './dates.ts';
import { schoolCalendar, schoolWeekDates } from './school-calendar.ts';
import { pupil, rep } from './history.test-support.ts';
import type { PupilHistory } from './types.ts';

// 2025-09-01 is a Monday.
const MON = '2025-09-01';

describe('schoolCalendar: which sessions are school sessions (§1, §8.6)', () => {
  it('is a session where at least one pupil has a mark other than #, - or no mark', () => {
    // Monday AM: #, -, nothing → not a school session. Monday PM: one pupil Y4 → school session.
    const a = pupil('a', MON, '# Y4 . .');
    const b = pupil('b', MON, '- _ . .');
    const cal = schoolCalendar([a, b], '2025-09-05');
    expect(cal.isSchoolSession(sessionKey(MON, 'AM'))).toBe(false);
    expect(cal.isSchoolSession(sessionKey(MON, 'PM'))).toBe(true);
    expect(Array.from(cal.sessions)).toEqual([
      sessionKey(MON, 'PM'),
      sessionKey('2025-09-02', 'AM'),
      sessionKey('2025-09-02', 'PM'),
    ]);
  });

  it('treats a planned closure for everyone as no school session', () => {
    const a = pupil('a', MON, '. . # # . .');
    const b = pupil('b', MON, 'I I # # . .');
    const cal = schoolCalendar([a, b], '2025-09-05');
    expect(cal.isSchoolSession(sessionKey('2025-09-02', 'AM'))).toBe(false);
    expect(cal.isSchoolSession(sessionKey('2025-09-02', 'PM'))).toBe(false);
    expect(cal.sessions.length).toBe(4);
  });

  it('counts sessions already known (from pupils not given) exactly as a pupil present at each would', () => {
    const a = pupil('a', '2025-09-02', '. . # # . .');
    // Known: Monday AM and PM (before a's first mark), a closed Wednesday AM, a Saturday and a session after asOf.
    const known = [sessionKey(MON, 'AM'), sessionKey(MON, 'PM'), sessionKey('2025-09-03', 'AM'), sessionKey('2025-09-06', 'AM'), sessionKey('2025-09-08', 'AM')];
    const present: PupilHistory = { pupilId: 'known', name: '', firstKey: known[0]!, codes: [] };
    for (const k of known) present.codes[k - present.firstKey] = '/';
    present.codes = Array.from(present.codes, (c) => c ?? '');
    const cal = schoolCalendar([a], '2025-09-05', known);
    expect(Array.from(cal.sessions)).toEqual(Array.from(schoolCalendar([a, present], '2025-09-05').sessions));
    expect(Array.from(cal.sessions)).toEqual([
      sessionKey(MON, 'AM'),
      sessionKey(MON, 'PM'),
      sessionKey('2025-09-02', 'AM'),
      sessionKey('2025-09-02', 'PM'),
      sessionKey('2025-09-03', 'AM'),
      sessionKey('2025-09-04', 'AM'),
      sessionKey('2025-09-04', 'PM'),
    ]);
    expect(cal.weeks).toEqual(schoolCalendar([a, present], '2025-09-05').weeks);
  });

  it('uses a single pupil’s own marks when only one history is known', () => {
    const cal = schoolCalendar([pupil('a', MON, '. . _ _ G G')], '2025-09-05');
    expect(Array.from(cal.sessions)).toEqual([40664, 40665, 40668, 40669]);
    expect(cal.sessions[0]).toBe(sessionKey(MON, 'AM'));
  });

  it('ignores sessions after the as-of date (§1) but includes both sessions of the as-of date', () => {
    const cal = schoolCalendar([pupil('a', MON, rep('.', 10))], '2025-09-03');
    expect(cal.asOfKey).toBe(sessionKey('2025-09-03', 'PM'));
    expect(cal.sessions.length).toBe(6);
    expect(cal.isSchoolSession(sessionKey('2025-09-04', 'AM'))).toBe(false);
  });

  it('ignores Saturday and Sunday marks even in a hand-built history (§8.5)', () => {
    const h: PupilHistory = { pupilId: 'a', name: 'A', firstKey: sessionKey('2025-09-05', 'AM'), codes: ['/', '\\', 'G', 'G', 'G', 'G', '/'] };
    const cal = schoolCalendar([h], '2025-09-10');
    expect(Array.from(cal.sessions)).toEqual([
      sessionKey('2025-09-05', 'AM'),
      sessionKey('2025-09-05', 'PM'),
      sessionKey('2025-09-08', 'AM'),
    ]);
  });

  it('treats holes in a hand-built codes array as no mark', () => {
    const h: PupilHistory = { pupilId: 'a', name: 'A', firstKey: sessionKey(MON, 'AM'), codes: ['/', , 'I'] as string[] };
    const cal = schoolCalendar([h], '2025-09-02');
    expect(Array.from(cal.sessions)).toEqual([sessionKey(MON, 'AM'), sessionKey('2025-09-02', 'AM')]);
    expect(Array.from(cal.pupilCodeIds(h))).toEqual([codeId('/'), codeId('I')]);
  });

  it('handles no histories at all', () => {
    const cal = schoolCalendar([], '2025-09-03');
    expect(cal.sessions.length).toBe(0);
    expect(cal.weeks).toEqual([]);
    expect(cal.schoolSessionsYtd).toBe(0);
    expect(cal.schoolWeeksYtd).toBe(0);
    expect(cal.isSchoolSession(sessionKey('2025-09-03', 'AM'))).toBe(false);
  });
});

describe('schoolCalendar: school weeks and the year to date', () => {
  it('skips a half-term week with no school session', () => {
    // Two weeks of school, a half-term week with no marks, one more week.
    const p = pupil('a', '2025-10-13', `${rep('.', 20)} ${rep('_', 10)} ${rep('.', 10)}`);
    const cal = schoolCalendar([p], '2025-11-07');
    expect(schoolWeekDates(cal)).toEqual(['2025-10-13', '2025-10-20', '2025-11-03']);
    expect(cal.weeks[0]).toBe(toEpochDay('2025-10-13'));
  });

  it('counts a week with a single school session as a school week', () => {
    const p = pupil('a', '2025-09-05', '. _ _ _ _ _ _ _ _ _ . .'); // Fri AM; next week Fri only
    const cal = schoolCalendar([p], '2025-09-12');
    expect(schoolWeekDates(cal)).toEqual(['2025-09-01', '2025-09-08']);
  });

  it('keeps all years in sessions and weeks but counts only this academic year to date', () => {
    // Last week of the summer term (Mon 14 – Fri 18 Jul 2025), then the first week of September.
    const july = pupil('a', '2025-07-14', rep('.', 10));
    const sept = pupil('b', '2025-09-01', rep('.', 6));
    const cal = schoolCalendar([july, sept], '2025-09-03');
    expect(cal.yearStart).toBe('2025-08-01');
    expect(cal.yearStartKey).toBe(sessionKey('2025-08-01', 'AM'));
    expect(cal.sessions.length).toBe(16);
    expect(cal.weeks.length).toBe(2);
    expect(cal.schoolSessionsYtd).toBe(6);
    expect(cal.schoolWeeksYtd).toBe(1);
    expect(cal.ytdStartIndex).toBe(10);
    expect(cal.sessionIndex(sessionKey('2025-09-01', 'AM'))).toBe(10);
    expect(cal.sessionIndex(sessionKey('2025-08-01', 'AM'))).toBe(-1);
    expect(Array.from(cal.sessionWeek)).toEqual([...Array(10).fill(0), ...Array(6).fill(1)]);
  });

  it('finds the first session at or after a key', () => {
    const cal = schoolCalendar([pupil('a', MON, '. . _ _ . .')], '2025-09-05');
    expect(cal.indexAtOrAfter(sessionKey('2025-09-02', 'AM'))).toBe(2); // Wed AM
    expect(cal.indexAtOrAfter(0)).toBe(0);
    expect(cal.indexAtOrAfter(sessionKey('2025-09-05', 'AM'))).toBe(4);
  });
});

describe('schoolCalendar.pupilCodeIds', () => {
  it('gives the pupil’s code id at each school session, EMPTY_ID where there is no mark', () => {
    const a = pupil('a', MON, '. . . . . .');
    const b = pupil('b', MON, '_ _ I - C1');
    const cal = schoolCalendar([a, b], '2025-09-05');
    expect(Array.from(cal.pupilCodeIds(b))).toEqual([EMPTY_ID, EMPTY_ID, codeId('I'), codeId('-'), codeId('C1'), EMPTY_ID]);
    expect(cal.pupilCodeIds(b)).toBe(cal.pupilCodeIds(b)); // computed once
  });

  it('keeps each pupil’s ids when another pupil’s are asked for (no shared buffer)', () => {
    const a = pupil('a', MON, '. . I I');
    const b = pupil('b', MON, 'G G . .');
    const cal = schoolCalendar([a, b], '2025-09-05');
    const idsA = cal.pupilCodeIds(a);
    const idsB = cal.pupilCodeIds(b);
    expect(Array.from(idsA)).toEqual([codeId('/'), codeId('\\'), codeId('I'), codeId('I')]);
    expect(Array.from(idsB)).toEqual([codeId('G'), codeId('G'), codeId('/'), codeId('\\')]);
    expect(Array.from(cal.pupilCodeIds(a))).toEqual(Array.from(idsA)); // asked again after b
  });

  it('gives the right ids for many pupils (ids are carved from shared blocks)', () => {
    const codes = ['G', 'I', 'O', 'M', 'C1', 'Y3'];
    const hs = Array.from({ length: 150 }, (_, i) => pupil(`p${i}`, MON, `${codes[i % codes.length]} . . .`));
    const cal = schoolCalendar(hs, '2025-09-05');
    const all = hs.map((h) => cal.pupilCodeIds(h));
    all.forEach((ids, i) => expect(Array.from(ids)).toEqual([codeId(codes[i % codes.length] as string), codeId('\\'), codeId('/'), codeId('\\')]));
  });

  it('notices a history whose codes array was replaced', () => {
    const a = pupil('a', MON, '. . . .');
    const cal = schoolCalendar([a], '2025-09-05');
    expect(cal.pupilCodeIds(a)[2]).toBe(codeId('/'));
    a.codes = ['/', '\\', 'G', 'G'];
    expect(cal.pupilCodeIds(a)[2]).toBe(codeId('G'));
  });

  it('works for a history the calendar was not built from, starting before it', () => {
    const cal = schoolCalendar([pupil('a', '2025-09-03', '. .')], '2025-09-05');
    const other = pupil('b', MON, 'G G G G G G');
    expect(Array.from(cal.pupilCodeIds(other))).toEqual([codeId('G'), codeId('G')]);
  });
});
