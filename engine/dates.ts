// Calendar arithmetic on plain integers. School dates are local calendar dates with no time zone
// (domain.md §1), so they are handled as day numbers (days since 1970-01-01 in the proleptic
// Gregorian calendar) and never as Date objects: no clock, no time-zone surprises, and the engine's
// hot loops stay free of allocation.

import type { Half, IsoDate, SessionKey } from './types.ts';

const ZERO = 48; // '0'
const DASH = 45; // '-'

function twoDigit(s: string, i: number): number {
  const a = s.charCodeAt(i) - ZERO;
  const b = s.charCodeAt(i + 1) - ZERO;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Parses `YYYY-MM-DD` into [year, month, day], or null when it is not a real calendar date. */
function parseIso(s: string): [number, number, number] | null {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) {
    return null;
  }
  const hi = twoDigit(s, 0);
  const lo = twoDigit(s, 2);
  const m = twoDigit(s, 5);
  const d = twoDigit(s, 8);
  if (hi < 0 || lo < 0 || m < 1 || m > 12 || d < 1) return null;
  const y = hi * 100 + lo;
  if (d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 of a year, month (1–12) and day, or null when that is not a real date. */
export function epochDayOf(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** True for a `YYYY-MM-DD` string naming a real calendar date (2026-02-30 is false). */
export function isValidIsoDate(s: string): boolean {
  return parseIso(s) !== null;
}

/** Days since 1970-01-01. Throws on anything that is not a real `YYYY-MM-DD` date. */
export function toEpochDay(d: IsoDate): number {
  const p = parseIso(d);
  if (p === null) throw new Error(`Invalid date ${JSON.stringify(d)}: expected a real calendar date as YYYY-MM-DD`);
  return daysFromCivil(p[0], p[1], p[2]);
}

/** Year, month (1–12) and day of an epoch day (H. Hinnant's civil_from_days). */
export function civilFromEpochDay(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The `YYYY-MM-DD` date of an epoch day. */
export function fromEpochDay(n: number): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`Invalid epoch day ${n}: expected an integer`);
  const [y, m, d] = civilFromEpochDay(n);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Session key of a date (or epoch day) and half: `epochDay * 2 + (PM ? 1 : 0)` (types.ts). */
export function sessionKey(d: IsoDate | number, half: Half): SessionKey {
  const day = typeof d === 'number' ? d : toEpochDay(d);
  return day * 2 + (half === 'PM' ? 1 : 0);
}

/** Epoch day of a session key. */
export function keyDay(key: SessionKey): number {
  return Math.floor(key / 2);
}

/** Calendar date of a session key. */
export function keyDate(key: SessionKey): IsoDate {
  return fromEpochDay(keyDay(key));
}

/** AM or PM of a session key. */
export function keyHalf(key: SessionKey): Half {
  return (key & 1) === 1 ? 'PM' : 'AM';
}

/** Weekday of an epoch day, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Weekday of a session key, 0 = Monday … 6 = Sunday. */
export function weekdayOfKey(key: SessionKey): number {
  return weekdayOfDay(keyDay(key));
}

/** True for Saturday and Sunday sessions, which are ignored everywhere (domain.md §8.5). */
export function isWeekendKey(key: SessionKey): boolean {
  return weekdayOfKey(key) >= 5;
}

/** The Monday of the week containing a date: an IsoDate for an IsoDate, an epoch day for an epoch day. */
export function mondayOf(d: IsoDate): IsoDate;
export function mondayOf(d: number): number;
export function mondayOf(d: IsoDate | number): IsoDate | number {
  if (typeof d === 'number') return d - weekdayOfDay(d);
  const day = toEpochDay(d);
  return fromEpochDay(day - weekdayOfDay(day));
}

/** 1 August of the academic year containing `d` (academic year 1 Aug – 31 Jul, domain.md §1). */
export function academicYearStart(d: IsoDate): IsoDate {
  const p = parseIso(d);
  if (p === null) throw new Error(`Invalid date ${JSON.stringify(d)}: expected a real calendar date as YYYY-MM-DD`);
  const y = p[1] >= 8 ? p[0] : p[0] - 1;
  return `${String(y).padStart(4, '0')}-08-01`;
}

/** Adds whole days to a date. */
export function addDays(d: IsoDate, n: number): IsoDate {
  return fromEpochDay(toEpochDay(d) + n);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Short human date of an epoch day, e.g. "1 Sep", or "1 Sep 2025" with `withYear`. */
export function shortDate(day: number, withYear = false): string {
  const [y, m, d] = civilFromEpochDay(day);
  return withYear ? `${d} ${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]}`;
}

/** Human label of a session, e.g. "Tue 12 Nov AM". */
export function sessionLabel(key: SessionKey, withYear = false): string {
  const day = keyDay(key);
  return `${WEEKDAYS[weekdayOfDay(day)]} ${shortDate(day, withYear)} ${keyHalf(key)}`;
}
