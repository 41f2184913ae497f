// Pupils built to sit exactly on the boundaries that matter (domain.md §3–§5), in the
// first form, so the demo, the end-to-end tests and a person trying the product can see each rule
// decide a case on its edge. Their marks for the current academic year (and the whole EPN window)
// are constructed arithmetically over the real school sessions up to `today`, replacing the
// simulated ones; everything else about them is an ordinary pupil.
//
//   1. attendance exactly 90.0% year to date (persistent absence: absence ≥ 10%, §3)
//   2. attendance exactly 96.0% year to date (the "expected" band line of most policies)
//   3. 9 unauthorised sessions (G N O U) in the current 10-school-week window (one short, §4)
//   4. exactly 10 in the window, none of them N (threshold met, not provisional)
//   5. exactly 10 in the window, 4 of them N on the last two school days (met only because of N:
//      provisional, §4)
//   6. a run of exactly 20 consecutive school sessions of G (10-day attendance return, §5)
//   7. a run of exactly 30 consecutive school sessions of I, and no other illness (15-day sickness
//      return, §5)
//   8. exactly 50.0% attendance: a mornings-only part-time timetable, every afternoon C2 (the severe
//      absence line, §3)
// Exact percentages need the number of possible sessions to divide evenly (P/10 absences for 90%,
// P/25 for 96%). School sessions are whatever the calendar gives, so those two pupils join a few
// school days into the year (`Z` before admission, not possible sessions) to make P divide.

import { fromEpochDay, mondayOf } from '../../engine/dates.ts';
import type { Planned } from './arrangements.ts';
import { KIND_INSET, KIND_SCHOOL, type Timeline } from './timeline.ts';

/** The current EPN window's school days: the 10 most recent school weeks ending with the week of
 * today (or the last school week before it), domain.md §4 and §8.3. */
export function epnWindowDays(tl: Timeline, weeks = 10): number[] {
  const mondays: number[] = [];
  for (let i = tl.schoolDays.length - 1; i >= 0 && mondays.length <= weeks; i--) {
    const m = mondayOf(tl.schoolDays[i]!);
    if (mondays[mondays.length - 1] !== m) mondays.push(m);
  }
  const first = mondays[Math.min(weeks, mondays.length) - 1];
  if (first === undefined) return [];
  return tl.schoolDays.filter((d) => d >= first);
}

export function boundaryPupils(reserved: Planned[], tl: Timeline): void {
  const yearStart = tl.yearFirstDay.get(tl.year)!;
  const window = epnWindowDays(tl);
  for (const [index, x] of reserved.entries()) {
    const firstDay = x.result.firstKey / 2;
    const codes = x.result.codes;
    // Reset the constructed range to present (INSET stays `#`).
    const from = Math.max(firstDay, Math.min(yearStart, window[0] ?? yearStart));
    for (let d = from; d <= tl.todayDay; d++) {
      const k = tl.kinds[d - tl.firstDay];
      const i = (d - firstDay) * 2;
      if (k === KIND_SCHOOL) {
        codes[i] = '/';
        codes[i + 1] = '\\';
      } else if (k === KIND_INSET) {
        codes[i] = '#';
        codes[i + 1] = '#';
      }
    }
    const days = tl.schoolDays.filter((d) => d >= Math.max(yearStart, firstDay));
    const win = window.filter((d) => d >= firstDay);
    const n = days.length;
    const set = (d: number, half: 0 | 1, code: string) => {
      codes[(d - firstDay) * 2 + half] = code;
    };
    const day = (d: number, code: string) => {
      set(d, 0, code);
      set(d, 1, code);
    };
    // A few lates before the register closed: present, so no figure changes (realism only).
    const sprinkleLates = (list: number[]) => {
      for (let j = 3; j < list.length; j += 11) if (codes[(list[j]! - firstDay) * 2] === '/') set(list[j]!, 0, 'L');
    };
    const p = x.plan.pupil;
    const describe = (s: string) => {
      p.boundary = s;
    };

    switch (index) {
      case 0:
      case 1: {
        // 90% needs P ≡ 0 (mod 10); 96% needs P ≡ 0 (mod 25), and P is even, so mod 50.
        const mod = index === 0 ? 10 : 50;
        const lateDays = ((2 * n) % mod) / 2;
        const onRoll = days.slice(lateDays);
        const possible = 2 * onRoll.length;
        if (onRoll.length < 20) break;
        for (const d of days.slice(0, lateDays)) day(d, 'Z');
        if (lateDays > 0) {
          x.plan.admissionDay = onRoll[0]!;
          p.admissionDate = fromEpochDay(onRoll[0]!);
        }
        let absent = index === 0 ? possible / 10 : possible / 25;
        // Spread: whole days of illness, then a medical appointment for an odd session left over.
        const wholeDays = Math.floor(absent / 2);
        const step = Math.max(1, Math.floor(onRoll.length / (wholeDays + 1)));
        for (let j = 0; j < wholeDays; j++) day(onRoll[Math.min(onRoll.length - 1, step * (j + 1))]!, j % 3 === 2 ? 'C' : 'I');
        absent -= wholeDays * 2;
        if (absent === 1) set(onRoll[1]!, 1, 'M');
        sprinkleLates(onRoll);
        describe(index === 0 ? 'attendance exactly 90.0% year to date' : 'attendance exactly 96.0% year to date');
        break;
      }
      case 2:
      case 3:
      case 4: {
        if (win.length < 12) break;
        const last = win.length - 1;
        if (index === 2) {
          // 9: three whole days of O and three lates after the register closed.
          for (const j of [1, 5, 9]) day(win[j]!, 'O');
          for (const j of [3, 7, 11]) set(win[j]!, 0, 'U');
          describe('9 unauthorised sessions in the 10-school-week window (one below the EPN threshold)');
        } else if (index === 3) {
          // 10: a two-day holiday (4), two days of O (4) and two lates after the register closed (2).
          day(win[2]!, 'G');
          day(win[3]!, 'G');
          day(win[6]!, 'O');
          day(win[8]!, 'O');
          set(win[5]!, 0, 'U');
          set(win[10]!, 0, 'U');
          describe('10 unauthorised sessions in the 10-school-week window (EPN threshold met)');
        } else {
          // 10 of which 4 are N on the last two school days: met only because of N (provisional).
          for (const j of [1, 4, 7]) day(win[j]!, 'O');
          day(win[last - 1]!, 'N');
          day(win[last]!, 'N');
          describe('10 unauthorised sessions in the window, 4 of them N (threshold met, provisional)');
        }
        sprinkleLates(win);
        break;
      }
      case 5: {
        if (n < 14) break;
        const a = Math.max(1, Math.floor(n / 2) - 5);
        for (const d of days.slice(a, a + 10)) day(d, 'G');
        describe('20 consecutive sessions of unauthorised absence (G): the 10-day attendance return');
        break;
      }
      case 6: {
        if (n < 19) break;
        const a = Math.max(1, Math.floor(n / 2) - 8);
        for (const d of days.slice(a, a + 15)) day(d, 'I');
        describe('30 consecutive sessions of illness (I): the 15-day sickness return');
        break;
      }
      case 7: {
        if (n < 5) break;
        for (const d of days) set(d, 1, 'C2');
        sprinkleLates(days);
        describe('attendance exactly 50.0%: mornings only, every afternoon C2 (severe absence line)');
        break;
      }
    }
  }
}
