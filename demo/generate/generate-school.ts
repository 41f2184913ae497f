// The demo school: a deterministic, realistic English school with marks from the first day of
// 2025/26 to `today`. Same (size, seed, today) → the same school, byte for byte: all
// randomness comes from one seeded generator (random.ts) and nothing reads the clock.

import { isValidIsoDate, toEpochDay } from '../../engine/dates.ts';
import type { IsoDate, PupilHistory } from '../../engine/types.ts';
import type { DemoSchool, SchoolSize } from '../types.ts';
import { arrangements, type Planned } from './arrangements.ts';
import { boundaryPupils } from './boundary-pupils.ts';
import { marks, type SchoolEvents } from './marks.ts';
import { pupils, sortPlans } from './pupils.ts';
import { random } from './random.ts';
import { timeline } from './timeline.ts';

export const DEFAULT_SEED = 20260901;
/** A Friday in the second half of the autumn term 2026: 2025/26 complete, 2026/27 to date. */
export const DEFAULT_TODAY: IsoDate = '2026-11-20';

export interface GenerateOptions {
  size?: SchoolSize;
  seed?: number;
  today?: IsoDate;
}

const SCHOOL_NAMES: Record<SchoolSize, string> = {
  primary: 'Ashbrook Primary School',
  secondary: 'Ashbrook Academy',
  large: 'Ashbrook Park School',
};

export function generateSchool(opts: GenerateOptions = {}): DemoSchool {
  const size = opts.size ?? 'primary';
  const seed = opts.seed ?? DEFAULT_SEED;
  const today = opts.today ?? DEFAULT_TODAY;
  if (size !== 'primary' && size !== 'secondary' && size !== 'large') {
    throw new Error(`generateSchool: size ${JSON.stringify(size)} is not primary, secondary or large`);
  }
  if (!Number.isInteger(seed)) throw new Error(`generateSchool: seed ${seed} is not an integer`);
  if (!isValidIsoDate(today)) throw new Error(`generateSchool: today ${JSON.stringify(today)} is not a real YYYY-MM-DD date`);

  const tl = timeline(today);
  const rng = random(seed);
  const roll = pupils(size, rng.fork('roll'), tl.year, tl.todayDay);

  // School-wide and per-form events.
  const eventsRng = rng.fork('events');
  const events: SchoolEvents = { formDays: new Map(), outbreaks: new Map(), snowDay: null };
  const snow = toEpochDay('2026-01-08');
  if (snow <= tl.todayDay) events.snowDay = snow;
  roll.forms.forEach((form, fi) => {
    const days = new Map<number, string>();
    const outbreak = new Set<number>();
    for (let y = 2025; y <= tl.year; y++) {
      // Drawn over the whole year (fullHalfTerms) and applied only up to today, like every planned event.
      const yearDays = tl.fullHalfTerms.filter((h) => h.year === y).flatMap((h) => h.days);
      // One trip a year (V): summer term for a primary class, any time for a tutor group.
      const tripDays = size === 'primary' ? yearDays.filter((d) => d >= toEpochDay(`${y + 1}-04-13`)) : yearDays;
      if (tripDays.length > 0) days.set(eventsRng.pick(tripDays), 'V');
      // An illness outbreak (norovirus, flu) of two school weeks between November and February.
      const winter = yearDays.filter((d) => d >= toEpochDay(`${y}-11-01`) && d <= toEpochDay(`${y + 1}-02-28`));
      if (winter.length > 0) {
        const i = eventsRng.int(winter.length);
        for (const d of winter.slice(i, i + 10)) outbreak.add(d);
      }
    }
    // A burst pipe closed one classroom for a day (Y3: part of the premises closed).
    const pipe = toEpochDay('2026-03-11');
    if (fi === 2 && pipe <= tl.todayDay) days.set(pipe, 'Y3');
    events.formDays.set(form.id, days);
    events.outbreaks.set(form.id, outbreak);
  });

  const marksRng = rng.fork('marks');
  const planned: Planned[] = roll.plans.map((plan) => ({ plan, result: marks(plan, size, tl, events, marksRng.fork(plan.pupil.id)) }));
  arrangements(planned, tl, rng.fork('arrangements'));
  boundaryPupils(planned.filter((x) => x.plan.reserved), tl);

  const sorted = sortPlans(planned.map((x) => x.plan), roll.forms);
  const byPlan = new Map(planned.map((x) => [x.plan, x.result]));
  const formName = new Map(roll.forms.map((f) => [f.id, f.name]));
  const histories = new Map<string, PupilHistory>();
  for (const plan of sorted) {
    const p = plan.pupil;
    const r = byPlan.get(plan)!;
    histories.set(p.id, {
      pupilId: p.id,
      name: `${p.forename} ${p.surname}`,
      attributes: {
        upn: p.upn,
        yearGroup: p.yearGroup,
        className: formName.get(p.formId)!,
        sex: p.sex,
        sen: p.sen,
        fsm: p.fsm,
        pp: p.pp,
        socialWorker: p.socialWorker,
      },
      firstKey: r.firstKey,
      codes: r.codes,
    });
  }
  return {
    name: SCHOOL_NAMES[size],
    size,
    seed,
    today,
    forms: roll.forms,
    pupils: sorted.map((x) => x.pupil),
    histories,
    insetDays: tl.insetDays,
  };
}
