// The few pupils with special arrangements an attendance officer would recognise, chosen once per
// school so that each appears (a handful, never zero): part-time timetables (C2), dual registration
// (D), local-authority provision (K), a performance licence (C1), a Traveller family (T) and one
// "any other unavoidable cause" (Y7). Applied over the simulated marks of the current academic year.

import { toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import type { PupilPlan } from './pupils.ts';
import type { Random } from './random.ts';
import { KIND_SCHOOL, type Timeline } from './timeline.ts';
import type { MarkResult } from './marks.ts';

export interface Planned {
  plan: PupilPlan;
  result: MarkResult;
}

/** Applies the special arrangements in place; returns a description per pupil id (for tests). */
export function arrangements(all: Planned[], tl: Timeline, rng: Random): Map<string, string> {
  const notes = new Map<string, string>();
  const free = all.filter((x) => !x.plan.reserved && x.plan.leavingDay === null && x.plan.admissionDay === null);
  const take = (filter: (x: Planned) => boolean, count: number): Planned[] => {
    const pool = free.filter((x) => filter(x) && !notes.has(x.plan.pupil.id));
    const out: Planned[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0]!);
    return out;
  };
  const yearStart = tl.yearFirstDay.get(tl.year)!;
  const days = tl.schoolDays.filter((d) => d >= yearStart);
  const setDay = (x: Planned, d: number, am: string | null, pm: string | null) => {
    const i = (d - x.result.firstKey / 2) * 2;
    if (i < 0 || i + 1 >= x.result.codes.length) return;
    if (am !== null) x.result.codes[i] = am;
    if (pm !== null) x.result.codes[i + 1] = pm;
  };
  const n = all.length;
  if (days.length === 0) return notes;

  // C2: mornings only for a period (an agreed reintegration plan), mostly pupils with SEN.
  for (const x of take((x) => x.plan.pupil.sen !== 'N', Math.max(1, Math.round(n * 0.004)))) {
    const start = rng.int(Math.max(1, days.length - 20));
    const len = rng.range(20, 45);
    for (const d of days.slice(start, start + len)) setDay(x, d, null, 'C2');
    notes.set(x.plan.pupil.id, 'part-time timetable (C2 afternoons)');
  }
  // D: dual registered with a pupil referral unit, there on Tuesdays and Thursdays.
  for (const x of take(() => true, Math.max(1, Math.round(n * 0.003)))) {
    const from = rng.int(Math.max(1, days.length - 10));
    for (const d of days.slice(from)) if (weekdayOfDay(d) === 1 || weekdayOfDay(d) === 3) setDay(x, d, 'D', 'D');
    notes.set(x.plan.pupil.id, 'dual registered (D Tue and Thu)');
  }
  // K: an EHCP pupil with LA-arranged provision every Friday.
  for (const x of take((x) => x.plan.pupil.sen === 'E', Math.max(1, Math.round(n * 0.002)))) {
    for (const d of days) if (weekdayOfDay(d) === 4) setDay(x, d, 'K', 'K');
    notes.set(x.plan.pupil.id, 'LA provision (K Fridays)');
  }
  // C1: a child actor with a performance licence, four days.
  for (const x of take(() => true, 1)) {
    const s = rng.int(Math.max(1, days.length - 4));
    for (const d of days.slice(s, s + 4)) setDay(x, d, 'C1', 'C1');
    notes.set(x.plan.pupil.id, 'performance licence (C1)');
  }
  // T: a Traveller family working away in the summer term (previous year) and early autumn.
  for (const x of take(() => true, 1)) {
    const ranges = [
      ['2026-06-08', '2026-06-19'],
      ['2026-09-07', '2026-09-11'],
    ];
    for (const [a, b] of ranges) {
      for (let d = toEpochDay(a!); d <= Math.min(toEpochDay(b!), tl.todayDay); d++) {
        if (d >= tl.firstDay && tl.kinds[d - tl.firstDay] === KIND_SCHOOL) setDay(x, d, 'T', 'T');
      }
    }
    notes.set(x.plan.pupil.id, 'Traveller family (T)');
  }
  // Y7: one day of an unavoidable cause (a family house fire, say).
  for (const x of take(() => true, 1)) {
    setDay(x, rng.pick(days), 'Y7', 'Y7');
    notes.set(x.plan.pupil.id, 'Y7 day');
  }
  return notes;
}
