import { describe, expect, it } from 'vitest';
import { sessionKey } from './dates.ts';
import { attendancePercent, compareAttendance, isPersistent, isSevere, pupilMeasures } from './pupil-measures.ts';
import { schoolCalendar } from './school-calendar.ts';
import { pupil, rep } from './history.test-support.ts';
import type { PupilHistory } from './types.ts';

const MON = '2025-09-01'; // a Monday

/** Measures of one pupil; `school` is another pupil whose marks make extra school sessions. */
function measure(pattern: string, asOf: string, opts: { from?: string; school?: string } = {}) {
  const from = opts.from ?? MON;
  const h = pupil('p', from, pattern);
  const all: PupilHistory[] = [h];
  if (opts.school !== undefined) all.push(pupil('school', from, opts.school));
  return pupilMeasures(h, schoolCalendar(all, asOf));
}

/** `attended` presents followed by absences (I) up to `possible` sessions. */
function attendedOf(attended: number, possible: number): string {
  return `${rep('.', attended)} ${rep('I', possible - attended)}`;
}

describe('attendance % and bands in integer arithmetic (§3, §8.4)', () => {
  it('rounds half up to one decimal place', () => {
    expect(attendancePercent(2, 3)).toBe(66.7);
    expect(attendancePercent(1, 3)).toBe(33.3);
    expect(attendancePercent(1, 8)).toBe(12.5);
    expect(attendancePercent(9, 10)).toBe(90);
    expect(attendancePercent(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(attendancePercent(3, 16)).toBe(18.8); // 18.75 → 18.8
    expect(attendancePercent(1801, 2000)).toBe(90.1); // 90.05 → 90.1
    expect(attendancePercent(0, 5)).toBe(0);
    expect(attendancePercent(5, 5)).toBe(100);
    expect(attendancePercent(0, 0)).toBeNull();
  });

  it('exactly 90.0% (18 of 20) is persistent absence, not severe', () => {
    const m = measure(attendedOf(18, 20), '2025-09-12');
    expect(m).toMatchObject({ possible: 20, attended: 18, attendancePct: 90, persistent: true, severe: false });
  });

  it('90.1% (91 of 101) is not persistent absence', () => {
    const m = measure(attendedOf(91, 101), '2025-12-31');
    expect(m.possible).toBe(101);
    expect(m.attendancePct).toBe(90.1);
    expect(m.persistent).toBe(false);
  });

  it('171 of 190 is exactly 90% although 100 − 100·171/190 is 9.999…98 in floating point', () => {
    expect((1 - 171 / 190) * 100 >= 10).toBe(false); // the trap
    const m = measure(attendedOf(171, 190), '2026-03-31');
    expect(m).toMatchObject({ possible: 190, attended: 171, attendancePct: 90, persistent: true });
  });

  it('exactly 96% (24 of 25) is on the 96 boundary, not below it', () => {
    expect((1 - 24 / 25) * 100 <= 4).toBe(false); // the trap
    const m = measure(attendedOf(24, 25), '2025-09-30');
    expect(m.attendancePct).toBe(96);
    expect(compareAttendance(m.attended, m.possible, 96)).toBe(0);
    expect(compareAttendance(23, 25, 96)).toBe(-1);
    expect(compareAttendance(965, 1000, 96.5)).toBe(0);
    expect(compareAttendance(964, 1000, 96.5)).toBe(-1);
    expect(compareAttendance(966, 1000, 96.5)).toBe(1);
    expect(() => compareAttendance(1, 2, 96.55)).toThrow(/one decimal/);
  });

  it('exactly 50% (10 of 20) is severe absence; 11 of 20 is not', () => {
    expect(measure(attendedOf(10, 20), '2025-09-12')).toMatchObject({ attendancePct: 50, persistent: true, severe: true });
    expect(isSevere(11, 20)).toBe(false);
    expect(isPersistent(19, 20)).toBe(false);
  });

  it('a pupil with no possible sessions has no attendance % and no band flags (§8.4)', () => {
    const m = measure('Z Z D D X Y1 Q # Y Y', '2025-09-05');
    expect(m).toMatchObject({ possible: 0, attendancePct: null, persistent: false, severe: false, absenceSessions: 0 });
  });
});

describe('pupilMeasures: counting codes', () => {
  it('counts each category over one week', () => {
    const m = measure('. . L B I M G N O U', '2025-09-05');
    expect(m).toMatchObject({
      present: 3,
      aea: 1,
      authorised: 2,
      unauthorised: 4,
      possible: 10,
      attended: 4,
      attendancePct: 40,
      absenceSessions: 6,
      daysLost: 3,
      lates: 1,
      latesAfterClose: 1,
      persistent: true,
      severe: true,
    });
    expect(m.codeCounts).toEqual({ '/': 1, '\\': 1, L: 1, B: 1, I: 1, M: 1, G: 1, N: 1, O: 1, U: 1 });
  });

  it('counts \\ in an AM session (and / in a PM one) as present (§8.10)', () => {
    const h: PupilHistory = { pupilId: 'p', name: 'P', firstKey: sessionKey(MON, 'AM'), codes: ['\\', '/'] };
    const m = pupilMeasures(h, schoolCalendar([h], MON));
    expect(m).toMatchObject({ present: 2, possible: 2, attendancePct: 100 });
  });

  it('keeps legacy codes with their legacy meaning (§8.9)', () => {
    const m = measure('H F J Y . .', '2025-09-05');
    expect(m).toMatchObject({ authorised: 2, aea: 1, present: 2, possible: 5, attended: 3 });
    expect(m.codeCounts).toMatchObject({ H: 1, F: 1, J: 1, Y: 1 });
  });

  it('counts unknown codes (lower-case i, XX) as unknown, not possible (§2, §8.11)', () => {
    const m = measure('i XX . . i .', '2025-09-05');
    expect(m).toMatchObject({ unknownCodes: 3, possible: 3, present: 3, absenceSessions: 0 });
    expect(m.codeCounts).toMatchObject({ i: 2, XX: 1 });
  });

  it('ignores sessions after the as-of date (§1)', () => {
    const m = measure('. . . . G G G G', '2025-09-02'); // as of Tuesday: Wed and Thu are ignored
    expect(m).toMatchObject({ possible: 4, unauthorised: 0, lastKey: sessionKey('2025-09-02', 'PM') });
  });

  it('ignores weekend marks (§8.5)', () => {
    const h: PupilHistory = {
      pupilId: 'p',
      name: 'P',
      firstKey: sessionKey('2025-09-05', 'AM'),
      codes: ['/', '\\', 'G', 'G', 'G', 'G', '/', '\\'], // Fri, Sat, Sun, Mon
    };
    const m = pupilMeasures(h, schoolCalendar([h], '2025-09-08'));
    expect(m).toMatchObject({ possible: 4, unauthorised: 0 });
  });

  it('counts only the academic year containing the as-of date', () => {
    // 3 weeks of G in July 2025 (last year), 5 empty weeks (28 Jul – 29 Aug), one week of September.
    const h = pupil('p', '2025-07-07', `${rep('G', 30)} ${rep('_', 50)} . . I I . . . . . .`);
    const m = pupilMeasures(h, schoolCalendar([h], '2025-09-05'));
    expect(m).toMatchObject({ possible: 10, unauthorised: 0, authorised: 2, schoolWeeks: 1, longestUnauthorisedRun: 0 });
    expect(m.firstKey).toBe(sessionKey(MON, 'AM'));
  });
});

describe('pupilMeasures: spells, pattern, broken weeks, missing marks', () => {
  // Week 1 (1–5 Sep) and week 2 (8–12 Sep); the "school" pupil is present every session, so every
  // session is a school session and `_` is a school session with no row for this pupil.
  const week1 = 'I I I . G G - G N _';
  const week2 = 'D O O Z U # I I M .';
  const m = measure(`${week1} | ${week2}`, '2025-09-12', { school: rep('.', 20) });
  const k = (date: string, half: 'AM' | 'PM') => sessionKey(date, half);

  it('splits spells at any school session with another code: present, -, no row, D, Z, # for one pupil (§8.7)', () => {
    expect(m.spells).toEqual([
      { startKey: k('2025-09-01', 'AM'), endKey: k('2025-09-02', 'AM'), sessions: 3, codes: ['I'] },
      { startKey: k('2025-09-03', 'AM'), endKey: k('2025-09-03', 'PM'), sessions: 2, codes: ['G'] },
      { startKey: k('2025-09-04', 'PM'), endKey: k('2025-09-05', 'AM'), sessions: 2, codes: ['G', 'N'] },
      { startKey: k('2025-09-08', 'PM'), endKey: k('2025-09-09', 'AM'), sessions: 2, codes: ['O'] },
      { startKey: k('2025-09-10', 'AM'), endKey: k('2025-09-10', 'AM'), sessions: 1, codes: ['U'] },
      { startKey: k('2025-09-11', 'AM'), endKey: k('2025-09-12', 'AM'), sessions: 3, codes: ['I', 'M'] },
    ]);
  });

  it('counts the categories and runs of the same fortnight', () => {
    expect(m).toMatchObject({
      authorised: 6,
      unauthorised: 7,
      present: 2,
      possible: 15,
      absenceSessions: 13,
      illnessSessions: 5,
      longestIllnessRun: 3,
      longestUnauthorisedRun: 2,
      latesAfterClose: 1,
      brokenWeeks: 2,
      schoolWeeks: 2,
    });
  });

  it('puts absences in a weekday × AM/PM pattern', () => {
    expect(m.pattern).toEqual([
      [1, 2], // Mon: I ; I, O
      [2, 0], // Tue: I, O ; .
      [2, 1], // Wed: G, U ; G
      [1, 2], // Thu: I ; G, I
      [2, 0], // Fri: N, M ; -
    ]);
  });

  it('counts a - and a school session with no row between the first and last mark as missing (§8.8)', () => {
    expect(m.missingMarks).toBe(2);
    expect(m.codeCounts['-']).toBe(1);
    expect(m.firstKey).toBe(k('2025-09-01', 'AM'));
    expect(m.lastKey).toBe(k('2025-09-12', 'PM'));
  });

  it('does not split a spell at a holiday week or a closure for everyone', () => {
    // 13–17 Oct, half term 20–24 Oct (nobody marked), 27 Oct Monday closed for all (#).
    const school = `${rep('.', 10)} ${rep('_', 10)} # # ${rep('.', 8)}`;
    const p = `${rep('.', 8)} I I ${rep('_', 10)} # # I I ${rep('.', 6)}`;
    const r = measure(p, '2025-10-31', { from: '2025-10-13', school });
    expect(r.spells).toEqual([{ startKey: k('2025-10-17', 'AM'), endKey: k('2025-10-28', 'PM'), sessions: 4, codes: ['I'] }]);
    expect(r.longestIllnessRun).toBe(4);
    expect(r.brokenWeeks).toBe(2);
    expect(r.schoolWeeks).toBe(2);
    expect(r.missingMarks).toBe(0);
  });

  it('counts broken weeks against the weeks the pupil was on roll, and no missing marks before or after', () => {
    // Joins in week 2 (Z before), absent once in weeks 2 and 4, week 3 full; the last session is '-'.
    const school = rep('.', 40);
    const p = `${rep('Z', 10)} | I ${rep('.', 9)} | ${rep('.', 10)} | ${rep('.', 8)} G -`;
    const r = measure(p, '2025-09-26', { school });
    expect(r).toMatchObject({ possible: 29, brokenWeeks: 2, schoolWeeks: 3, missingMarks: 0, absenceSessions: 2 });
    expect(r.firstKey).toBe(k(MON, 'AM')); // Z counts as marked
    expect(r.lastKey).toBe(k('2025-09-26', 'AM'));
    expect(r.codeCounts.Z).toBe(10);
  });

  it('counts school sessions before a late first mark as nothing at all', () => {
    const school = rep('.', 10);
    const r = measure(`${rep('_', 6)} . . I .`, '2025-09-05', { school });
    expect(r).toMatchObject({ possible: 4, missingMarks: 0, firstKey: k('2025-09-04', 'AM') });
  });

  it('gives empty measures for a pupil who left last academic year', () => {
    const h = pupil('p', '2025-07-14', rep('G', 10));
    const cal = schoolCalendar([h, pupil('s', '2025-07-14', `${rep('.', 60)}`)], '2025-09-05');
    expect(pupilMeasures(h, cal)).toMatchObject({ possible: 0, firstKey: null, lastKey: null, brokenWeeks: 0, schoolWeeks: 0, missingMarks: 0 });
  });

  it('gives empty measures for an empty history', () => {
    const h: PupilHistory = { pupilId: 'p', name: 'P', firstKey: 0, codes: [] };
    const r = pupilMeasures(h, schoolCalendar([pupil('s', MON, '. .'), h], MON));
    expect(r).toMatchObject({ possible: 0, firstKey: null, lastKey: null, spells: [], missingMarks: 0, schoolWeeks: 0 });
  });
});
