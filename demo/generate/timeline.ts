// The days the demo school's marks cover: from the first day of 2025/26 to `today`, with each day's
// kind from the calendar, precomputed once so the per-pupil simulation is plain array reads.

import { toEpochDay } from '../../engine/dates.ts';
import type { IsoDate } from '../../engine/types.ts';
import { academicYearOf, calendar, dayKind } from './calendar.ts';

/** First day of the generated marks: the first day of the 2025/26 autumn term (an INSET day). */
export const DATA_START: IsoDate = '2025-09-01';

export const KIND_CLOSED = 0; // weekend, holiday, bank holiday: no mark
export const KIND_SCHOOL = 1; // pupils in: one mark per session
export const KIND_INSET = 2; // `#` for every pupil on roll

export interface HalfTermDays {
  year: number;
  name: string;
  /** Pupil days (not INSET) of the half term up to today, in order. */
  days: number[];
}

export interface Timeline {
  firstDay: number;
  todayDay: number;
  /** Academic year of today (2025 or 2026). */
  year: number;
  /** Kind of each day from firstDay to todayDay (index = day − firstDay). */
  kinds: Uint8Array;
  /** Pupil days up to today, in order. */
  schoolDays: number[];
  /** Half terms (with at least one pupil day up to today), in order; days up to today only. */
  halfTerms: HalfTermDays[];
  /** Every half term of the academic years covered, with all their pupil days (also after today):
   * planned events are placed on the whole year and kept only if they fall by today, so they are not
   * crowded into the part of the year so far. */
  fullHalfTerms: HalfTermDays[];
  /** First open day (INSET included) of each academic year covered. */
  yearFirstDay: Map<number, number>;
  insetDays: IsoDate[];
}

/** Builds the timeline for marks from DATA_START to `today` (inclusive). */
export function timeline(today: IsoDate): Timeline {
  const firstDay = toEpochDay(DATA_START);
  const todayDay = toEpochDay(today);
  if (todayDay < firstDay) throw new Error(`today ${today} is before the first day of the demo data (${DATA_START})`);
  const year = academicYearOf(todayDay);
  if (year > 2026) throw new Error(`today ${today} is after the demo calendar (last academic year 2026/27, to 2027-07-31)`);
  const kinds = new Uint8Array(todayDay - firstDay + 1);
  const schoolDays: number[] = [];
  for (let d = firstDay; d <= todayDay; d++) {
    const k = dayKind(d);
    const v = k === 'school' ? KIND_SCHOOL : k === 'inset' ? KIND_INSET : KIND_CLOSED;
    kinds[d - firstDay] = v;
    if (v === KIND_SCHOOL) schoolDays.push(d);
  }
  const halfTerms: HalfTermDays[] = [];
  const fullHalfTerms: HalfTermDays[] = [];
  const yearFirstDay = new Map<number, number>();
  const insetDays: IsoDate[] = [];
  for (let y = 2025; y <= year; y++) {
    const cal = calendar(y);
    yearFirstDay.set(y, toEpochDay(cal.halfTerms[0]!.start));
    insetDays.push(...cal.insetDays);
    for (const ht of cal.halfTerms) {
      const all: number[] = [];
      for (let d = toEpochDay(ht.start); d <= toEpochDay(ht.end); d++) {
        if (dayKind(d) === 'school') all.push(d);
      }
      fullHalfTerms.push({ year: y, name: ht.name, days: all });
      const days = all.filter((d) => d <= todayDay);
      if (days.length > 0) halfTerms.push({ year: y, name: ht.name, days });
    }
  }
  return { firstDay, todayDay, year, kinds, schoolDays, halfTerms, fullHalfTerms, yearFirstDay, insetDays };
}

