// Calendar helpers for the demo MIS server. School dates are local calendar dates with no time zone
// (engine/types.ts), so everything is done in UTC arithmetic on whole days.
import type { Half, IsoDate, SessionKey } from '../../engine/types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; null when the text is not a real calendar date. */
export function epochDayOf(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject 2026-02-30 and friends: Date.UTC rolls them over silently.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / MS_PER_DAY);
}

export function isoOfEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** engine/types.ts: key = epochDay * 2 + (PM ? 1 : 0). */
export function sessionKeyOf(epochDay: number, half: Half): SessionKey {
  return epochDay * 2 + (half === 'PM' ? 1 : 0);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The Monday of the calendar week containing the day. */
export function mondayOfEpochDay(day: number): number {
  return day - weekdayOfEpochDay(day);
}

/** 1 August of the academic year containing the day (domain.md §1: academic year is 1 Aug – 31 Jul). */
export function academicYearStartOf(day: number): number {
  const iso = isoOfEpochDay(day);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const startYear = month >= 8 ? year : year - 1;
  return epochDayOf(`${startYear}-08-01`) as number;
}
