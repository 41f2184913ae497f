import { describe, expect, it } from 'vitest';
import { sessionKey } from '../engine/dates.ts';
import { presetById } from '../engine/policy/presets/index.ts';
import type { PupilHistory } from '../engine/types.ts';
import { applyPending, computeResults } from './compute-results.ts';

const mon = sessionKey('2025-09-01', 'AM');

describe('applyPending', () => {
  const h: PupilHistory = { pupilId: 'A', name: 'A', firstKey: mon + 2, codes: ['/', '\\'] };
  it('overlays unsaved edits, widening the history and letting a later edit win (domain.md §8.12)', () => {
    const out = applyPending(h, [
      { pupilId: 'A', date: '2025-09-01', session: 'AM', code: 'N' },
      { pupilId: 'A', date: '2025-09-02', session: 'PM', code: 'L' },
      { pupilId: 'A', date: '2025-09-01', session: 'AM', code: 'I' },
    ]);
    expect(out.firstKey).toBe(mon);
    expect(out.codes).toEqual(['I', '', '/', 'L']);
    expect(h.codes).toEqual(['/', '\\']); // the stored history is not changed
  });
  it('starts a history for a pupil with no stored marks', () => {
    const out = applyPending({ pupilId: 'B', name: 'B', firstKey: 0, codes: [] }, [{ pupilId: 'B', date: '2025-09-01', session: 'PM', code: '/' }]);
    expect(out).toMatchObject({ firstKey: mon + 1, codes: ['/'] });
  });
});

describe('computeResults', () => {
  it('computes against the whole calendar and returns one result per history', () => {
    // Monday and Tuesday are school sessions (someone else was marked); A has only Monday AM.
    const a: PupilHistory = { pupilId: 'A', name: 'A', firstKey: mon, codes: ['/', 'N', '/', '/'] };
    const r = computeResults({ histories: [a], calendar: [mon, mon + 1, mon + 2, mon + 3], policy: presetById('dfe-support-first')!, asOf: '2025-09-02' });
    expect(r.pupils.map((p) => p.pupilId)).toEqual(['A']);
    expect(r.schoolSessions).toBe(4);
    expect(r.pupils[0]!.measures).toMatchObject({ possible: 4, attended: 3, unauthorised: 1 });
  });
});
