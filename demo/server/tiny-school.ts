// A small hand-made school for the demo MIS's own tests (and for anyone who needs a school without the
// generator): two forms, 32 + 3 pupils, autumn term 2026 up to Friday 20 November 2026, with a few
// known marks the tests look for. Patterns are simple on purpose so expectations can be worked by hand.
import type { PupilHistory } from '../../engine/types.ts';
import type { DemoForm, DemoPupil, DemoSchool } from '../types.ts';
import { epochDayOf, isoOfEpochDay, sessionKeyOf, weekdayOfEpochDay } from './dates.ts';

const FORENAMES = ['Amelia', 'Noah', 'Isla', 'Oliver', 'Ava', 'George', 'Mia', 'Arthur', 'Freya', 'Leo', 'Lily', 'Muhammad'];
const SURNAMES = ['Adams', 'Begum', 'Clarke', 'Davies', 'Evans', 'Fletcher', 'Green', 'Hussain', 'Iqbal', 'Jones', "O'Brien"];

export const TINY_TODAY = '2026-11-20';
/** Known marks: pupil 1001 has N on Tue 17 Nov PM and C2 on Wed 18 Nov AM; 1002 has no mark Thu 19 Nov AM; 1003 has Y4 Mon 16 Nov AM. */
export function tinySchool(): DemoSchool {
  const forms: DemoForm[] = [
    { id: '11', name: 'Year 4 Oak', yearGroup: '4', teacher: 'Mrs K. Patel' },
    { id: '12', name: 'Year 4 Elm', yearGroup: '4', teacher: 'Mr D. Owusu' },
  ];
  const pupils: DemoPupil[] = [];
  for (let i = 0; i < 35; i++) {
    const id = String(1001 + i);
    pupils.push({
      id,
      upn: `A8231000${String(100 + i).padStart(5, '0')}`.slice(0, 13),
      forename: FORENAMES[i % FORENAMES.length] as string,
      // The last pupil's name carries markup, to prove every page escapes text.
      surname: i === 31 ? 'Ng <b>&amp;</b>' : `${SURNAMES[i % SURNAMES.length] as string}${i >= SURNAMES.length ? '-' + String.fromCharCode(65 + (i % 26)) : ''}`,
      dateOfBirth: `2017-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      sex: i % 2 === 0 ? 'F' : 'M',
      yearGroup: '4',
      formId: i < 32 ? '11' : '12',
      sen: i % 9 === 0 ? 'K' : i === 5 ? 'E' : 'N',
      fsm: i % 4 === 0,
      pp: i % 4 === 0 || i % 7 === 0,
      socialWorker: i === 6,
      address: `${i + 1} Station Road, Leeds LS${(i % 9) + 1} 4AB`,
    });
  }
  const first = epochDayOf('2026-09-01') as number;
  const today = epochDayOf(TINY_TODAY) as number;
  const inset = ['2026-09-01', '2026-09-02'];
  const halfTerm = new Set(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30']);
  const histories = new Map<string, PupilHistory>();
  pupils.forEach((p, i) => {
    const codes: string[] = [];
    let n = 0;
    for (let d = first; d <= today; d++) {
      const iso = isoOfEpochDay(d);
      if (weekdayOfEpochDay(d) > 4 || halfTerm.has(iso)) {
        codes.push('', '');
        continue;
      }
      if (inset.includes(iso)) {
        codes.push('#', '#');
        continue;
      }
      n++;
      if ((i + n) % 17 === 0) codes.push('I', 'I');
      else codes.push((i * 3 + n) % 29 === 0 ? 'L' : '/', '\\');
    }
    const set = (iso: string, half: 'AM' | 'PM', code: string) => {
      codes[sessionKeyOf(epochDayOf(iso) as number, half) - first * 2] = code;
    };
    if (p.id === '1001') {
      set('2026-11-17', 'PM', 'N');
      set('2026-11-18', 'AM', 'C2');
    }
    if (p.id === '1002') set('2026-11-19', 'AM', '');
    if (p.id === '1003') set('2026-11-16', 'AM', 'Y4');
    histories.set(p.id, { pupilId: p.id, name: `${p.forename} ${p.surname}`, firstKey: first * 2, codes });
  });
  return {
    name: 'Riverside Primary School',
    size: 'primary',
    seed: 0,
    today: TINY_TODAY,
    forms,
    pupils,
    histories,
    insetDays: inset,
  };
}
