import { describe, expect, it } from 'vitest';
import { pupilMeasures } from './pupil-measures.ts';
import { schoolCalendar } from './school-calendar.ts';
import { NATIONAL_RETURNS } from './policy/presets/national.ts';
import { statutoryReturns, statutoryReturnsFromMeasures } from './statutory-returns.ts';
import { pupil, rep } from './history.test-support.ts';

const MON = '2025-09-01'; // a Monday

/** Returns for one pupil; a second, always-present pupil makes every listed session a school session. */
function returnsOf(pattern: string, asOf: string, from = MON, school?: string) {
  const h = pupil('p', from, pattern);
  const n = pattern.split(/\s+/).filter((t) => t !== '' && t !== '|').length;
  const cal = schoolCalendar([h, pupil('school', from, school ?? rep('.', n))], asOf);
  return statutoryReturns(h, cal);
}

describe('attendance return: 20 consecutive school sessions all G N O U (§5, §8.14)', () => {
  it('19 is not enough', () => {
    const r = returnsOf(`. ${rep('G', 19)} .`, '2025-09-30');
    expect(r).toMatchObject({ attendanceReturn: false, unauthorisedRun: 19 });
  });

  it('20 is, in any mix of G N O U, wherever the run starts', () => {
    const r = returnsOf(`. . . I ${rep('G', 5)} ${rep('N', 5)} ${rep('O', 5)} ${rep('U', 5)} .`, '2025-09-30');
    expect(r).toMatchObject({ attendanceReturn: true, unauthorisedRun: 20 });
  });

  it.each([
    ['D', 'dual registration'],
    ['Z', 'not on roll'],
    ['-', 'no mark'],
    ['_', 'no row at all'],
    ['#', 'a closure for this pupil alone'],
    ['Y1', 'not counted'],
    ['I', 'illness'],
    ['L', 'late before close'],
  ])('a school session coded %s (%s) breaks the run (§8.7)', (breaker) => {
    const r = returnsOf(`${rep('O', 10)} ${breaker} ${rep('O', 10)}`, '2025-09-30');
    expect(r).toMatchObject({ attendanceReturn: false, unauthorisedRun: 10 });
  });

  it('a holiday week and a closure for everyone do not break the run', () => {
    // 13–17 Oct: G from Wed; half term 20–24 Oct; Mon 27 Oct closed (#) for all; G to Wed 29 Oct PM.
    const p = `. . . . ${rep('G', 6)} ${rep('_', 10)} # # ${rep('G', 6)} . . . .`;
    const school = `${rep('.', 10)} ${rep('_', 10)} # # ${rep('.', 8)}`;
    const r = returnsOf(p, '2025-10-31', '2025-10-13', school);
    expect(r).toMatchObject({ attendanceReturn: false, unauthorisedRun: 12 });
    const p2 = `. . ${rep('G', 8)} ${rep('_', 10)} # # ${rep('G', 12)} . .`;
    const r2 = returnsOf(p2, '2025-11-04', '2025-10-13', `${rep('.', 10)} ${rep('_', 10)} # # ${rep('.', 14)}`);
    expect(r2).toMatchObject({ attendanceReturn: true, unauthorisedRun: 20 });
  });

  it('counts only the academic year containing the as-of date', () => {
    // 10 sessions of O at the end of the summer term and 10 at the start of September: 10 this year.
    const p = `${rep('.', 10)} ${rep('O', 10)} ${rep('_', 50)} ${rep('O', 10)}`;
    const school = `${rep('.', 20)} ${rep('_', 50)} ${rep('.', 10)}`;
    const r = returnsOf(p, '2025-09-05', '2025-07-14', school);
    expect(r).toMatchObject({ attendanceReturn: false, unauthorisedRun: 10 });
  });

  it('ignores sessions after the as-of date', () => {
    const r = returnsOf(rep('G', 30), '2025-09-12'); // only 20 up to Fri 12 Sep
    expect(r.unauthorisedRun).toBe(20);
    expect(returnsOf(rep('G', 30), '2025-09-11').attendanceReturn).toBe(false);
  });
});

describe('sickness return: 30 sessions of I, consecutive or cumulative (§5)', () => {
  it('29 consecutive: no return yet, but a warning', () => {
    const r = returnsOf(`. ${rep('I', 29)} .`, '2025-10-31');
    expect(r).toMatchObject({ sicknessReturn: false, sicknessWarning: true, illnessRun: 29, illnessSessions: 29 });
  });

  it('30 consecutive: a return, no warning', () => {
    const r = returnsOf(`. ${rep('I', 30)} .`, '2025-10-31');
    expect(r).toMatchObject({ sicknessReturn: true, sicknessWarning: false, illnessRun: 30 });
  });

  it('29 cumulative, never consecutive: no return; 30 cumulative: a return', () => {
    const spaced = (n: number) => rep('I .', n);
    expect(returnsOf(spaced(29), '2025-12-19')).toMatchObject({ sicknessReturn: false, illnessSessions: 29, illnessRun: 1 });
    expect(returnsOf(spaced(30), '2025-12-19')).toMatchObject({ sicknessReturn: true, illnessSessions: 30, illnessRun: 1 });
  });

  it('warns from 20 I sessions (within 5 days), not at 19', () => {
    expect(returnsOf(rep('I .', 19), '2025-12-19').sicknessWarning).toBe(false);
    expect(returnsOf(rep('I .', 20), '2025-12-19').sicknessWarning).toBe(true);
  });

  it('a run of I is broken by M (another authorised code)', () => {
    const r = returnsOf(`${rep('I', 15)} M ${rep('I', 15)}`, '2025-10-31');
    expect(r).toMatchObject({ illnessRun: 15, illnessSessions: 30, sicknessReturn: true });
  });

  it('lower-case i is an unknown code, not illness (§8.11)', () => {
    const r = returnsOf(rep('i', 30), '2025-10-31');
    expect(r).toMatchObject({ illnessSessions: 0, sicknessReturn: false, sicknessWarning: false });
  });
});

describe('statutoryReturnsFromMeasures: the same returns from measures already computed', () => {
  it('reads the I and G N O U runs and the I count of the year from the measures (§3, §5)', () => {
    // A mixed year: an I run of 12, an O/G run of 20 (a return), I spread out to 30 cumulative.
    const p = `. ${rep('I', 12)} . ${rep('O', 10)} ${rep('G', 10)} . ${rep('I .', 18)} M`;
    const h = pupil('p', MON, p);
    const n = p.split(/\s+/).filter((t) => t !== '').length;
    const cal = schoolCalendar([h, pupil('school', MON, rep('.', n))], '2025-12-19');
    const m = pupilMeasures(h, cal);
    const r = statutoryReturnsFromMeasures(m);
    expect(r).toEqual({
      attendanceReturn: true,
      sicknessReturn: true,
      sicknessWarning: false,
      unauthorisedRun: 20,
      illnessRun: 12,
      illnessSessions: 30,
    });
    expect(r).toEqual(statutoryReturns(h, cal));
  });
});

describe("statutory returns: a policy's returns settings take effect (domain.md §7)", () => {
  const h = pupil('p', MON, `. ${rep('O', 20)} . ${rep('I', 24)} .`);
  const cal = schoolCalendar([h, pupil('school', MON, rep('.', 47))], '2025-10-31');
  const m = pupilMeasures(h, cal);

  it('the national rule is the default, and the presets use it', () => {
    // domain.md §5: 10 school days (20 sessions) of G N O U; 15 school days (30 sessions) of I, warned 5 days before.
    expect(NATIONAL_RETURNS).toEqual({ attendanceReturnSessions: 20, sicknessReturnSessions: 30, sicknessWarningSessions: 20 });
    expect(statutoryReturnsFromMeasures(m)).toMatchObject({ attendanceReturn: true, sicknessReturn: false, sicknessWarning: true });
    expect(statutoryReturnsFromMeasures(m, NATIONAL_RETURNS)).toEqual(statutoryReturnsFromMeasures(m));
  });

  it('longer thresholds: no attendance return at 20 sessions, no warning at 24 I', () => {
    const r = statutoryReturnsFromMeasures(m, { attendanceReturnSessions: 21, sicknessReturnSessions: 40, sicknessWarningSessions: 30 });
    expect(r).toMatchObject({ attendanceReturn: false, sicknessReturn: false, sicknessWarning: false });
  });

  it('shorter thresholds: a sickness return at 24 I sessions; statutoryReturns takes the same settings', () => {
    const settings = { attendanceReturnSessions: 20, sicknessReturnSessions: 24, sicknessWarningSessions: 14 };
    expect(statutoryReturnsFromMeasures(m, settings)).toMatchObject({ sicknessReturn: true, sicknessWarning: false });
    expect(statutoryReturns(h, cal, settings)).toEqual(statutoryReturnsFromMeasures(m, settings));
  });
});
