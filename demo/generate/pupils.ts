// The demo school's roll: forms (classes / tutor groups) and pupils with the attributes an MIS shows
// (year group, form, sex, SEN status, FSM, pupil premium, social worker, address, UPN), plus the
// facts the mark simulation needs (when each pupil joined or left, faith festivals observed).
//
// Shapes:
// - primary (~280): R, 1, 2 one class of 30 each (the infant class-size limit is 30); years 3–6 have
//   48 pupils each in three classes of 32 per pair of years: one single-year class for each year
//   and a mixed class (3/4, 5/6) of 16 + 16 — a common shape for a school that grew at Key Stage 2.
// - secondary (1,050): years 7–11 × 7 tutor groups of 30, named by house initial (7B, 7C, …).
// - large (2,000): years 7–11 × 400 in 13 tutor groups (7A–7M) of 30–31.
// Rates of SEN support (K ≈ 13%), EHCP (E ≈ 3%), FSM (≈ 25%) and pupil premium follow DfE
// "Special educational needs in England" and "Schools, pupils and their characteristics" 2024/25.

import { fromEpochDay, toEpochDay } from '../../engine/dates.ts';
import type { DemoForm, DemoPupil, SchoolSize } from '../types.ts';
import { calendar, dayKind } from './calendar.ts';
import { names } from './names.ts';
import type { Random } from './random.ts';

export type Faith = 'muslim' | 'hindu' | 'sikh' | 'jewish' | null;

/** A pupil plus what the mark simulation needs to know about them. */
export interface PupilPlan {
  pupil: DemoPupil;
  /** Year group as a number at today's academic year: R = 0, then 1–11. */
  yearNumber: number;
  /** Academic year (start calendar year) of the pupil's first session on roll. */
  firstYear: number;
  /** Epoch day of an in-year admission (Z before it in that year), or null. */
  admissionDay: number | null;
  /** Epoch day of the last day on roll for a leaver, or null. */
  leavingDay: number | null;
  faith: Faith;
  /** Kept free of special arrangements (D, C2, leaving…): reserved for a boundary pupil. */
  reserved: boolean;
}

export interface Roll {
  forms: DemoForm[];
  plans: PupilPlan[];
  /** Pupils of forms[0] reserved for boundary construction, in order. */
  reservedCount: number;
}

interface FormSpec {
  name: string;
  /** Year numbers and how many pupils of each. */
  intake: [number, number][];
}

const HOUSES = ['B', 'C', 'D', 'F', 'H', 'N', 'T'] as const; // Brunel, Curie, Darwin, Franklin, Hawking, Nightingale, Turing
const LARGE_FORMS = 'ABCDEFGHIJKLM'.split('');

function formSpecs(size: SchoolSize): FormSpec[] {
  if (size === 'primary') {
    return [
      { name: 'Reception Robins', intake: [[0, 30]] },
      { name: 'Year 1 Wrens', intake: [[1, 30]] },
      { name: 'Year 2 Kingfishers', intake: [[2, 30]] },
      { name: 'Year 3 Ash', intake: [[3, 32]] },
      { name: 'Years 3/4 Beech', intake: [[3, 16], [4, 16]] },
      { name: 'Year 4 Cedar', intake: [[4, 32]] },
      { name: 'Year 5 Hazel', intake: [[5, 32]] },
      { name: 'Years 5/6 Maple', intake: [[5, 16], [6, 16]] },
      { name: 'Year 6 Oak', intake: [[6, 32]] },
    ];
  }
  const specs: FormSpec[] = [];
  for (let y = 7; y <= 11; y++) {
    if (size === 'secondary') {
      for (const h of HOUSES) specs.push({ name: `${y}${h}`, intake: [[y, 30]] });
    } else {
      LARGE_FORMS.forEach((l, i) => specs.push({ name: `${y}${l}`, intake: [[y, i < 10 ? 31 : 30]] }));
    }
  }
  return specs;
}

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** A UPN with its DfE check letter: weights 2–13 on the 12 digits, sum mod 23 ("A guide to UPNs"). */
export function upnWithCheck(digits12: string): string {
  if (!/^\d{12}$/.test(digits12)) throw new Error(`upnWithCheck: ${digits12} is not 12 digits`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits12[i]) * (i + 2);
  return UPN_LETTERS[sum % 23] + digits12;
}

function yearLabel(n: number): string {
  return n === 0 ? 'R' : String(n);
}

const TITLES = ['Mrs', 'Mr', 'Miss', 'Ms', 'Mr', 'Mrs', 'Dr'] as const;

/** Builds the roll for `today`'s academic year `year` (2025 or 2026). */
export function pupils(size: SchoolSize, rng: Random, year: number, todayDay: number): Roll {
  const specs = formSpecs(size);
  const secondary = size !== 'primary';
  const establishment = size === 'primary' ? '2041' : size === 'secondary' ? '4012' : '4037';
  const la = '999'; // not a real local-authority number: this school does not exist
  const forms: DemoForm[] = [];
  const plans: PupilPlan[] = [];
  const usedUpn = new Set<string>();
  const usedNames = new Set<string>();

  specs.forEach((spec, fi) => {
    const teacherSurname = rng.pick(names.surnames);
    const form: DemoForm = {
      id: String(fi + 1),
      name: spec.name,
      yearGroup: spec.intake.map(([y]) => yearLabel(y)).join('/'),
      teacher: `${rng.pick(TITLES)} ${teacherSurname}`,
    };
    forms.push(form);
    for (const [yearNumber, count] of spec.intake) {
      for (let i = 0; i < count; i++) {
        const sex: 'F' | 'M' = rng.chance(0.49) ? 'F' : 'M';
        let forename = '';
        let surname = '';
        for (let tries = 0; tries < 20; tries++) {
          forename = rng.pick(sex === 'F' ? names.female : names.male);
          surname = rng.pick(names.surnames);
          if (!usedNames.has(`${forename} ${surname}`)) break;
        }
        usedNames.add(`${forename} ${surname}`);

        // Born in the school year that puts them in this year group (1 Sep – 31 Aug).
        const bornFrom = toEpochDay(`${year - 5 - yearNumber}-09-01`);
        const dateOfBirth = fromEpochDay(bornFrom + rng.int(365));

        const entryYear = secondary ? 7 : 0;
        // First academic year on roll: the data start in 2025/26; the current intake year joined this year.
        const firstYear = Math.max(2025, year - (yearNumber - entryYear));

        const sen: 'N' | 'K' | 'E' = rng.chance(0.03) ? 'E' : rng.chance(0.135) ? 'K' : 'N';
        const fsm = rng.chance(sen === 'N' ? 0.23 : 0.36);
        const pp = fsm || rng.chance(0.06); // ever-6 FSM, looked after, service children
        const socialWorker = rng.chance(fsm ? 0.07 : 0.015);
        const street = rng.pick(names.streets);
        const address = `${rng.range(1, 140)} ${street}, ${names.town} ${names.postcodeArea}${rng.range(1, 9)} ${rng.range(1, 9)}${rng.pick(
          UPN_LETTERS.split(''),
        )}${rng.pick(UPN_LETTERS.split(''))}`;

        // UPN: allocated when the pupil first entered school (Reception year); pupils who joined from
        // another school keep the UPN their first school gave them (another LA, another establishment).
        let upn = '';
        const allocYear = (year - yearNumber) % 100;
        for (;;) {
          const fromHere = !secondary && rng.chance(0.85);
          const laCode = fromHere ? la : String(rng.range(201, 938));
          const est = fromHere ? establishment : String(rng.range(2000, 2999));
          upn = upnWithCheck(`${laCode}${est}${String(allocYear).padStart(2, '0')}${String(rng.int(1000)).padStart(3, '0')}`);
          if (!usedUpn.has(upn)) break;
        }
        usedUpn.add(upn);

        let faith: Faith = null;
        const muslimNames = ['Khan', 'Hussain', 'Ahmed', 'Ali', 'Begum', 'Rahman', 'Akhtar', 'Iqbal', 'Shah', 'Mahmood', 'Choudhury', 'Islam', 'Hassan', 'Mohamed', 'Abdi', 'Farah', 'Yilmaz', 'Demir'];
        const indianNames = ['Patel', 'Sharma', 'Mistry', 'Chauhan'];
        const sikhNames = ['Singh', 'Kaur', 'Gill'];
        if (muslimNames.includes(surname) && rng.chance(0.85)) faith = 'muslim';
        else if (indianNames.includes(surname) && rng.chance(0.8)) faith = 'hindu';
        else if (sikhNames.includes(surname) && rng.chance(0.8)) faith = 'sikh';
        else if (rng.chance(0.006)) faith = 'jewish';

        const pupil: DemoPupil = {
          id: '', // assigned below, once the roll is complete
          upn,
          forename,
          surname,
          dateOfBirth,
          sex,
          yearGroup: yearLabel(yearNumber),
          formId: form.id,
          sen,
          fsm,
          pp,
          socialWorker,
          address,
        };
        plans.push({ pupil, yearNumber, firstYear, admissionDay: null, leavingDay: null, faith, reserved: false });
      }
    }
  });

  // Boundary pupils come from the first form (see boundary-pupils.ts): reserve its first 8.
  let reservedCount = 0;
  for (const p of plans) {
    if (p.pupil.formId !== forms[0]!.id || reservedCount >= 8) continue;
    p.reserved = true;
    reservedCount++;
  }

  // MIS ids follow admission order, not the alphabet: a shuffled block of numbers from 1001.
  const ids = plans.map((_, i) => 1001 + i);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  plans.forEach((p, i) => {
    p.pupil.id = String(ids[i]);
  });

  // In-year joiners (about 3% a year: DfE in-year admissions) and leavers during this year (about
  // 1.5% so far). Leavers stay listed with their leaving date, as an MIS shows them until the year
  // is closed; later sessions are `Z` (see marks.ts).
  for (const p of plans) {
    if (p.reserved) continue;
    if (rng.chance(0.03 * (year - p.firstYear + 1))) {
      const joinYear = rng.range(p.firstYear, year);
      const days = schoolDaysOf(joinYear, todayDay).slice(5); // not the first week: that is a normal start
      if (days.length > 0) {
        const day = rng.pick(days);
        p.firstYear = joinYear;
        p.admissionDay = day;
        p.pupil.admissionDate = fromEpochDay(day);
      }
    } else if (rng.chance(0.015)) {
      const days = schoolDaysOf(year, todayDay).slice(5, -3);
      if (days.length > 0) {
        const day = rng.pick(days);
        p.leavingDay = day;
        p.pupil.leavingDate = fromEpochDay(day);
      }
    }
  }
  return { forms, plans, reservedCount };
}

/** Pupil days (open, not INSET) of academic year `year` up to and including `todayDay`. */
export function schoolDaysOf(year: number, todayDay: number): number[] {
  const out: number[] = [];
  const terms = calendar(year).halfTerms;
  const first = toEpochDay(terms[0]!.start);
  const last = Math.min(todayDay, toEpochDay(terms[terms.length - 1]!.end));
  for (let d = first; d <= last; d++) if (dayKind(d) === 'school') out.push(d);
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Lists in form order, then surname, forename (as an MIS lists a class). */
export function sortPlans(plans: PupilPlan[], forms: DemoForm[]): PupilPlan[] {
  const order = new Map(forms.map((f, i) => [f.id, i]));
  return [...plans].sort(
    (a, b) =>
      order.get(a.pupil.formId)! - order.get(b.pupil.formId)! ||
      cmp(a.pupil.surname, b.pupil.surname) ||
      cmp(a.pupil.forename, b.pupil.forename) ||
      cmp(a.pupil.id, b.pupil.id),
  );
}

