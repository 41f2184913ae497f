import { describe, expect, it } from 'vitest';
import { sessionKey } from './dates.ts';
import { epnWindow } from './epn-window.ts';
import { NATIONAL_EPN } from './policy/presets/national.ts';
import { schoolCalendar } from './school-calendar.ts';
import { pupil, rep } from './history.test-support.ts';
import type { EpnSettings } from './types.ts';

const PRESENT_WEEK = rep('.', 10);
const HOLIDAY = rep('_', 10);

/**
 * EPN result for one pupil. `weeks` is one 10-session pattern per calendar week from `from` (a Monday);
 * HOLIDAY is a week nobody is marked. Another pupil, present whenever this week is not a holiday,
 * makes every session of a non-holiday week a school session.
 */
function epn(from: string, weeks: string[], asOf: string, settings: EpnSettings = NATIONAL_EPN) {
  const h = pupil('p', from, weeks.join(' | '));
  const school = pupil('school', from, weeks.map((w) => (w === HOLIDAY ? HOLIDAY : PRESENT_WEEK)).join(' | '));
  return epnWindow(h, schoolCalendar([h, school], asOf), settings);
}

/** A week with `n` sessions of `code` first, present for the rest. */
const week = (code: string, n: number) => `${rep(code, n)} ${rep('.', 10 - n)}`.trim();

describe('epnWindow: national threshold, 10 sessions of G N O U in 10 school weeks, >= (§4)', () => {
  it('10 sessions in one week meet it; 9 do not', () => {
    expect(epn('2025-09-01', [week('G', 10)], '2025-09-05')).toMatchObject({
      currentSessions: 10,
      met: true,
      sessionsToThreshold: 0,
      windowStartWeek: '2025-09-01',
      windowEndWeek: '2025-09-01',
    });
    expect(epn('2025-09-01', [week('O', 9)], '2025-09-05')).toMatchObject({ currentSessions: 9, met: false, sessionsToThreshold: 1 });
  });

  it('counts any mix of G N O U spread over weeks, not consecutive', () => {
    const r = epn('2025-09-01', ['G . O . . . . . . .', 'U . . . . . . . . G', week('O', 6)], '2025-09-19');
    expect(r).toMatchObject({ currentSessions: 10, met: true });
    expect(r.currentKeys[0]).toBe(sessionKey('2025-09-01', 'AM'));
    expect(r.currentKeys).toHaveLength(10);
  });

  it('skips a half-term week with no school session: the 10 school weeks reach back 11 calendar weeks', () => {
    // School weeks: 1 Sep … 13 Oct (7), half term 20 Oct, 27 Oct … 17 Nov (4) = 11 school weeks.
    const weeks = [
      PRESENT_WEEK, // 1 Sep
      week('G', 5), // 8 Sep
      ...Array(5).fill(PRESENT_WEEK), // 15 Sep … 13 Oct
      HOLIDAY, // 20 Oct
      ...Array(3).fill(PRESENT_WEEK), // 27 Oct … 10 Nov
      `${rep('.', 5)} ${rep('O', 5)}`, // 17 Nov
    ];
    const r = epn('2025-09-01', weeks, '2025-11-21');
    expect(r).toMatchObject({
      windowStartWeek: '2025-09-08',
      windowEndWeek: '2025-11-17',
      currentSessions: 10,
      met: true,
      firstMetWeek: '2025-11-17',
      maxInAnyWindow: 10,
    });
  });

  it('spans the academic-year boundary (July → September)', () => {
    // School weeks 2 Jun … 14 Jul 2025 (7), summer holiday, 1 Sep … 29 Sep (5) = 12 school weeks.
    const summer = Array(6).fill(HOLIDAY); // 21 Jul … 25 Aug
    const weeks = [...Array(6).fill(PRESENT_WEEK), week('G', 6), ...summer, week('U', 4), ...Array(4).fill(PRESENT_WEEK)];
    const r = epn('2025-06-02', weeks, '2025-10-03');
    expect(r).toMatchObject({
      windowStartWeek: '2025-06-16',
      windowEndWeek: '2025-09-29',
      currentSessions: 10,
      met: true,
      firstMetWeek: '2025-09-15', // the first full window: 2 Jun … 15 Sep
      maxInAnyWindow: 10,
    });
  });

  it('with the as-of date in a holiday, the window ends with the last school week before it (§8.3)', () => {
    const weeks = [...Array(6).fill(PRESENT_WEEK), week('G', 6), ...Array(6).fill(HOLIDAY), week('U', 4)];
    const r = epn('2025-06-02', weeks, '2025-08-15');
    expect(r).toMatchObject({ windowStartWeek: '2025-06-02', windowEndWeek: '2025-07-14', currentSessions: 6, met: false });
  });

  it('ignores sessions after the as-of date', () => {
    const r = epn('2025-09-01', [week('G', 10)], '2025-09-03'); // Wed: 6 sessions so far
    expect(r).toMatchObject({ currentSessions: 6, met: false, sessionsToThreshold: 4 });
    expect(r.currentKeys.at(-1)).toBe(sessionKey('2025-09-03', 'PM'));
  });

  it('is provisional when met only through N (§4)', () => {
    const r = epn('2025-09-01', [`${rep('G', 8)} N N`], '2025-09-05');
    expect(r).toMatchObject({ met: true, provisional: true, currentN: 2, currentSessions: 10 });
    const firm = epn('2025-09-01', [rep('G', 10), 'N N . . . . . . . .'], '2025-09-12');
    expect(firm).toMatchObject({ met: true, provisional: false, currentN: 2, currentSessions: 12 });
  });

  it('remembers the first window that met and the highest count, after the current window has moved on', () => {
    // 10 U in the first school week, then 14 present weeks: the current window holds none.
    const weeks = [rep('U', 10), ...Array(14).fill(PRESENT_WEEK)];
    const r = epn('2025-09-01', weeks, '2025-12-12');
    expect(r).toMatchObject({
      currentSessions: 0,
      met: false,
      sessionsToThreshold: 10,
      windowStartWeek: '2025-10-06',
      windowEndWeek: '2025-12-08',
      firstMetWeek: '2025-11-03', // Monday of the 10th school week: the last week of the first full window
      maxInAnyWindow: 10,
    });
  });

  it('with fewer than 10 school weeks, the window of all school weeks so far counts (§8.2)', () => {
    const r = epn('2025-09-01', [week('G', 4), PRESENT_WEEK, week('O', 6)], '2025-09-19');
    expect(r).toMatchObject({
      windowStartWeek: '2025-09-01',
      windowEndWeek: '2025-09-15',
      currentSessions: 10,
      met: true,
      firstMetWeek: '2025-09-15',
      maxInAnyWindow: 10,
    });
  });

  it('counts nothing but the configured codes', () => {
    const settings: EpnSettings = { ...NATIONAL_EPN, codes: ['G', 'O'] };
    const r = epn('2025-09-01', ['G G O O N N U U I I'], '2025-09-05', settings);
    expect(r).toMatchObject({ currentSessions: 4, currentN: 0 });
  });

  it('has no window when there is no school week yet', () => {
    const r = epnWindow(pupil('p', '2025-09-01', '. .'), schoolCalendar([], '2025-09-05'), NATIONAL_EPN);
    expect(r).toMatchObject({ currentSessions: 0, met: false, windowStartWeek: null, windowEndWeek: null, firstMetWeek: null });
  });

  it('rejects impossible settings', () => {
    const h = pupil('p', '2025-09-01', '. .');
    const cal = schoolCalendar([h], '2025-09-05');
    expect(() => epnWindow(h, cal, { ...NATIONAL_EPN, weeks: 0 })).toThrow(/weeks/);
    expect(() => epnWindow(h, cal, { ...NATIONAL_EPN, comparison: 'ge' as 'gte' })).toThrow(/comparison/);
  });
});

describe('epnWindow: "more than 10" (policy 002 Stage 3, comparison gt)', () => {
  const GT: EpnSettings = { ...NATIONAL_EPN, comparison: 'gt' };

  it('exactly 10 is not more than 10; 11 is', () => {
    expect(epn('2025-09-01', [rep('G', 10)], '2025-09-05', GT)).toMatchObject({ met: false, sessionsToThreshold: 1 });
    expect(epn('2025-09-01', [rep('G', 10), 'G . . . . . . . . .'], '2025-09-12', GT)).toMatchObject({
      met: true,
      currentSessions: 11,
      sessionsToThreshold: 0,
    });
  });

  it('provisional compares the count without N against "more than" too', () => {
    const r = epn('2025-09-01', [rep('G', 10), 'N . . . . . . . . .'], '2025-09-12', GT);
    expect(r).toMatchObject({ met: true, provisional: true });
  });
});

describe('epnWindow: one call leaves nothing behind for the next (scratch counters and dates are reused)', () => {
  it('gives the same answers in any order, across calendars of different lengths and settings', () => {
    // 150 school weeks (more than the scratch counters first hold), G in every session of the last.
    const longWeeks = [...Array.from({ length: 149 }, () => PRESENT_WEEK), week('G', 10)];
    const long = () => epn('2023-01-02', longWeeks, '2025-11-14');
    const short = () => epn('2025-09-01', ['O O G . . . . . . .'], '2025-09-05');
    const shortG = () => epn('2025-09-01', ['O O G . . . . . . .'], '2025-09-05', { ...NATIONAL_EPN, codes: ['G'] });
    const first = [long(), short(), shortG()];
    expect(first[0]).toMatchObject({
      currentSessions: 10,
      met: true,
      windowStartWeek: '2025-09-08',
      windowEndWeek: '2025-11-10',
      firstMetWeek: '2025-11-10',
    });
    expect(first[1]).toMatchObject({ currentSessions: 3, met: false, windowStartWeek: '2025-09-01', windowEndWeek: '2025-09-01' });
    expect(first[2]).toMatchObject({ currentSessions: 1, windowStartWeek: '2025-09-01' });
    expect([shortG(), long(), short()]).toEqual([first[2], first[0], first[1]]);
  });
});
