import { describe, expect, it } from 'vitest';
import { saveWarnings } from './save-warnings.ts';
import { makeEpn, makeMeasures, makePupil } from '../../test/pupil-results.ts';

describe('saveWarnings', () => {
  it('says nothing when nothing changes', () => {
    const p = makePupil();
    expect(saveWarnings(p, p)).toEqual([]);
  });

  it('9 → 10 of 10 meets the penalty-notice threshold', () => {
    const before = makePupil({ epn: makeEpn(9) });
    const after = makePupil({ epn: makeEpn(10) });
    expect(saveWarnings(before, after)).toEqual([
      'Saving this mark meets the penalty-notice threshold (10 of 10 in the last 10 school weeks)',
    ]);
  });

  it('8 → 9 of 10 is approaching, not met', () => {
    const w = saveWarnings(makePupil({ epn: makeEpn(8) }), makePupil({ epn: makeEpn(9) }));
    expect(w).toEqual([
      'Saving brings the pupil within 1 session of the penalty-notice threshold (9 of 10 in the last 10 school weeks)',
    ]);
  });

  it('5 → 6 of 10 is too far from the threshold to warn (approach starts at 7)', () => {
    expect(saveWarnings(makePupil({ epn: makeEpn(5) }), makePupil({ epn: makeEpn(6) }))).toEqual([]);
    expect(saveWarnings(makePupil({ epn: makeEpn(6) }), makePupil({ epn: makeEpn(7) }))).toHaveLength(1);
  });

  it('a threshold met only because of N is called provisional', () => {
    const before = makePupil({ epn: makeEpn(9, { currentN: 2 }) });
    const after = makePupil({ epn: makeEpn(10, { provisional: true, currentN: 3 }) });
    expect(saveWarnings(before, after)).toEqual([
      'Saving this mark meets the penalty-notice threshold (10 of 10 in the last 10 school weeks): provisional, it rests on 3 N marks (reason not yet provided)',
    ]);
  });

  it('replacing an N with O makes a provisional threshold firm', () => {
    const before = makePupil({ epn: makeEpn(10, { provisional: true, currentN: 1 }) });
    const after = makePupil({ epn: makeEpn(10) });
    expect(saveWarnings(before, after)).toEqual([
      'Saving makes the penalty-notice threshold firm: it no longer rests on N marks (10 of 10 in the last 10 school weeks)',
    ]);
  });

  it('10 → 9 (an amendment to an authorised code) takes the pupil below the threshold', () => {
    expect(saveWarnings(makePupil({ epn: makeEpn(10) }), makePupil({ epn: makeEpn(9) }))[0]).toBe(
      'Saving takes the pupil below the penalty-notice threshold (9 of 10 in the last 10 school weeks)',
    );
  });

  it('uses the policy threshold and window when given', () => {
    const before = makePupil({ epn: makeEpn(10, { met: false, sessionsToThreshold: 1 }) });
    const after = makePupil({ epn: makeEpn(11, { met: true }) });
    expect(saveWarnings(before, after, { threshold: 11, weeks: 10 })[0]).toBe(
      'Saving this mark meets the penalty-notice threshold (11 of 11 in the last 10 school weeks)',
    );
  });

  it('90.1% → 90.0% exactly moves the pupil to persistent absence (domain.md §3: attendance ≤ 90%)', () => {
    // 901 of 1000 attended: absence 9.9%, not PA. One present changed to absent: 900 of 1000 = exactly 90.0%.
    const bm = makeMeasures(1000, 901);
    const am = makeMeasures(1000, 900);
    expect(bm.persistent).toBe(false);
    expect(am.persistent).toBe(true);
    const w = saveWarnings(makePupil({ measures: bm }), makePupil({ measures: am }));
    expect(w).toEqual(['Saving moves the pupil to persistent absence (attendance 90.0%)']);
  });

  it('going severe says severe, not persistent', () => {
    const w = saveWarnings(
      makePupil({ measures: makeMeasures(20, 11) }),
      makePupil({ measures: makeMeasures(20, 10) }),
    );
    expect(w).toEqual(['Saving moves the pupil to severe absence (attendance 50.0%)']);
  });

  it('reports returns, band changes and a new stage, most serious first', () => {
    const before = makePupil({
      epn: makeEpn(9),
      measures: makeMeasures(200, 181),
      band: { id: 'monitor', label: 'Monitor', colour: '#f9a825', tooEarly: false },
    });
    const after = makePupil({
      epn: makeEpn(10),
      measures: makeMeasures(200, 180),
      attendanceReturn: true,
      band: { id: 'persistent', label: 'Persistent', colour: '#c62828', tooEarly: false },
      stage: { id: 's2', label: 'Stage 2', reasons: ['attendance 90.0% is at or below 90%'], reviewDue: null, currentStageId: null },
    });
    expect(saveWarnings(before, after)).toEqual([
      'Saving this mark meets the penalty-notice threshold (10 of 10 in the last 10 school weeks)',
      'Saving moves the pupil to persistent absence (attendance 90.0%)',
      'Saving makes a 10-day attendance return to the local authority due (20 consecutive unauthorised sessions)',
      'Saving moves the pupil from band Monitor to Persistent (attendance 90.0%)',
      'Saving suggests Stage 2: attendance 90.0% is at or below 90%',
    ]);
  });

  it('sickness warning, then return', () => {
    const base = makePupil();
    expect(saveWarnings(base, makePupil({ sicknessWarning: true }))).toEqual([
      'Saving brings the pupil within 5 days of the 15-day sickness return',
    ]);
    expect(saveWarnings(makePupil({ sicknessWarning: true }), makePupil({ sicknessWarning: true, sicknessReturn: true }))).toEqual([
      'Saving makes a 15-day sickness return to the local authority due',
    ]);
  });

  it('refuses results for two different pupils', () => {
    expect(() => saveWarnings(makePupil(), makePupil({ pupilId: '9' }))).toThrow(/different pupils \(1042 and 9\)/);
  });
});
