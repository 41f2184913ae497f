import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePolicy } from './parse-policy.ts';
import { PRESETS } from './presets/index.ts';
import type { Policy } from './schema.ts';

/** A deep copy of a preset to break in one place. */
function copy(id = 'pdet-trust'): Policy {
  return structuredClone(PRESETS[id]) as Policy;
}

function errorsOf(input: unknown): string[] {
  const r = parsePolicy(input);
  if (r.ok) throw new Error('expected the policy to be refused');
  return r.errors;
}

describe('parsePolicy: shape errors name the field', () => {
  it('refuses a non-object', () => {
    expect(errorsOf(null)[0]).toMatch(/^\(policy\): /);
    expect(errorsOf('policy')[0]).toMatch(/^\(policy\): /);
  });

  it('a bound out of range', () => {
    const p = copy() as unknown as { bands: Array<Record<string, unknown>> };
    p.bands[2]!.upperBound = 120;
    expect(errorsOf(p)).toContain('bands[2].upperBound: expected a number between 0 and 100');
  });

  it('a bound that is not a number', () => {
    const p = copy() as unknown as { bands: Array<Record<string, unknown>> };
    p.bands[1]!.lowerBound = '90';
    expect(errorsOf(p)).toContain('bands[1].lowerBound: expected a number between 0 and 100');
  });

  it('a bound with two decimals', () => {
    const p = copy();
    p.bands[1]!.lowerBound = 90.05;
    expect(errorsOf(p)).toContain('bands[1].lowerBound: expected at most one decimal place (e.g. 96 or 96.5)');
  });

  it('a bad id, colour, missing field and unknown field', () => {
    const p = copy() as unknown as Record<string, unknown> & { bands: Array<Record<string, unknown>> };
    p.id = 'PDET Trust';
    p.bands[0]!.colour = 'green';
    delete p.name;
    p.bands[3]!.lowerBoud = 50;
    const errors = errorsOf(p);
    expect(errors.some((e) => e.startsWith('id: expected a kebab-case id'))).toBe(true);
    expect(errors).toContain('bands[0].colour: expected a hex colour like "#2e7d32"');
    expect(errors).toContain('name: expected text');
    expect(errors.some((e) => e.startsWith('bands[3]: ') && e.includes('lowerBoud'))).toBe(true);
  });

  it('a stage condition of an unknown kind, and a bad comparison', () => {
    const p = copy() as unknown as { stages: Array<{ entry: { all: Array<Record<string, unknown>> } }> };
    p.stages[0]!.entry.all[0] = { kind: 'attendanceBelow', pct: 96 };
    p.stages[1]!.entry.all[0] = { kind: 'attendance', op: '<=', pct: 90 };
    const errors = errorsOf(p);
    expect(errors.some((e) => e.startsWith('stages[0].entry.all[0].kind: expected a condition whose kind is one of'))).toBe(true);
    expect(errors).toContain('stages[1].entry.all[0].op: expected one of "lt", "lte", "gt", "gte"');
  });

  it('EPN settings', () => {
    const p = copy() as unknown as { epn: Record<string, unknown> };
    p.epn.comparison = 'ge';
    p.epn.threshold = 0;
    p.epn.codes = [];
    const errors = errorsOf(p);
    expect(errors).toContain('epn.comparison: expected "gte" or "gt"');
    expect(errors).toContain('epn.threshold: expected a whole number ≥ 1');
    expect(errors).toContain('epn.codes: expected at least one code');
  });

  it('minSessionsForBanding must be a whole number', () => {
    const p = copy() as unknown as Record<string, unknown>;
    p.minSessionsForBanding = -1;
    expect(errorsOf(p)).toContain('minSessionsForBanding: expected a whole number ≥ 0');
  });
});

describe('parsePolicy: semantic checks', () => {
  it('duplicate band and stage ids', () => {
    const p = copy();
    p.bands[1]!.id = 'good';
    p.stages[2]!.id = 'pa-support';
    const errors = errorsOf(p);
    expect(errors).toContain('bands[1].id: duplicate band id "good" (also bands[0])');
    expect(errors.some((e) => e.startsWith('stages[2].id: duplicate stage id "pa-support" (also stages[1])'))).toBe(true);
  });

  it('a band with both or neither bound', () => {
    const p = copy();
    p.bands[0]!.upperBound = 100;
    delete p.bands[1]!.lowerBound;
    const errors = errorsOf(p);
    expect(errors.some((e) => e.startsWith('bands[0]: expected exactly one of lowerBound') && e.endsWith('found both'))).toBe(true);
    expect(errors.some((e) => e.startsWith('bands[1]: expected exactly one of lowerBound') && e.endsWith('found neither'))).toBe(true);
  });

  it('a gap between the "at least" and "at most" bands', () => {
    const p = copy();
    p.bands[1]!.lowerBound = 91; // at risk > 91, persistent ≤ 90: 90–91 has no band
    const errors = errorsOf(p);
    expect(errors.some((e) => e.startsWith('bands[1].lowerBound: gap between bands[2] (≤ 90) and bands[1] (> 91)'))).toBe(true);
  });

  it('exactly 90% left out (> 90 and < 90) is a gap; claimed twice (≥ 90 and ≤ 90) is an overlap', () => {
    const gap = copy();
    gap.bands[2]!.inclusive = false;
    expect(errorsOf(gap).some((e) => e.includes('gap between bands[2] (< 90) and bands[1] (> 90)'))).toBe(true);
    const overlap = copy();
    overlap.bands[1]!.inclusive = true;
    expect(errorsOf(overlap).some((e) => e.includes('overlap between bands[2] (≤ 90) and bands[1] (≥ 90)'))).toBe(true);
  });

  it('bands out of order', () => {
    const p = copy('dfe-support-first');
    p.bands[1]!.lowerBound = 97;
    expect(errorsOf(p)).toContain('bands[1].lowerBound: 97 must be below bands[0].lowerBound 96: list bands best to worst');
    const q = copy();
    [q.bands[2], q.bands[3]] = [q.bands[3]!, q.bands[2]!];
    expect(errorsOf(q)).toContain('bands[3].upperBound: 90 must be below bands[2].upperBound 50: list bands best to worst');
  });

  it('only "at least" bands must reach down to 0', () => {
    const p = copy('dfe-support-first');
    p.bands = p.bands.slice(0, 3);
    expect(errorsOf(p).some((e) => e.startsWith('bands[2].lowerBound: gap below > 90'))).toBe(true);
    p.bands[2] = { ...p.bands[2]!, lowerBound: 0, inclusive: true };
    expect(parsePolicy(p).ok).toBe(true);
  });

  it('a stage condition referring to an unknown or later stage', () => {
    const p = copy();
    p.stages[2]!.entry.all![1] = { kind: 'attendanceSinceStage', stage: 'pa-suport', change: 'notImproved' };
    p.stages[1]!.entry.all = [{ kind: 'stageRecorded', stage: 'formal-legal' }];
    const errors = errorsOf(p);
    expect(errors.some((e) => e.startsWith('stages[2].entry.all[1].stage: unknown stage id "pa-suport"'))).toBe(true);
    expect(errors).toContain('stages[1].entry.all[0].stage: refers to "formal-legal", which is not an earlier stage than "pa-support"');
  });

  it('judging attendance at the review of a stage that has no review', () => {
    const p = copy();
    p.stages[1]!.reviewAfter = null;
    expect(errorsOf(p)).toContain(
      'stages[2].entry.all[1].stage: "pa-support" has no reviewAfter, so there is no review at which to judge attendance',
    );
  });

  it('a stage with no conditions', () => {
    const p = copy();
    p.stages[0]!.entry = {};
    expect(errorsOf(p)).toContain('stages[0].entry: expected at least one condition in "all" or "any"');
  });

  it('accepts a small hand-written policy', () => {
    const r = parsePolicy({
      id: 'tiny',
      name: 'Tiny',
      source: 'test',
      description: 'Two bands, one stage.',
      bands: [
        { id: 'ok', label: 'OK', colour: '#00aa00', lowerBound: 90, inclusive: false, suggestedActions: [], source: 'test' },
        { id: 'pa', label: 'PA', colour: '#aa0000', upperBound: 90, inclusive: true, suggestedActions: ['Call'], source: 'test' },
      ],
      minSessionsForBanding: 10,
      epn: { threshold: 10, weeks: 10, comparison: 'gte', codes: ['G', 'N', 'O', 'U'] },
      returns: { attendanceReturnSessions: 20, sicknessReturnSessions: 30, sicknessWarningSessions: 20 },
      penaltyNotice: { firstPaidEarly: 80, firstPaidLate: 160, earlyDays: 21, lateDays: 28, second: 160, maxInPeriod: 2, periodYears: 3 },
      stages: [
        {
          id: 'meet',
          label: 'Meet',
          source: 'test',
          entry: { all: [{ kind: 'attendance', op: 'lte', pct: 90 }] },
          reviewAfter: { days: 10, unit: 'school' },
          actions: ['Meet parents'],
        },
      ],
    });
    expect(r.ok).toBe(true);
  });
});

describe('schema set-up', () => {
  it('zod runs jitless (the extension CSP forbids new Function)', () => {
    expect(z.config().jitless).toBe(true);
  });

  it('stage notes are checked like entry conditions; reviewFrom must be a known event kind', () => {
    const p = copy() as unknown as Policy;
    p.stages[1]!.notes = [{ kind: 'stageRecorded', stage: 'nope' }];
    expect(errorsOf(p).some((e) => e.startsWith('stages[1].notes[0].stage: unknown stage id "nope"'))).toBe(true);
    const q = copy() as unknown as { stages: Array<Record<string, unknown>> };
    q.stages[1]!.reviewFrom = 'phone-call';
    expect(errorsOf(q)).toContain('stages[1].reviewFrom: expected one of "letter-sent", "meeting-held", "contract-signed", "notice-to-improve"');
  });
});
