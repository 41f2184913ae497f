// The demo MIS's Common Transfer File export (DfE CTF XML), in the shape the report command reads
// (engine/formats/ctf.ts):
//
//   <CTfile><Header>…</Header><CTFpupilData><Pupil><UPN/><Surname/><Forename/><DOB/><Sex/>…
//     <Attendance><YearData><YearTaught/><SessionsPossible/>…<AttendSessions>
//       <AttendanceStartDate>YYYY-MM-DD</AttendanceStartDate>
//       <AttendanceMarks>one character per session, AM then PM, for every calendar date</AttendanceMarks>
//     </AttendSessions></YearData>…</Attendance></Pupil>…
//
// One YearData per academic year (1 Aug – 31 Jul) in which the pupil has marks, from the pupil's
// first marked day in that year to the last. Saturdays, Sundays, holidays and bank holidays are `#`
// (domain.md §8.13); a school session with no mark for the pupil is a space (no mark).
//
// DECISIONS the lead must reconcile:
// - Pupil id: a CTF identifies a pupil by UPN (domain.md §8.13), so the pupil id the report command
//   sees from this file is the UPN — NOT the MIS id used by the demo's pages and by the marks CSV
//   export (marks-csv.ts). The demo's exports use the MIS's own ids; a CTF has no field for a
//   local id that the report command reads, so this export follows the DfE format and the spec.
// - Multi-character codes: the CTF marks string has room for one character per session, but the
//   2024 codes C1, C2, J1 and Y1–Y7 have two. There is no lossless choice. This export writes the
//   single character that keeps the code's statistical category, so every measure (attendance %,
//   PA, SA, EPN counts, returns) computed from the CTF equals the one from the marks CSV:
//     C1, C2, J1 → `C` (authorised absence, like all three)
//     Y1–Y7     → `Y` (the withdrawn "unable to attend" code: not counted, domain.md §2, §8.9)
//   (`J` is NOT used for J1: the withdrawn J was an approved activity, which would turn an
//   authorised absence into attendance.) The exact code survives only in the marks CSV, and an
//   engine reading this file will flag `Y` as a legacy code. Any other code longer than one
//   character is refused with an error naming the pupil and date, never silently shortened.
// - <DateTime> in the header is `today` at 16:00, not the clock, so the file is deterministic.

import { academicYearStart, fromEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import { codeInfo } from '../../engine/codes.ts';
import type { PupilHistory } from '../../engine/types.ts';
import type { DemoPupil, DemoSchool } from '../types.ts';

const CTF_SINGLE: Record<string, string> = { C1: 'C', C2: 'C', J1: 'C', Y1: 'Y', Y2: 'Y', Y3: 'Y', Y4: 'Y', Y5: 'Y', Y6: 'Y', Y7: 'Y' };

/** The single CTF character for a statutory code (see the decision above). */
export function ctfMarkChar(code: string, where: string): string {
  if (code.length === 1) return code;
  const c = CTF_SINGLE[code];
  if (c === undefined) throw new Error(`schoolToCtfXml: ${where}: code ${JSON.stringify(code)} has no single-character CTF form`);
  return c;
}

function xml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}

/** The year group a pupil was in during an earlier academic year (R → N2 is never needed here). */
function yearTaught(p: DemoPupil, yearsBack: number): string {
  if (yearsBack === 0) return p.yearGroup;
  const n = p.yearGroup === 'R' ? 0 : Number(p.yearGroup);
  if (!Number.isInteger(n)) return p.yearGroup;
  const m = n - yearsBack;
  return m === 0 ? 'R' : m < 0 ? 'N' : String(m);
}

/** School sessions per domain.md §1 / §8.6: weekday sessions with any mark other than `#` or `-`. */
function schoolSessions(histories: Iterable<PupilHistory>): Set<number> {
  const set = new Set<number>();
  for (const h of histories) {
    for (let i = 0; i < h.codes.length; i++) {
      const c = h.codes[i]!;
      if (c === '' || c === '#' || c === '-') continue;
      set.add(h.firstKey + i);
    }
  }
  return set;
}

export function schoolToCtfXml(school: DemoSchool): string {
  const todayYear = Number(academicYearStart(school.today).slice(0, 4));
  const open = schoolSessions(school.histories.values());
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n<CTfile>\n');
  out.push(
    '  <Header>\n' +
      '    <DocumentName>Common Transfer File</DocumentName>\n' +
      '    <CTFversion>25.0</CTFversion>\n' +
      `    <DateTime>${school.today}T16:00:00</DateTime>\n` +
      '    <DocumentQualifier>partial</DocumentQualifier>\n' +
      '    <SupplierID>Demo MIS</SupplierID>\n' +
      '    <SourceSchool>\n' +
      '      <LEA>999</LEA>\n' +
      `      <SchoolName>${xml(school.name)}</SchoolName>\n` +
      `      <AcademicYear>${todayYear}</AcademicYear>\n` +
      '    </SourceSchool>\n' +
      '    <DestSchool>\n      <LEA>999</LEA>\n    </DestSchool>\n' +
      '  </Header>\n  <CTFpupilData>\n',
  );
  for (const p of school.pupils) {
    const h = school.histories.get(p.id);
    out.push(
      '    <Pupil>\n' +
        `      <UPN>${xml(p.upn)}</UPN>\n` +
        `      <Surname>${xml(p.surname)}</Surname>\n` +
        `      <Forename>${xml(p.forename)}</Forename>\n` +
        `      <DOB>${xml(p.dateOfBirth)}</DOB>\n` +
        `      <Sex>${p.sex}</Sex>\n`,
    );
    // Group the pupil's marked weekday sessions by academic year.
    const years = new Map<number, { first: number; last: number }>();
    if (h) {
      for (let i = 0; i < h.codes.length; i++) {
        const c = h.codes[i]!;
        const key = h.firstKey + i;
        if (c === '' || weekdayOfDay(key >> 1) >= 5) continue;
        const y = Number(academicYearStart(fromEpochDay(key >> 1)).slice(0, 4));
        const r = years.get(y);
        if (r === undefined) years.set(y, { first: key >> 1, last: key >> 1 });
        else r.last = key >> 1;
      }
    }
    if (h && years.size > 0) {
      out.push('      <Attendance>\n');
      for (const [y, { first, last }] of [...years].sort((a, b) => a[0] - b[0])) {
        let possible = 0;
        let attended = 0;
        let authorised = 0;
        let unauthorised = 0;
        const chars: string[] = [];
        for (let d = first; d <= last; d++) {
          for (let half = 0; half < 2; half++) {
            const key = d * 2 + half;
            const code = h.codes[key - h.firstKey] ?? '';
            if (weekdayOfDay(d) >= 5) {
              chars.push('#');
              continue;
            }
            if (code === '') {
              chars.push(open.has(key) ? ' ' : '#');
              continue;
            }
            chars.push(ctfMarkChar(code, `pupil ${p.id} (${p.upn}) ${fromEpochDay(d)} ${half === 0 ? 'AM' : 'PM'}`));
            const info = codeInfo(code);
            if (!info.possible) continue;
            possible++;
            if (info.category === 'present' || info.category === 'aea') attended++;
            else if (info.category === 'authorised') authorised++;
            else unauthorised++;
          }
        }
        out.push(
          '        <YearData>\n' +
            `          <YearTaught>${xml(yearTaught(p, todayYear - y))}</YearTaught>\n` +
            `          <SessionsPossible>${possible}</SessionsPossible>\n` +
            `          <SessionsAuthorised>${authorised}</SessionsAuthorised>\n` +
            `          <SessionsAttended>${attended}</SessionsAttended>\n` +
            `          <SessionsUnauthorised>${unauthorised}</SessionsUnauthorised>\n` +
            '          <AttendSessions>\n' +
            `            <AttendanceStartDate>${fromEpochDay(first)}</AttendanceStartDate>\n` +
            `            <AttendanceMarks>${xml(chars.join(''))}</AttendanceMarks>\n` +
            '          </AttendSessions>\n' +
            '        </YearData>\n',
        );
      }
      out.push('      </Attendance>\n');
    }
    out.push('    </Pupil>\n');
  }
  out.push('  </CTFpupilData>\n</CTfile>\n');
  return out.join('');
}
