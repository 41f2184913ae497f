// The boundary pupils' figures, counted directly over the school's sessions (domain.md §1, §3–§5):
// no generator code is reused here, so a construction error cannot hide behind its own arithmetic.
import { describe, expect, it } from 'vitest';
import { codeInfo } from '../../engine/codes.ts';
import { academicYearStart, toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import { epnWindow } from '../../engine/epn-window.ts';
import { NATIONAL_EPN } from '../../engine/policy/presets/national.ts';
import { pupilMeasures } from '../../engine/pupil-measures.ts';
import { schoolCalendar } from '../../engine/school-calendar.ts';
import { statutoryReturns } from '../../engine/statutory-returns.ts';
import type { DemoSchool } from '../types.ts';
import { DEFAULT_TODAY, generateSchool } from './generate-school.ts';

const EPN = new Set(['G', 'N', 'O', 'U']);

/** Sorted school-session keys up to today: weekday sessions where anyone has a mark other than #, -, ''. */
function schoolSessions(school: DemoSchool): number[] {
  const todayKey = toEpochDay(school.today) * 2 + 1;
  const set = new Set<number>();
  for (const h of school.histories.values()) {
    h.codes.forEach((c, i) => {
      const k = h.firstKey + i;
      if (c !== '' && c !== '#' && c !== '-' && k <= todayKey && weekdayOfDay(k >> 1) < 5) set.add(k);
    });
  }
  return [...set].sort((a, b) => a - b);
}

function figures(school: DemoSchool, id: string, sessions: number[]) {
  const h = school.histories.get(id)!;
  const code = (k: number) => h.codes[k - h.firstKey] ?? '';
  const ytdFrom = toEpochDay(academicYearStart(school.today)) * 2;
  let possible = 0;
  let attended = 0;
  let illness = 0;
  for (const k of sessions) {
    if (k < ytdFrom) continue;
    const info = codeInfo(code(k));
    if (code(k) === 'I') illness++;
    if (!info.possible) continue;
    possible++;
    if (info.category === 'present' || info.category === 'aea') attended++;
  }
  // The 10 most recent school weeks ending with today's week (domain.md §4).
  const mondays = [...new Set(sessions.map((k) => (k >> 1) - weekdayOfDay(k >> 1)))];
  const windowStart = mondays.slice(-10)[0]!;
  let epn = 0;
  let epnN = 0;
  for (const k of sessions) {
    if (k >> 1 < windowStart || !EPN.has(code(k))) continue;
    epn++;
    if (code(k) === 'N') epnN++;
  }
  // Longest runs over consecutive school sessions (non-school sessions skipped, §3, §8.7).
  let unauthRun = 0;
  let illRun = 0;
  let u = 0;
  let ill = 0;
  for (const k of sessions) {
    if (k < ytdFrom) continue;
    u = EPN.has(code(k)) ? u + 1 : 0;
    ill = code(k) === 'I' ? ill + 1 : 0;
    unauthRun = Math.max(unauthRun, u);
    illRun = Math.max(illRun, ill);
  }
  return { possible, attended, epn, epnN, unauthRun, illRun, illness };
}

describe.each(['primary', 'secondary'] as const)('boundary pupils (%s, default seed and today)', (size) => {
  const school = generateSchool({ size });
  const sessions = schoolSessions(school);
  const boundary = school.pupils.filter((p) => p.boundary !== undefined);
  const find = (text: string) => {
    const p = boundary.find((b) => b.boundary!.includes(text));
    expect(p, `a boundary pupil "${text}"`).toBeDefined();
    return figures(school, p!.id, sessions);
  };

  it('has all eight, in the first form', () => {
    expect(school.today).toBe(DEFAULT_TODAY);
    expect(boundary).toHaveLength(8);
    for (const p of boundary) expect(p.formId).toBe(school.forms[0]!.id);
    for (const p of boundary) console.log(`${size} boundary pupil ${p.id} ${p.forename} ${p.surname}: ${p.boundary}`);
  });

  it('90.0% exactly: 100 × attended = 90 × possible (persistent absence line)', () => {
    const f = find('90.0%');
    expect(f.possible).toBeGreaterThan(50);
    expect(100 * f.attended).toBe(90 * f.possible);
  });

  it('96.0% exactly', () => {
    const f = find('96.0%');
    expect(f.possible).toBeGreaterThan(50);
    expect(100 * f.attended).toBe(96 * f.possible);
  });

  it('50.0% exactly (severe absence line)', () => {
    const f = find('50.0%');
    expect(2 * f.attended).toBe(f.possible);
  });

  it('9 and 10 unauthorised sessions in the 10-school-week window; the N one is provisional', () => {
    const nine = find('9 unauthorised');
    expect(nine.epn).toBe(9);
    const ten = find('(EPN threshold met)');
    expect(ten.epn).toBe(10);
    expect(ten.epnN).toBe(0);
    const prov = find('provisional');
    expect(prov.epn).toBe(10);
    expect(prov.epnN).toBeGreaterThan(0);
    expect(prov.epn - prov.epnN).toBeLessThan(10);
  });

  it('a run of exactly 20 unauthorised sessions; exactly 30 sessions of illness', () => {
    const run = find('10-day attendance return');
    expect(run.unauthRun).toBe(20);
    const sick = find('sickness return');
    expect(sick.illRun).toBe(30);
    expect(sick.illness).toBe(30);
  });

  it('the engine (engine/pupil-measures, epn-window, statutory-returns) agrees on every boundary', () => {
    const histories = [...school.histories.values()];
    const cal = schoolCalendar(histories, school.today);
    const by = (text: string) => {
      const p = boundary.find((b) => b.boundary!.includes(text))!;
      const h = school.histories.get(p.id)!;
      return { m: pupilMeasures(h, cal), epn: epnWindow(h, cal, NATIONAL_EPN), ret: statutoryReturns(h, cal) };
    };
    const ninety = by('90.0%');
    expect(ninety.m.attendancePct).toBe(90);
    expect(ninety.m.persistent).toBe(true);
    const ninetySix = by('96.0%');
    expect(ninetySix.m.attendancePct).toBe(96);
    expect(ninetySix.m.persistent).toBe(false);
    const half = by('50.0%');
    expect(half.m.attendancePct).toBe(50);
    expect(half.m.severe).toBe(true);
    const nine = by('9 unauthorised');
    expect(nine.epn.currentSessions).toBe(9);
    expect(nine.epn.met).toBe(false);
    const ten = by('(EPN threshold met)');
    expect(ten.epn.currentSessions).toBe(10);
    expect(ten.epn.met).toBe(true);
    expect(ten.epn.provisional).toBe(false);
    const prov = by('provisional');
    expect(prov.epn.met).toBe(true);
    expect(prov.epn.provisional).toBe(true);
    const run = by('10-day attendance return');
    expect(run.ret.unauthorisedRun).toBe(20);
    expect(run.ret.attendanceReturn).toBe(true);
    const sick = by('sickness return');
    expect(sick.ret.illnessRun).toBe(30);
    expect(sick.ret.sicknessReturn).toBe(true);
  });
});
