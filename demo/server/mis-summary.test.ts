import { describe, expect, it } from 'vitest';
import { misSummary } from './mis-summary.ts';

describe('misSummary (the demo MIS own attendance figure)', () => {
  it('counts each category as domain.md §2 says, legacy codes with their legacy meaning', () => {
    const codes = ['/', '\\', 'L', 'I', 'N', 'U', 'V', 'D', 'Z', '#', '', '-', 'H', 'J', 'q'];
    const school = codes.map((_, i) => i !== 11); // the `-` falls on a day the school was closed
    const s = misSummary(codes, school);
    // present / \ L = 3; AEA V J = 2; authorised I H = 2; unauthorised N U = 2 → possible 9
    expect(s).toMatchObject({
      possible: 9,
      present: 3,
      approvedActivity: 2,
      authorised: 2,
      unauthorised: 2,
      lateBefore: 1,
      lateAfter: 1,
      notCounted: 1,
      noMark: 1,
    });
    expect(s.attendancePct).toBe(55.6); // 5 / 9 = 55.55…
    expect(s.codeCounts).toEqual({ '/': 1, '\\': 1, L: 1, I: 1, N: 1, U: 1, V: 1, D: 1, Z: 1, '#': 1, H: 1, J: 1, q: 1 });
  });

  it('rounds half up to one decimal only for display, exactly at the boundaries', () => {
    const pct = (attended: number, possible: number) =>
      misSummary([...Array<string>(attended).fill('/'), ...Array<string>(possible - attended).fill('O')], Array<boolean>(possible).fill(true))
        .attendancePct;
    expect(pct(24, 25)).toBe(96); // exactly 96%
    expect(pct(9, 10)).toBe(90); // exactly 90%
    expect(pct(1, 16)).toBe(6.3); // 6.25 → 6.3 (half up)
    expect(pct(1999, 2000)).toBe(100); // 99.95 → 100.0
    expect(pct(2, 3)).toBe(66.7);
    expect(misSummary(['Z', 'D', ''], [true, true, false]).attendancePct).toBeNull();
  });
});
