import { describe, expect, it } from 'vitest';
import {
  academicYearStart,
  addDays,
  fromEpochDay,
  isValidIsoDate,
  keyDate,
  keyHalf,
  mondayOf,
  sessionKey,
  sessionLabel,
  shortDate,
  toEpochDay,
  weekdayOfKey,
} from './dates.ts';

describe('epoch days', () => {
  it('counts days from 1970-01-01', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(toEpochDay('2025-09-01')).toBe(20332);
  });

  it('agrees with Date.UTC on every day from 1999 to 2031 and round-trips', () => {
    const wrong: string[] = [];
    for (let n = toEpochDay('1999-01-01'); n <= toEpochDay('2031-12-31'); n++) {
      const iso = new Date(n * 86400000).toISOString().slice(0, 10);
      if (fromEpochDay(n) !== iso || toEpochDay(iso) !== n) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('rejects dates that are not real calendar dates, naming them', () => {
    expect(() => toEpochDay('2026-02-30')).toThrow(/"2026-02-30"/);
    expect(() => toEpochDay('2025-9-01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('isValidIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true); // leap year
    expect(isValidIsoDate('2000-02-29')).toBe(true); // divisible by 400
    expect(isValidIsoDate('1900-02-29')).toBe(false); // divisible by 100, not 400
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('2025-04-31')).toBe(false);
    expect(isValidIsoDate('2025-13-01')).toBe(false);
    expect(isValidIsoDate('2025-00-10')).toBe(false);
    expect(isValidIsoDate('2025-01-00')).toBe(false);
    expect(isValidIsoDate('2025-1-01')).toBe(false);
    expect(isValidIsoDate('2025/01/01')).toBe(false);
    expect(isValidIsoDate('2025-01-01T00:00')).toBe(false);
    expect(isValidIsoDate('')).toBe(false);
  });
});

describe('session keys', () => {
  it('is epochDay * 2 + (PM ? 1 : 0)', () => {
    expect(sessionKey('1970-01-01', 'AM')).toBe(0);
    expect(sessionKey('1970-01-01', 'PM')).toBe(1);
    expect(sessionKey('2025-09-01', 'PM')).toBe(20332 * 2 + 1);
    expect(sessionKey(20332, 'AM')).toBe(40664);
  });

  it('gives back date, half and weekday', () => {
    const k = sessionKey('2025-09-03', 'PM'); // a Wednesday
    expect(keyDate(k)).toBe('2025-09-03');
    expect(keyHalf(k)).toBe('PM');
    expect(keyHalf(k - 1)).toBe('AM');
    expect(weekdayOfKey(k)).toBe(2);
    expect(weekdayOfKey(sessionKey('2025-09-01', 'AM'))).toBe(0); // Monday
    expect(weekdayOfKey(sessionKey('2025-09-07', 'PM'))).toBe(6); // Sunday
    expect(weekdayOfKey(sessionKey('1969-12-29', 'AM'))).toBe(0); // a Monday before 1970
  });

  it('labels a session for people', () => {
    expect(sessionLabel(sessionKey('2024-11-12', 'AM'))).toBe('Tue 12 Nov AM');
    expect(shortDate(toEpochDay('2025-09-01'))).toBe('1 Sep');
    expect(shortDate(toEpochDay('2025-09-01'), true)).toBe('1 Sep 2025');
  });
});

describe('weeks and academic years', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOf('2025-09-01')).toBe('2025-09-01');
    expect(mondayOf('2025-09-07')).toBe('2025-09-01'); // Sunday belongs to the week before
    expect(mondayOf('2025-09-08')).toBe('2025-09-08');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29'); // across the year end
    expect(mondayOf(toEpochDay('2025-09-05'))).toBe(toEpochDay('2025-09-01'));
  });

  it('starts the academic year on 1 August', () => {
    expect(academicYearStart('2025-08-01')).toBe('2025-08-01');
    expect(academicYearStart('2025-07-31')).toBe('2024-08-01');
    expect(academicYearStart('2026-03-15')).toBe('2025-08-01');
    expect(academicYearStart('2025-12-31')).toBe('2025-08-01');
    expect(() => academicYearStart('2025-02-30')).toThrow();
  });

  it('adds days across month ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });
});
