import { describe, expect, it } from 'vitest';
import { parseDate } from './parse-date.ts';

describe('parseDate', () => {
  it('reads full dates wherever they sit in header text', () => {
    expect(parseDate('2026-01-12 AM', 'iso')).toBe('2026-01-12');
    expect(parseDate('Mon 12/01/2026', 'd/m/y')).toBe('2026-01-12');
    expect(parseDate('12.1.2026', 'd/m/y')).toBe('2026-01-12');
    expect(parseDate('Week commencing 12 Jan 2026', 'd mon y')).toBe('2026-01-12');
    expect(parseDate('Monday 12th January 2026', 'd mon y')).toBe('2026-01-12');
  });

  it('refuses dates that are not on the calendar or not there', () => {
    expect(parseDate('2026-02-30', 'iso')).toBeNull();
    expect(parseDate('31/04/2026', 'd/m/y')).toBeNull();
    expect(parseDate('12 Foo 2026', 'd mon y')).toBeNull();
    expect(parseDate('12 Jan', 'd mon y')).toBeNull(); // no year: not this format
    expect(parseDate('AM', 'iso')).toBeNull();
  });

  it('gives yearless dates the year nearest the week shown, across New Year', () => {
    // Week beginning Mon 29 Dec 2025: Thu 1 Jan is in 2026, Mon 29 Dec in 2025.
    expect(parseDate('Mon 29/12 AM', 'd/m', '2025-12-29')).toBe('2025-12-29');
    expect(parseDate('Thu 01/01 AM', 'd/m', '2025-12-29')).toBe('2026-01-01');
    expect(parseDate('1 Jan', 'd mon', '2025-12-29')).toBe('2026-01-01');
    expect(parseDate('12 Jan', 'd mon', '2026-01-12')).toBe('2026-01-12');
    expect(parseDate('12/01', 'd/m', null)).toBeNull(); // no week: cannot know the year
  });

  it('turns weekday names into dates of the week shown', () => {
    expect(parseDate('Mon', 'weekday', '2026-01-12')).toBe('2026-01-12');
    expect(parseDate('Friday PM', 'weekday', '2026-01-12')).toBe('2026-01-16');
    expect(parseDate('Wed', 'weekday', null)).toBeNull();
    expect(parseDate('Session', 'weekday', '2026-01-12')).toBeNull();
  });
});
