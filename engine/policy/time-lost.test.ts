import { describe, expect, it } from 'vitest';
import { timeLost } from './time-lost.ts';

// Policy 001 (Vale / Millbrook), §2 "Time in School Lost", every row as printed (OCR text: "4 2 days"
// is "4½ days"; the 75% row's week count is illegible "?" — 47.5 days is 9 weeks 2½ days).
const TABLE = [
  { pct: 95, days: 9.5, label: '1 week, 4½ days' },
  { pct: 90, days: 19.5, label: '3 weeks, 4½ days' },
  { pct: 85, days: 28.5, label: '5 weeks, 3½ days' },
  { pct: 75, days: 47.5, label: '9 weeks, 2½ days' },
] as const;

describe('timeLost over a 190-day year (policy 001 §2 table)', () => {
  for (const row of TABLE.filter((r) => r.pct !== 90)) {
    it(`${row.pct}% → ${row.days} days, ${row.label}`, () => {
      const t = timeLost(row.pct);
      expect(t.days).toBe(row.days);
      expect(t.label).toBe(row.label);
    });
  }

  it('90% → 19 days, 3 weeks 4 days: the printed 19.5 is inconsistent with the table’s own 190-day year', () => {
    // 10% of 190 days is 19. The other three rows are exactly (100 − p)% of 190 (9.5, 28.5, 47.5);
    // 19.5 days would be 10.26% absence. The engine follows the arithmetic, not the misprint.
    const row = TABLE.find((r) => r.pct === 90)!;
    const t = timeLost(90);
    expect(t.days).toBe(19);
    expect(t.label).toBe('3 weeks, 4 days');
    expect(t.days).not.toBe(row.days);
    expect(row.days - t.days).toBe(0.5);
  });

  it('weeks and remainder add up', () => {
    const t = timeLost(85);
    expect(t.weeks).toBe(5);
    expect(t.remainderDays).toBe(3.5);
    expect(t.weeks * 5 + t.remainderDays).toBe(t.days);
  });

  it('100% loses nothing; 0% loses the whole year; rounding is half up to half days', () => {
    expect(timeLost(100)).toEqual({ days: 0, weeks: 0, remainderDays: 0, label: '0 days' });
    expect(timeLost(0).days).toBe(190);
    expect(timeLost(0).label).toBe('38 weeks');
    // 99.9%: 0.1% of 190 = 0.19 days → 0.0 (nearest half day); 99.8%: 0.38 → 0.5.
    expect(timeLost(99.9).days).toBe(0);
    expect(timeLost(99.8).label).toBe('½ day');
    // 99.5%: 0.95 days → 1 day.
    expect(timeLost(99.5).label).toBe('1 day');
  });

  it('another year length', () => {
    expect(timeLost(90, 195).days).toBe(19.5);
  });

  it('refuses a figure that is not a percentage', () => {
    expect(() => timeLost(101)).toThrow(/between 0 and 100/);
    expect(() => timeLost(Number.NaN)).toThrow(RangeError);
    expect(() => timeLost(90, 1.5)).toThrow(/schoolDays/);
  });
});
