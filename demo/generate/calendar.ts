// The demo school's calendar: a real English local-authority pattern for 2024/25, 2025/26 and
// 2026/27 (six half terms, 195 days open of which 5 are INSET days, so 190 pupil days — the usual
// maintained-school year). English bank holidays are the gov.uk list: 8 May 2025 (VE Day 80) was NOT
// a bank holiday; Good Friday and Easter Monday fall in the Easter holiday except 2025's Easter
// Monday (21 Apr 2025), which is the day before the summer term starts.
// Holidays and bank holidays are weekdays with no mark; INSET days are marked `#` (domain.md §2:
// planned closure) for every pupil on roll.

import { fromEpochDay, toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import type { IsoDate } from '../../engine/types.ts';

export type DayKind = 'school' | 'inset' | 'bank-holiday' | 'holiday' | 'weekend';

export interface Period {
  name: string;
  start: IsoDate;
  end: IsoDate;
}

export interface AcademicYearCalendar {
  /** The calendar year the academic year starts in (2025 for 2025/26). */
  year: number;
  label: string;
  /** The six half terms the school is open (INSET days included), in order. */
  halfTerms: Period[];
  /** Bank holidays from 1 August to 31 July (domain.md §1: the academic year). */
  bankHolidays: { date: IsoDate; name: string }[];
  insetDays: IsoDate[];
}

const YEARS: AcademicYearCalendar[] = [
  {
    year: 2024,
    label: '2024/25',
    halfTerms: [
      { name: 'Autumn 1', start: '2024-09-02', end: '2024-10-25' },
      { name: 'Autumn 2', start: '2024-11-04', end: '2024-12-20' },
      { name: 'Spring 1', start: '2025-01-06', end: '2025-02-14' },
      { name: 'Spring 2', start: '2025-02-24', end: '2025-04-04' },
      { name: 'Summer 1', start: '2025-04-22', end: '2025-05-23' },
      { name: 'Summer 2', start: '2025-06-02', end: '2025-07-22' },
    ],
    bankHolidays: [
      { date: '2024-08-26', name: 'Summer bank holiday' },
      { date: '2024-12-25', name: 'Christmas Day' },
      { date: '2024-12-26', name: 'Boxing Day' },
      { date: '2025-01-01', name: "New Year's Day" },
      { date: '2025-04-18', name: 'Good Friday' },
      { date: '2025-04-21', name: 'Easter Monday' },
      { date: '2025-05-05', name: 'Early May bank holiday' },
      { date: '2025-05-26', name: 'Spring bank holiday' },
    ],
    insetDays: ['2024-09-02', '2024-09-03', '2024-11-04', '2025-01-06', '2025-06-02'],
  },
  {
    year: 2025,
    label: '2025/26',
    halfTerms: [
      { name: 'Autumn 1', start: '2025-09-01', end: '2025-10-24' },
      { name: 'Autumn 2', start: '2025-11-03', end: '2025-12-19' },
      { name: 'Spring 1', start: '2026-01-05', end: '2026-02-13' },
      { name: 'Spring 2', start: '2026-02-23', end: '2026-03-27' },
      { name: 'Summer 1', start: '2026-04-13', end: '2026-05-22' },
      { name: 'Summer 2', start: '2026-06-01', end: '2026-07-20' },
    ],
    bankHolidays: [
      { date: '2025-08-25', name: 'Summer bank holiday' },
      { date: '2025-12-25', name: 'Christmas Day' },
      { date: '2025-12-26', name: 'Boxing Day' },
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
    ],
    insetDays: ['2025-09-01', '2025-09-02', '2025-11-03', '2026-01-05', '2026-06-01'],
  },
  {
    year: 2026,
    label: '2026/27',
    halfTerms: [
      { name: 'Autumn 1', start: '2026-09-01', end: '2026-10-23' },
      { name: 'Autumn 2', start: '2026-11-02', end: '2026-12-18' },
      { name: 'Spring 1', start: '2027-01-04', end: '2027-02-12' },
      { name: 'Spring 2', start: '2027-02-22', end: '2027-03-25' },
      { name: 'Summer 1', start: '2027-04-12', end: '2027-05-28' },
      { name: 'Summer 2', start: '2027-06-07', end: '2027-07-21' },
    ],
    bankHolidays: [
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
      { date: '2027-05-03', name: 'Early May bank holiday' },
      { date: '2027-05-31', name: 'Spring bank holiday' },
    ],
    insetDays: ['2026-09-01', '2026-09-02', '2026-11-02', '2027-01-04', '2027-06-07'],
  },
];

/** First and last calendar day covered (1 Aug 2024 – 31 Jul 2027). */
export const CALENDAR_FIRST_DAY = toEpochDay('2024-08-01');
export const CALENDAR_LAST_DAY = toEpochDay('2027-07-31');

// Day kinds by epoch day, built once (1,095 days).
const KINDS: DayKind[] = (() => {
  const kinds: DayKind[] = [];
  for (let d = CALENDAR_FIRST_DAY; d <= CALENDAR_LAST_DAY; d++) kinds.push(weekdayOfDay(d) >= 5 ? 'weekend' : 'holiday');
  const set = (date: IsoDate, kind: DayKind) => {
    const i = toEpochDay(date) - CALENDAR_FIRST_DAY;
    if (kinds[i] === 'weekend') throw new Error(`calendar: ${date} (${kind}) is a weekend`);
    kinds[i] = kind;
  };
  for (const y of YEARS) {
    for (const p of y.halfTerms) {
      for (let d = toEpochDay(p.start); d <= toEpochDay(p.end); d++) {
        if (weekdayOfDay(d) < 5) set(fromEpochDay(d), 'school');
      }
    }
    for (const b of y.bankHolidays) set(b.date, 'bank-holiday');
    for (const i of y.insetDays) {
      if (kinds[toEpochDay(i) - CALENDAR_FIRST_DAY] !== 'school') throw new Error(`calendar: INSET day ${i} is outside term`);
      set(i, 'inset');
    }
  }
  return kinds;
})();

/** The calendar of the academic year starting in `year` (2024, 2025 or 2026). */
export function calendar(year: number): AcademicYearCalendar {
  const y = YEARS.find((c) => c.year === year);
  if (y === undefined) {
    throw new Error(`calendar: no calendar for academic year ${year}/${(year + 1) % 100} (known: 2024/25 to 2026/27)`);
  }
  return y;
}

/** What kind of day an epoch day (or date) is. Throws outside 1 Aug 2024 – 31 Jul 2027. */
export function dayKind(day: number | IsoDate): DayKind {
  const d = typeof day === 'number' ? day : toEpochDay(day);
  const k = KINDS[d - CALENDAR_FIRST_DAY];
  if (k === undefined) {
    throw new Error(`calendar: ${fromEpochDay(d)} is outside the demo calendar (1 Aug 2024 – 31 Jul 2027)`);
  }
  return k;
}

/** The academic year (calendar year it starts in) of an epoch day: 1 August to 31 July. */
export function academicYearOf(day: number): number {
  const date = fromEpochDay(day);
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 8 ? y : y - 1;
}
