import { describe, expect, it } from 'vitest';
import { assignBand } from './assign-band.ts';
import { PRESETS } from './presets/index.ts';
import type { Policy } from './schema.ts';
import { measuresFrom } from './results.test-support.ts';

const band = (policyId: string, attended: number, possible: number) => {
  const policy = PRESETS[policyId] as Policy;
  return assignBand(measuresFrom({ attended, possible }), policy).id;
};

describe('assignBand: DfE support-first (003)', () => {
  const p = 'dfe-support-first';
  it.each([
    [250, 250, 'expect'],
    [240, 250, 'expect'], // exactly 96%
    [1919, 2000, 'monitor'], // 95.95% displays as 96.0% but is below 96
    [239, 250, 'monitor'], // 95.6%
    [235, 250, 'monitor'], // exactly 94%
    [234, 250, 'listen-understand'], // 93.6%
    [226, 250, 'listen-understand'], // 90.4%
    [1801, 2000, 'listen-understand'], // 90.05%
    [225, 250, 'support'], // exactly 90%: persistent absence
    [0, 250, 'support'],
  ])('%i of %i sessions → %s', (a, p2, id) => {
    expect(band(p, a, p2)).toBe(id);
  });
});

describe('assignBand: PDET trust (000)', () => {
  const p = 'pdet-trust';
  it.each([
    [240, 250, 'good'], // 96%
    [239, 250, 'at-risk'], // 95.6%
    [1801, 2000, 'at-risk'], // 90.05%: between "≤ 90" and the printed "90.1", read as at risk
    [901, 1000, 'at-risk'], // 90.1% exactly
    [225, 250, 'persistent'], // 90%
    [126, 250, 'persistent'], // 50.4%
    [125, 250, 'severe'], // exactly 50%: severe beats persistent
    [0, 250, 'severe'],
  ])('%i of %i sessions → %s', (a, p2, id) => {
    expect(band(p, a, p2)).toBe(id);
  });
});

describe('assignBand: Vale / Millbrook (001)', () => {
  const p = 'vale-millbrook';
  it.each([
    [240, 250, 'expected'],
    [239, 250, 'below-expected'],
    [230, 250, 'below-expected'], // exactly 92%: Stage 1 is "below 92%"
    [229, 250, 'below-92'], // 91.6%
    [226, 250, 'below-92'],
    [225, 250, 'persistent'],
    [125, 250, 'severe'],
  ])('%i of %i sessions → %s', (a, p2, id) => {
    expect(band(p, a, p2)).toBe(id);
  });
});

describe('assignBand: Stockport EWS (002)', () => {
  const p = 'stockport-ews';
  it.each([
    [250, 250, 'universal'],
    [226, 250, 'universal'],
    [225, 250, 'persistent'],
    [126, 250, 'persistent'],
    [125, 250, 'severe'],
  ])('%i of %i sessions → %s', (a, p2, id) => {
    expect(band(p, a, p2)).toBe(id);
  });
});

describe('assignBand: Russell Street (004)', () => {
  const p = 'russell-street';
  it.each([
    [193, 200, 'target'], // exactly 96.5%
    [1929, 2000, 'below-target'], // 96.45% displays as 96.5% but is below target
    [192, 200, 'below-target'], // 96%
    [190, 200, 'below-target'], // exactly 95%: Stage Four is "below 95%"
    [189, 200, 'below-95'], // 94.5%
    [226, 250, 'below-95'],
    [225, 250, 'persistent'],
    [125, 250, 'severe'],
  ])('%i of %i sessions → %s', (a, p2, id) => {
    expect(band(p, a, p2)).toBe(id);
  });
});

describe('assignBand: result fields and the edges of §8.4', () => {
  const policy = PRESETS['pdet-trust'] as Policy;

  it('returns the band label and colour', () => {
    const r = assignBand(measuresFrom({ attended: 225, possible: 250 }), policy);
    expect(r).toEqual({ id: 'persistent', label: 'Persistent absence (≤ 90%)', colour: '#c62828', tooEarly: false });
  });

  it('no possible sessions → no band, not "too early"', () => {
    expect(assignBand(measuresFrom({ attended: 0, possible: 0 }), policy)).toEqual({
      id: null,
      label: null,
      colour: null,
      tooEarly: false,
    });
  });

  it('below minSessionsForBanding → too early; at it → banded', () => {
    const strict: Policy = { ...policy, minSessionsForBanding: 20 };
    expect(assignBand(measuresFrom({ attended: 9, possible: 19 }), strict)).toEqual({
      id: null,
      label: null,
      colour: null,
      tooEarly: true,
    });
    expect(assignBand(measuresFrom({ attended: 10, possible: 20 }), strict).id).toBe('severe');
  });

  it('large counts stay exact (no floating point)', () => {
    // 96% of 1,000,000 sessions exactly, and one session fewer.
    expect(band('dfe-support-first', 960_000, 1_000_000)).toBe('expect');
    expect(band('dfe-support-first', 959_999, 1_000_000)).toBe('monitor');
  });
});
