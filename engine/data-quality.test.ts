import { describe, expect, it } from 'vitest';
import { dataQuality } from './data-quality.ts';
import { sessionKey } from './dates.ts';
import { pupilMeasures } from './pupil-measures.ts';
import { schoolCalendar } from './school-calendar.ts';
import { pupil, rep } from './history.test-support.ts';

const MON = '2025-09-01'; // a Monday

function findings(pattern: string, asOf: string, school?: string) {
  const h = pupil('p', MON, pattern);
  const all = school === undefined ? [h] : [h, pupil('school', MON, school)];
  const cal = schoolCalendar(all, asOf);
  return dataQuality(h, cal, pupilMeasures(h, cal));
}

describe('dataQuality (§6)', () => {
  it('finds nothing wrong with a clean register', () => {
    expect(findings(rep('.', 10), '2025-09-05')).toEqual([]);
  });

  it('lists missing marks between the first and last mark, with keys (§8.8)', () => {
    // Tue AM '-', Thu PM no row (another pupil was marked); the trailing '-' on Fri PM is after the last mark.
    const f = findings('. . - . . . . _ . -', '2025-09-05', rep('.', 10));
    expect(f).toEqual([
      {
        kind: 'missing-mark',
        message: '2 sessions with no mark between 2 Sep and 4 Sep',
        keys: [sessionKey('2025-09-02', 'AM'), sessionKey('2025-09-04', 'PM')],
      },
    ]);
  });

  it('names a single missing session', () => {
    const f = findings('. - .', '2025-09-05');
    expect(f).toHaveLength(0); // '-' alone by this pupil: not a school session at all (§8.6)
    const g = findings('. - .', '2025-09-05', '. . .');
    expect(g[0]?.message).toBe('1 session with no mark on Mon 1 Sep PM');
  });

  it('flags N older than 5 school days; N exactly 5 school days old is not yet stale', () => {
    // As of Fri 12 Sep: Fri 5 Sep is 5 school days back, Thu 4 Sep is 6.
    const p = `. . . . . . N . N . | ${rep('.', 10)}`;
    const f = findings(p, '2025-09-12').filter((x) => x.kind !== 'on-boundary'); // 18 of 20: also on 90%
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'stale-n', keys: [sessionKey('2025-09-04', 'AM')] });
    expect(f[0]?.message).toMatch(/^1 session still coded N .* on Thu 4 Sep AM/);
  });

  it('counts school days, not calendar days, for stale N (a holiday week is skipped)', () => {
    // N on Fri 5 Sep; no school 8–12 Sep; as of Tue 16 Sep that is only 3 school days back.
    const p = `. . . . . . . . N . | ${rep('_', 10)} | . . . .`;
    expect(findings(p, '2025-09-16')).toEqual([]);
  });

  it('names each unknown code with its sessions', () => {
    const f = findings('i . XX . i .', '2025-09-05');
    expect(f.map((x) => x.kind)).toEqual(['unknown-code', 'unknown-code']);
    expect(f[0]).toMatchObject({ keys: [sessionKey(MON, 'AM'), sessionKey('2025-09-03', 'AM')] });
    expect(f[0]?.message).toMatch(/^Unknown code "i" on 2 sessions between 1 Sep and 3 Sep/);
    expect(f[1]?.message).toMatch(/^Unknown code "XX" on 1 session on Tue 2 Sep AM/);
  });

  it('reports withdrawn codes with the meaning they are counted with', () => {
    const f = findings('H H . . J .', '2025-09-05');
    expect(f.map((x) => [x.kind, x.keys?.length])).toEqual([
      ['legacy-code', 2],
      ['legacy-code', 1],
    ]);
    expect(f[0]?.message).toMatch(/^Withdrawn code H .* on 2 sessions on 1 Sep: counted as authorised absence$/);
    expect(f[1]?.message).toMatch(/counted as an approved educational activity \(attended\)$/);
  });

  it('looks at all years for stale N and withdrawn codes, but only this year for unknown codes', () => {
    // Mon 14 Jul 2025 (last academic year): N, H, XX; then the first week of September, all present.
    const h = pupil('p', '2025-07-14', `N H XX ${rep('.', 7)} ${rep('_', 60)} ${rep('.', 10)}`);
    const cal = schoolCalendar([h], '2025-09-05');
    const f = dataQuality(h, cal, pupilMeasures(h, cal));
    expect(f.map((x) => x.kind)).toEqual(['stale-n', 'legacy-code']);
    expect(f[0]?.message).toMatch(/on Mon 14 Jul 2025 AM/);
    expect(f[1]?.message).toMatch(/on Mon 14 Jul 2025 PM/);
  });

  it('flags a pupil exactly on 10% or 50% absence, and not one session either side', () => {
    const on10 = findings(`${rep('.', 18)} I I`, '2025-09-12');
    expect(on10).toEqual([
      {
        kind: 'on-boundary',
        message: 'Exactly on the persistent-absence boundary: 18 of 20 possible sessions attended (90.0%, absence 10%)',
      },
    ]);
    expect(findings(`${rep('.', 19)} I`, '2025-09-12')).toEqual([]);
    expect(findings(`${rep('.', 17)} I I I`, '2025-09-12')).toEqual([]);
    const on50 = findings(`${rep('.', 5)} ${rep('G', 5)}`, '2025-09-05');
    expect(on50.map((x) => x.kind)).toEqual(['on-boundary']);
    expect(on50[0]?.message).toMatch(/severe-absence boundary: 5 of 10/);
  });
});
