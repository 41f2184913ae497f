import { describe, expect, it } from 'vitest';
import { assignBand } from '../assign-band.ts';
import { parsePolicy } from '../parse-policy.ts';
import { measuresFrom } from '../results.test-support.ts';
import { DEFAULT_POLICY_ID, PRESETS, presetById } from './index.ts';

describe('presets', () => {
  it('has the five fixed ids, keyed by their own id', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['dfe-support-first', 'pdet-trust', 'russell-street', 'stockport-ews', 'vale-millbrook']);
    for (const [key, p] of Object.entries(PRESETS)) expect(p.id).toBe(key);
  });

  it.each(Object.keys(PRESETS))('%s passes parsePolicy unchanged', (id) => {
    const r = parsePolicy(PRESETS[id]);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.policy).toEqual(PRESETS[id]);
  });

  it.each(Object.keys(PRESETS))('%s survives a JSON round trip (a policy file is JSON)', (id) => {
    const r = parsePolicy(JSON.parse(JSON.stringify(PRESETS[id])));
    expect(r.ok).toBe(true);
  });

  it('DfE and PDET band ids are as specified', () => {
    expect(PRESETS['dfe-support-first']?.bands.map((b) => b.id)).toEqual(['expect', 'monitor', 'listen-understand', 'support']);
    expect(PRESETS['pdet-trust']?.bands.map((b) => b.id)).toEqual(['good', 'at-risk', 'persistent', 'severe']);
  });

  it('every band and stage names its source in the document', () => {
    for (const p of Object.values(PRESETS)) {
      for (const b of p.bands) expect(b.source.length, `${p.id} band ${b.id}`).toBeGreaterThan(3);
      for (const s of p.stages) expect(s.source.length, `${p.id} stage ${s.id}`).toBeGreaterThan(3);
    }
  });

  it('use the national EPN default (10 in 10 school weeks, ≥, G N O U)', () => {
    for (const p of Object.values(PRESETS)) {
      expect(p.epn).toEqual({ threshold: 10, weeks: 10, comparison: 'gte', codes: ['G', 'N', 'O', 'U'] });
    }
  });

  it('Stockport Stage 3 asks for MORE THAN 10 unauthorised sessions; Vale Stage 4 is reviewed after 20 school days; 3A after 15', () => {
    const stockport = PRESETS['stockport-ews']!;
    const s3 = stockport.stages.find((s) => s.id === 'stage-3')!;
    expect(s3.entry.all).toContainEqual({ kind: 'unauthorisedInWindow', op: 'gt', sessions: 10 });
    expect(stockport.stages.find((s) => s.id === 'stage-3a')?.reviewAfter).toEqual({ days: 15, unit: 'school' });
    expect(PRESETS['vale-millbrook']?.stages.find((s) => s.id === 'stage-4')?.reviewAfter).toEqual({ days: 20, unit: 'school' });
  });

  it('default and lookup', () => {
    expect(DEFAULT_POLICY_ID).toBe('dfe-support-first');
    expect(presetById(DEFAULT_POLICY_ID)).toBe(PRESETS['dfe-support-first']);
    expect(presetById('nope')).toBeUndefined();
    expect(presetById('toString')).toBeUndefined();
  });

  it('PDET: a pupil at exactly 90% is in the persistent band but is not told appointment evidence is mandatory (000 §6.2 "below 90%")', () => {
    const pdet = PRESETS['pdet-trust']!;
    const band = assignBand(measuresFrom({ attended: 225, possible: 250 }), pdet);
    expect(band.id).toBe('persistent');
    const actions = pdet.bands.find((b) => b.id === band.id)!.suggestedActions;
    const mandatory = actions.filter((a) => /must/i.test(a));
    expect(mandatory.length).toBeGreaterThan(0);
    // Every "must" is stated for the part of the band below 90%, before it says what must be done.
    for (const a of mandatory) expect(a).toMatch(/^Below 90% \(not at exactly 90%\):/);
  });

  it('stage clocks: PDET PA support from the meeting, Stockport 3A from the Notice to Improve; Russell Street LA stage needs the contract review', () => {
    expect(PRESETS['pdet-trust']!.stages.find((s) => s.id === 'pa-support')?.reviewFrom).toBe('meeting-held');
    expect(PRESETS['stockport-ews']!.stages.find((s) => s.id === 'stage-3a')?.reviewFrom).toBe('notice-to-improve');
    const la = PRESETS['russell-street']!.stages.find((s) => s.id === 'stage-5')!;
    expect(la.entry.any).toBeUndefined();
    expect(la.entry.all).toContainEqual({ kind: 'attendanceSinceStage', stage: 'stage-4', change: 'notImproved' });
    expect(la.notes).toEqual([{ kind: 'unauthorisedInWindow', op: 'gte', sessions: 10 }]);
  });
});
