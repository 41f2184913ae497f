// The mark simulation: each pupil gets an underlying absence propensity, then is simulated day by day
// over the school's real calendar (timeline.ts).
//
// Model (targets from DfE "Pupil absence in schools in England" 2023/24 and 2024/25):
// - Propensity: three groups, as real absence data look (PHASE below): most pupils rarely absent
//   (a log-normal rate capped below the PA line), a minority persistently absent (9–30%) and a few
//   severely (52–90%: school refusal, long-term non-attendance). FSM, SEN support (K), an EHCP (E)
//   and a social worker make the high groups more likely and raise the low group's rate. The mix
//   gives overall absence ≈ 5.5% primary / ≈ 9% secondary, PA ≈ 11–15% primary / 20–25% secondary
//   and SA ≈ 1–2.5% (generate-school.test.ts prints and checks the realised figures).
// - Illness (I, about half of all absence as in DfE figures) comes in episodes of 1–14 days (mean under 2), more in
//   winter (seasonal factor by month) and in a yearly outbreak fortnight per form (clusters).
// - Unauthorised absence (O) comes in short episodes, most often on Mondays and Fridays and least on
//   Wednesdays; Friday afternoons also lose single sessions (O, M), so Friday PM is the worst session
//   and Wednesday AM the best.
// - Term-time holidays (G) are blocks of 3–10 school days next to a half-term or term break.
// - Lates: L (before the register closed, present) and U (after it closed, unauthorised), AM only.
// - N (no reason yet): most absences of the last five school days before `today`, and a few older
//   unresolved ones (which the engine flags as stale, domain.md §6).
// - Medical appointments (M) are single sessions; religious observance (R) on the festival days of
//   the pupil's faith; suspensions (E); exceptional leave (C); a few part-time timetables (C2), dual
//   registrations (D), LA provision (K), sports fixtures (P), off-site courses (B), trips (V), work
//   experience (W, Year 10 in late June), study leave (S, Year 11 after May half term — only for a
//   `today` after May 2027: the 2025/26 Year 11 have left and are not on the roll), interviews
//   (J1, Year 11), a performance licence (C1), a Traveller family (T), transport failures (Y1), a
//   snow day (Y2) and a burst pipe that closed one classroom (Y3).
// - Joiners: `Z` on the school sessions of their joining year before admission; leavers: `Z` on the
//   school sessions after their last day. Statutory `Z` is "not yet on roll": a real MIS shows no row
//   after leaving, but an empty cell on a school session is a missing mark (domain.md §8.8) and the
//   demo must not plant false data-quality findings, so the demo writes `Z` both ways. INSET days
//   are `#` for everyone (on roll or not).

import { civilFromEpochDay, toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import type { SchoolSize } from '../types.ts';
import type { PupilPlan } from './pupils.ts';
import type { Random } from './random.ts';
import { KIND_INSET, KIND_SCHOOL, type Timeline } from './timeline.ts';

/** Whole-school and per-form events, drawn once per school. */
export interface SchoolEvents {
  /** formId → day → code for that form's pupils who are in school (trips V) or all of them (Y3). */
  formDays: Map<string, Map<number, string>>;
  /** formId → days of an illness outbreak (illness starts ×2.5). */
  outbreaks: Map<string, Set<number>>;
  /** The snow day (Y2 for pupils who live out of town), or null if after today. */
  snowDay: number | null;
}

export interface MarkResult {
  firstKey: number;
  codes: string[];
}

// Weekday factors (Mon..Fri) for starting an absence; Wednesday lowest, Monday and Friday highest.
const ILL_WEEKDAY = [1.15, 1.0, 0.76, 0.97, 1.12];
const OUT_WEEKDAY = [1.25, 0.92, 0.62, 0.93, 1.28];
// Illness by month (index 1–12): winter peak, summer low (DfE termly figures).
const ILL_MONTH = [0, 1.35, 1.2, 1.0, 0.8, 0.75, 0.7, 0.65, 1, 0.75, 0.95, 1.15, 1.4];

// Festival days (school days only are used) by faith: Eid al-Fitr, Diwali / Bandi Chhor Divas,
// Vaisakhi, Rosh Hashanah and Yom Kippur in 2025/26 and 2026/27.
const FESTIVALS: Record<string, string[]> = {
  muslim: ['2026-03-20', '2027-03-10', '2027-05-17'],
  hindu: ['2025-10-20', '2026-11-09'],
  sikh: ['2025-10-21', '2026-04-14', '2027-04-14'],
  jewish: ['2025-09-23', '2025-09-24', '2025-10-02', '2026-09-21'],
};

interface Propensity {
  rate: number;
  severe: boolean;
  shareI: number;
  shareO: number;
  shareM: number;
  shareU: number;
  late: number;
  holiday: number;
}

/**
 * Tuning of the propensity model per phase (checked by the realised rates in generate-school.test.ts).
 * Three groups, as absence data show (most pupils rarely absent, a minority persistently, a few
 * severely): `low` pupils draw a log-normal rate (median `median`, capped below the PA line),
 * `persistent` pupils 9–30%, `severe` pupils 52–90%. Membership of the two high groups is more
 * likely with FSM, SEN support, an EHCP or a social worker (DfE: these groups' PA rates are roughly
 * double); the shares below are for a pupil with none of them.
 */
const PHASE = {
  primary: { median: 0.018, sigma: 0.5, persistent: 0.075, severe: 0.005, suspension: 0.004 },
  secondary: { median: 0.045, sigma: 0.45, persistent: 0.064, severe: 0.012, suspension: 0.04 },
} as const;

function propensity(plan: PupilPlan, size: SchoolSize, rng: Random): Propensity {
  const ph = size === 'primary' ? PHASE.primary : PHASE.secondary;
  const p = plan.pupil;
  let mult = 1;
  if (p.fsm) mult *= 1.9;
  if (p.sen === 'K') mult *= 1.8;
  if (p.sen === 'E') mult *= 2.2;
  if (p.socialWorker) mult *= 1.5;
  if (size !== 'primary' && plan.yearNumber >= 9) mult *= 1.2;
  const u = rng.next();
  const severe = !plan.reserved && u < ph.severe * mult;
  const persistent = !severe && u < (ph.severe + ph.persistent) * mult;
  let rate: number;
  if (severe) rate = 0.52 + rng.next() * 0.38;
  else if (persistent) rate = 0.09 + 0.21 * rng.next() ** 1.6;
  else rate = Math.min(0.075, ph.median * Math.exp(ph.sigma * rng.normal()) * (1 + (mult - 1) * 0.5));
  // Shares of the absence: illness about half; more unauthorised as absence grows.
  const jitter = () => Math.exp(0.35 * rng.normal());
  let shareI = 0.56 * jitter() * (severe ? 0.45 : rate > 0.1 ? 0.8 : 1);
  let shareO = 0.17 * jitter() * (severe ? 3 : rate > 0.1 ? 1.6 : 1) * (p.fsm ? 1.3 : 1);
  let shareM = 0.08 * jitter();
  let shareU = 0.03 * jitter() * (size === 'primary' ? 0.6 : 1.4);
  const total = shareI + shareO + shareM + shareU;
  shareI /= total;
  shareO /= total;
  shareM /= total;
  shareU /= total;
  const late = Math.min(0.2, 0.012 * Math.exp(0.9 * rng.normal()) * (p.fsm ? 1.5 : 1));
  const holiday = Math.min(0.6, 0.1 * (p.fsm ? 0.8 : 1.1) * (rate > 0.1 ? 1.6 : 1));
  return { rate, severe, shareI, shareO, shareM, shareU, late, holiday };
}

/** Simulates one pupil's marks from the first day of their first academic year to today. */
export function marks(plan: PupilPlan, size: SchoolSize, tl: Timeline, events: SchoolEvents, rng: Random): MarkResult {
  const pr = propensity(plan, size, rng);
  const firstDay = tl.yearFirstDay.get(plan.firstYear);
  if (firstDay === undefined) throw new Error(`marks: pupil ${plan.pupil.id} starts in ${plan.firstYear}, outside the data`);
  const lastDay = tl.todayDay;
  const n = lastDay - firstDay + 1;
  const codes = new Array<string>(n * 2).fill('');
  const kindAt = (d: number) => tl.kinds[d - tl.firstDay]!;
  const set = (d: number, am: string, pm: string) => {
    const i = (d - firstDay) * 2;
    codes[i] = am;
    codes[i + 1] = pm;
  };
  const get = (d: number, half: 0 | 1) => codes[(d - firstDay) * 2 + half]!;

  // ---- day-by-day simulation of illness, unauthorised absence, appointments and lates ----------
  const p = pr.rate;
  const illLen = pr.severe ? 3.5 : 1.7; // mean episode length in days
  const outLen = pr.severe ? 4 : 1.25;
  const qI = (p * pr.shareI) / (illLen * Math.max(0.1, 1 - p));
  // About a fifth of unauthorised absence is single afternoon sessions (mostly Fridays).
  const qO = (p * pr.shareO * 0.8) / (outLen * Math.max(0.1, 1 - p));
  const qOpm = p * pr.shareO * 0.2 * 2;
  const qM = p * pr.shareM * 2;
  const qU = p * pr.shareU * 2;
  const outbreak = events.outbreaks.get(plan.pupil.formId);
  let illLeft = 0;
  let outLeft = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    const kind = kindAt(d);
    if (kind === KIND_INSET) {
      set(d, '#', '#');
      continue;
    }
    if (kind !== KIND_SCHOOL) continue;
    const wd = weekdayOfDay(d);
    if (illLeft > 0) {
      illLeft--;
      // The last day of an illness sometimes ends at lunchtime (back for the afternoon).
      set(d, 'I', illLeft === 0 && rng.chance(0.1) ? '\\' : 'I');
      continue;
    }
    if (outLeft > 0) {
      outLeft--;
      set(d, 'O', 'O');
      continue;
    }
    const month = civilFromEpochDay(d)[1];
    const boost = outbreak?.has(d) ? 2.5 : 1;
    const u = rng.next();
    const startI = qI * ILL_WEEKDAY[wd]! * ILL_MONTH[month]! * boost;
    const startO = qO * OUT_WEEKDAY[wd]!;
    if (u < startI) {
      illLeft = Math.min(14, Math.floor(-Math.log(1 - rng.next()) * (illLen - 0.5)) + 1) - 1;
      // A sixth of illnesses start at school: sent home at lunchtime.
      set(d, rng.chance(0.16) ? '/' : 'I', 'I');
      continue;
    }
    if (u < startI + startO) {
      outLeft = Math.min(20, Math.floor(-Math.log(1 - rng.next()) * (outLen - 0.5)) + 1) - 1;
      set(d, 'O', 'O');
      continue;
    }
    let am = '/';
    let pm = '\\';
    const r = rng.next();
    if (r < qU * 0.9) am = 'U';
    else if (r < qU * 0.9 + pr.late * (wd === 2 ? 0.7 : wd === 0 ? 1.3 : 1)) am = 'L';
    if (rng.next() < qM * (wd === 2 ? 0.6 : 1)) {
      // Appointments are more often in the afternoon (and Wednesday mornings are kept for school).
      if (rng.chance(wd === 2 ? 0.8 : 0.55)) pm = 'M';
      else am = 'M';
    }
    // Afternoon truancy / early collection: concentrated on Friday afternoons.
    if (pm === '\\' && rng.next() < qOpm * (wd === 4 ? 3.2 : wd === 2 ? 0.8 : 0.4)) pm = 'O';
    set(d, am, pm);
  }

  // ---- planned and special events (applied over the simulated days) ---------------------------
  const pupilDays: number[] = [];
  for (let d = firstDay; d <= lastDay; d++) if (kindAt(d) === KIND_SCHOOL) pupilDays.push(d);
  const inYear = (d: number, y: number) => {
    const fy = tl.yearFirstDay.get(y);
    const ny = tl.yearFirstDay.get(y + 1) ?? Infinity;
    return fy !== undefined && d >= fy && d < ny;
  };
  const yearNumberIn = (y: number) => plan.yearNumber - (tl.year - y);
  const isPresent = (d: number) => {
    const a = get(d, 0);
    return a === '/' || a === 'L' || a === 'U';
  };

  for (let y = plan.firstYear; y <= tl.year; y++) {
    const yn = yearNumberIn(y);
    // Term-time holiday: a block next to a break (the days before a half term or after it).
    if (rng.chance(pr.holiday)) {
      const hts = tl.fullHalfTerms.filter((h) => h.year === y);
      const ht = rng.pick(hts);
      const len = rng.range(3, 10);
      const days = rng.chance(0.6) ? ht.days.slice(-len) : ht.days.slice(0, len);
      for (const d of days) if (d >= firstDay && d <= lastDay) set(d, 'G', 'G');
    }
    // Religious observance on festival days.
    if (plan.faith !== null) {
      for (const f of FESTIVALS[plan.faith]!) {
        const d = toEpochDay(f);
        if (d >= firstDay && d <= lastDay && inYear(d, y) && kindAt(d) === KIND_SCHOOL && rng.chance(0.75)) set(d, 'R', 'R');
      }
    }
    const yearDays = pupilDays.filter((d) => inYear(d, y));
    if (yearDays.length === 0) continue;
    // One-off events are placed on the whole year's days and kept only when they fall by today.
    const wholeYear = tl.fullHalfTerms.filter((h) => h.year === y).flatMap((h) => h.days);
    const onRoll = (d: number) => d >= firstDay && d <= lastDay;
    // Exceptional leave (a funeral, a family emergency), granted by the head.
    if (rng.chance(0.03)) {
      const d = rng.pick(wholeYear);
      if (onRoll(d)) set(d, 'C', rng.chance(0.7) ? 'C' : '\\');
    }
    // Suspension: 1–3 days.
    const ph = size === 'primary' ? PHASE.primary : PHASE.secondary;
    const susp = ph.suspension * (plan.pupil.sen !== 'N' ? 2 : 1) * (plan.pupil.fsm ? 1.5 : 1) * (pr.rate > 0.1 ? 1.5 : 1);
    if (!plan.reserved && rng.chance(susp)) {
      const i = rng.int(wholeYear.length);
      const len = rng.range(1, 3);
      for (const d of wholeYear.slice(i, i + len)) if (onRoll(d)) set(d, 'E', 'E');
    }
    // Secondary extras.
    if (size !== 'primary') {
      // Sports fixtures on Wednesday afternoons for the teams.
      if (rng.chance(0.07)) {
        for (const d of yearDays) if (weekdayOfDay(d) === 2 && isPresent(d) && rng.chance(0.3)) set(d, get(d, 0), 'P');
      }
      // Vocational course at the local college on Thursday afternoons (Years 10–11).
      if (yn >= 10 && rng.chance(0.025)) {
        for (const d of yearDays) if (weekdayOfDay(d) === 3 && isPresent(d)) set(d, get(d, 0), 'B');
      }
      // Work experience: Year 10, the week of 29 June 2026 / 28 June 2027.
      if (yn === 10 && rng.chance(0.88)) {
        const start = toEpochDay(y === 2025 ? '2026-06-29' : '2027-06-28');
        for (let d = start; d < start + 5; d++) if (yearDays.includes(d) && isPresent(d)) set(d, 'W', 'W');
      }
      // Year 11: college interviews (J1) in the autumn and spring; study leave after May half term.
      if (yn === 11) {
        if (rng.chance(0.25)) {
          const cands = wholeYear.filter((d) => civilFromEpochDay(d)[1] >= 10 || civilFromEpochDay(d)[1] <= 3);
          if (cands.length > 0) {
            const d = rng.pick(cands);
            // Half a day out for the interview, morning or afternoon.
            if (onRoll(d) && isPresent(d)) {
              if (rng.chance(0.5)) set(d, 'J1', get(d, 1));
              else set(d, get(d, 0), 'J1');
            }
          }
        }
        if (rng.chance(0.8)) {
          const from = toEpochDay(y === 2025 ? '2026-06-01' : '2027-06-08');
          const to = toEpochDay(y === 2025 ? '2026-06-26' : '2027-06-25');
          for (const d of yearDays) if (d >= from && d <= to && isPresent(d)) set(d, 'S', 'S');
        }
      }
    }
  }

  // Form events: trips (V for those in school) and the burst pipe (Y3 for the whole form).
  const formDays = events.formDays.get(plan.pupil.formId);
  if (formDays) {
    for (const [d, code] of formDays) {
      if (d < firstDay || d > lastDay) continue;
      if (code === 'Y3') set(d, 'Y3', 'Y3');
      else if (isPresent(d)) set(d, code, code);
    }
  }
  // The snow day: pupils from the villages cannot get in (Y2: widespread disruption to travel).
  if (events.snowDay !== null && events.snowDay >= firstDay && !plan.reserved && rng.chance(0.07)) {
    set(events.snowDay, 'Y2', 'Y2');
  }
  // EHCP pupils with home-to-school transport: the occasional day the taxi does not come (Y1).
  if (plan.pupil.sen === 'E' && !plan.reserved && rng.chance(0.35) && pupilDays.length > 0) {
    const d = rng.pick(pupilDays);
    set(d, 'Y1', 'Y1');
  }

  // ---- N: recent absences whose reason has not come in yet, and a few old unresolved ones -----
  const recentFrom = tl.schoolDays[Math.max(0, tl.schoolDays.length - 5)] ?? lastDay;
  for (const d of pupilDays) {
    // Decided per day: a parent who has not rung in leaves the whole day unexplained.
    const am = get(d, 0);
    const pm = get(d, 1);
    const absentCode = am === 'I' || am === 'O' ? am : pm === 'I' || pm === 'O' ? pm : null;
    if (absentCode === null) continue;
    const recent = d >= recentFrom && rng.chance(absentCode === 'O' ? 0.8 : 0.45);
    const stale = !recent && absentCode === 'O' && rng.chance(0.02);
    if (!recent && !stale) continue;
    if (am === 'I' || am === 'O') set(d, 'N', get(d, 1));
    if (pm === 'I' || pm === 'O') set(d, get(d, 0), 'N');
  }

  // ---- roll: Z before admission and after leaving ---------------------------------------------
  if (plan.admissionDay !== null) {
    for (let d = firstDay; d < plan.admissionDay; d++) if (kindAt(d) === KIND_SCHOOL) set(d, 'Z', 'Z');
  }
  if (plan.leavingDay !== null) {
    for (let d = plan.leavingDay + 1; d <= lastDay; d++) if (kindAt(d) === KIND_SCHOOL) set(d, 'Z', 'Z');
  }
  return { firstKey: firstDay * 2, codes };
}
