import { describe, expect, it } from 'vitest';
import { computeSchool } from './compute-school.ts';
import { historyFromRows } from './history.ts';
import { presetById } from './policy/presets/index.ts';
import type { Policy } from './policy/schema.ts';
import { pupil, rep } from './history.test-support.ts';
import type { Half, MarkRow } from './types.ts';

const policy = presetById('dfe-support-first') as Policy;
const row = (date: string, session: Half, code: string): MarkRow => ({ date, session, code });

// Mon 7 and Tue 8 Sep 2026. Tuesday PM is a closure for everyone (`#`), so the school had 3 sessions.
const a = historyFromRows('A', 'Ann', [
  row('2026-09-07', 'AM', '/'),
  row('2026-09-07', 'PM', 'I'),
  row('2026-09-08', 'AM', '\\'), // §8.10: `\` in the AM is still present
  row('2026-09-08', 'PM', '#'),
]);
const b = historyFromRows('B', 'Bo', [
  row('2026-09-07', 'AM', 'D'),
  row('2026-09-07', 'PM', 'D'),
  row('2026-09-08', 'AM', 'D'),
  row('2026-09-08', 'PM', '#'),
]);
const c = historyFromRows('C', 'Cy', [row('2026-09-07', 'AM', 'O'), row('2026-09-08', 'AM', '/'), row('2026-09-08', 'PM', '#')]);

describe('computeSchool', () => {
  it('infers school sessions and weeks from all pupils together (domain.md §1, §8.6)', () => {
    const s = computeSchool([a, b, c], policy, '2026-09-11');
    expect(s.schoolSessions).toBe(3);
    expect(s.schoolWeeks).toBe(1);
    expect(s.pupils.map((p) => p.pupilId)).toEqual(['A', 'B', 'C']);
  });

  it('gives each pupil measures, band and returns; 2/3 attended is 66.7% (half up), persistent not severe', () => {
    const [pa] = computeSchool([a, b, c], policy, '2026-09-11').pupils;
    expect(pa!.measures).toMatchObject({ possible: 3, present: 2, authorised: 1, unauthorised: 0, attendancePct: 66.7 });
    expect(pa!.measures.persistent).toBe(true);
    expect(pa!.measures.severe).toBe(false);
    expect(pa!.band.id).toBe('support'); // dfe-support-first: ≤ 90
    expect(pa!.attendanceReturn).toBe(false);
    expect(pa!.sicknessReturn).toBe(false);
  });

  it('rounds half up where floating point would not: 41 of 80 attended is 51.25% → 51.3', () => {
    // 8 weeks from Mon 7 Sep 2026 = 80 sessions; the first 39 are I. ((41 / 80 * 100).toFixed(1) is "51.2".)
    const rows: MarkRow[] = [];
    for (let d = 0; d < 56; d++) {
      const date = new Date(Date.UTC(2026, 8, 7 + d)).toISOString().slice(0, 10);
      if (d % 7 >= 5) continue;
      for (const session of ['AM', 'PM'] as const) rows.push(row(date, session, rows.length < 39 ? 'I' : '/'));
    }
    const [p] = computeSchool([historyFromRows('R', 'R', rows)], policy, '2026-11-20').pupils;
    expect(p!.measures).toMatchObject({ possible: 80, attended: 41, attendancePct: 51.3 });
  });

  it('a pupil with no possible sessions has a null percentage and band, not persistent (§8.4)', () => {
    const pb = computeSchool([a, b, c], policy, '2026-09-11').pupils[1]!;
    expect(pb.measures.possible).toBe(0);
    expect(pb.measures.attendancePct).toBeNull();
    expect(pb.band.id).toBeNull();
    expect(pb.measures.persistent).toBe(false);
    expect(pb.measures.severe).toBe(false);
  });

  it("counts the missing marks of a pupil with no row on a school session (§8.8)", () => {
    // C has marks on Mon AM and Tue AM: Mon PM, between them, is a school session with no row.
    const pc = computeSchool([a, b, c], policy, '2026-09-11').pupils[2]!;
    expect(pc.measures.missingMarks).toBe(1);
    expect(pc.findings.some((f) => f.kind === 'missing-mark')).toBe(true);
  });

  it("uses the policy's EPN settings", () => {
    const national = computeSchool([a, b, c], policy, '2026-09-11').pupils[2]!;
    expect(national.epn).toMatchObject({ currentSessions: 1, met: false, sessionsToThreshold: 9 });
    const strict: Policy = { ...policy, epn: { ...policy.epn, threshold: 1 } };
    expect(computeSchool([a, b, c], strict, '2026-09-11').pupils[2]!.epn.met).toBe(true);
  });

  it('ignores sessions after the as-of date (§1)', () => {
    const s = computeSchool([a, b, c], policy, '2026-09-07');
    expect(s.schoolSessions).toBe(2);
    expect(s.pupils[0]!.measures.possible).toBe(2);
  });

  it('passes each pupil its own case history to the stage suggestion', () => {
    const stageId = policy.stages[0]!.id;
    const withCase = computeSchool([a, b, c], policy, '2026-09-11', new Map([['A', [{ kind: 'stage-started' as const, date: '2026-09-08', stageId }]]]));
    expect(withCase.pupils[0]!.stage.currentStageId).toBe(stageId);
    expect(withCase.pupils[2]!.stage.currentStageId).toBeNull();
  });

  it("uses the policy's returns settings (a policy file changing them takes effect)", () => {
    // 20 consecutive O sessions: the national attendance return; 21 needed by this policy.
    const h = pupil('R', '2026-09-07', `. ${rep('O', 20)} .`);
    expect(computeSchool([h], policy, '2026-09-30').pupils[0]!.attendanceReturn).toBe(true);
    const longer: Policy = { ...policy, returns: { ...policy.returns, attendanceReturnSessions: 21 } };
    const [p] = computeSchool([h], longer, '2026-09-30').pupils;
    expect(p!.attendanceReturn).toBe(false);
    expect(p!.stage.reasons.join('; ')).not.toContain('attendance return');
  });

  it('passes the school calendar to the stage suggestion, so closures are not school days', () => {
    // Vale Stage 4 (reviewed after 20 school days) started Mon 7 Sep 2026; the school is closed (#) all of
    // the week of 14 Sep, so the review falls a week later than 20 weekdays would.
    const weeks = ['. '.repeat(10), '# '.repeat(10), '. '.repeat(10), '. '.repeat(10)].join('');
    const h = pupil('V', '2026-09-07', weeks);
    const vale = presetById('vale-millbrook') as Policy;
    const cases = new Map([['V', [{ kind: 'stage-started' as const, date: '2026-09-07', stageId: 'stage-4' }]]]);
    const [p] = computeSchool([h], vale, '2026-10-02', cases).pupils;
    expect(p!.stage.reviewDue).toBe('2026-10-12'); // 20 weekdays would be Mon 5 Oct
  });
});
