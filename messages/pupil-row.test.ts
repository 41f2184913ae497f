import { describe, expect, it } from 'vitest';
import { makeEpn, makeMeasures, makePupil } from '../test/pupil-results.ts';
import { pupilRow } from './pupil-row.ts';

describe('pupilRow', () => {
  it('keeps what the panel reads and drops the per-session evidence', () => {
    const full = makePupil({
      pupilId: 'A',
      name: 'Ann',
      attributes: { yearGroup: '3', fsm: true },
      measures: { ...makeMeasures(100, 88, { unauthorised: 12 }), spells: [{ startKey: 1, endKey: 4, sessions: 4, codes: ['O', 'O', 'O', 'O'] }], codeCounts: { O: 12 } },
      epn: { ...makeEpn(12), currentKeys: [1, 2, 3] },
      findings: [{ kind: 'missing-mark', message: '2 sessions without a mark', keys: [7, 8] }],
    });
    const row = pupilRow(full);
    expect(row.measures).toEqual({
      possible: 100,
      attended: 88,
      attendancePct: full.measures.attendancePct,
      persistent: full.measures.persistent,
      severe: full.measures.severe,
      daysLost: full.measures.daysLost,
      brokenWeeks: full.measures.brokenWeeks,
      schoolWeeks: full.measures.schoolWeeks,
      unauthorised: 12,
      firstKey: full.measures.firstKey,
      lastKey: full.measures.lastKey,
      missingMarks: full.measures.missingMarks,
    });
    expect(row.epn).not.toHaveProperty('currentKeys');
    expect(row.findings).toEqual([{ kind: 'missing-mark', message: '2 sessions without a mark' }]);
    expect(row.attributes).toEqual({ yearGroup: '3', fsm: true });
    expect(row.stage).toBe(full.stage);
    expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(full).length);
  });
});
