import { describe, expect, it } from 'vitest';
import { toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import { academicYearOf, calendar, dayKind } from './calendar.ts';
import { generateSchool } from './generate-school.ts';

describe('calendar', () => {
  it.each([2024, 2025, 2026])('academic year %i has 190 pupil days and 5 INSET days (195 open)', (year) => {
    let school = 0;
    let inset = 0;
    for (let d = toEpochDay(`${year}-08-01`); d <= toEpochDay(`${year + 1}-07-31`); d++) {
      const k = dayKind(d);
      if (k === 'school') school++;
      if (k === 'inset') inset++;
      if (k === 'school' || k === 'inset') expect(weekdayOfDay(d)).toBeLessThan(5);
    }
    expect(school).toBe(190);
    expect(inset).toBe(5);
    expect(calendar(year).insetDays).toHaveLength(5);
  });

  it('knows the English bank holidays, and that 8 May 2025 was not one', () => {
    expect(dayKind('2025-12-25')).toBe('bank-holiday');
    expect(dayKind('2025-12-26')).toBe('bank-holiday');
    expect(dayKind('2026-01-01')).toBe('bank-holiday');
    expect(dayKind('2026-04-03')).toBe('bank-holiday'); // Good Friday
    expect(dayKind('2026-04-06')).toBe('bank-holiday'); // Easter Monday
    expect(dayKind('2026-05-04')).toBe('bank-holiday'); // early May
    expect(dayKind('2026-05-25')).toBe('bank-holiday'); // spring
    expect(dayKind('2026-08-31')).toBe('bank-holiday'); // summer
    expect(dayKind('2025-05-05')).toBe('bank-holiday');
    expect(dayKind('2025-05-08')).toBe('school'); // VE Day 80: not a bank holiday
    expect(dayKind('2026-12-28')).toBe('bank-holiday'); // Boxing Day substitute (26th is a Saturday)
    expect(dayKind('2026-12-26')).toBe('weekend');
  });

  it('has half terms and holidays where an English school has them', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) expect(dayKind(d)).toBe('holiday');
    expect(dayKind('2026-02-13')).toBe('school');
    expect(dayKind('2026-02-23')).toBe('school');
    expect(dayKind('2025-10-27')).toBe('holiday'); // October half term
    expect(dayKind('2026-10-26')).toBe('holiday');
    expect(dayKind('2025-12-22')).toBe('holiday'); // Christmas
    expect(dayKind('2026-04-08')).toBe('holiday'); // Easter
    expect(dayKind('2026-08-10')).toBe('holiday'); // summer
    expect(dayKind('2025-11-20')).toBe('school');
    expect(dayKind('2025-11-22')).toBe('weekend');
  });

  it('marks INSET days # for every pupil on roll, and leaves holidays unmarked', () => {
    const school = generateSchool({ size: 'primary' });
    expect(school.insetDays).toContain('2025-09-01');
    expect(school.insetDays).toContain('2026-11-02');
    for (const iso of ['2025-09-01', '2026-11-02']) expect(dayKind(iso)).toBe('inset');
    let checked = 0;
    for (const h of school.histories.values()) {
      for (const [iso, expected] of [
        ['2026-11-02', '#'],
        ['2025-12-25', ''],
        ['2026-02-16', ''],
        ['2026-05-25', ''],
      ] as const) {
        const i = toEpochDay(iso) * 2 - h.firstKey;
        if (i < 0) continue;
        expect(h.codes[i]).toBe(expected);
        expect(h.codes[i + 1]).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('refuses dates outside the demo calendar and years it does not know', () => {
    expect(() => dayKind('2024-07-31')).toThrow(/outside the demo calendar/);
    expect(() => calendar(2027)).toThrow(/2027\/28/);
    expect(academicYearOf(toEpochDay('2026-07-31'))).toBe(2025);
    expect(academicYearOf(toEpochDay('2026-08-01'))).toBe(2026);
  });
});
