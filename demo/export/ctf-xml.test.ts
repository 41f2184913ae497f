import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toEpochDay } from '../../engine/dates.ts';
import { epnWindow } from '../../engine/epn-window.ts';
import { NATIONAL_EPN } from '../../engine/policy/presets/national.ts';
import { parseExport } from '../../engine/formats/parse-export.ts';
import { pupilMeasures } from '../../engine/pupil-measures.ts';
import { schoolCalendar } from '../../engine/school-calendar.ts';
import type { PupilHistory } from '../../engine/types.ts';
import { generateSchool } from '../generate/generate-school.ts';
import type { DemoSchool } from '../types.ts';
import { ctfMarkChar, schoolToCtfXml } from './ctf-xml.ts';

function tinySchool(): DemoSchool {
  const mon = toEpochDay('2026-11-16') * 2;
  const pupil = (id: string, upn: string, surname: string) => ({
    id,
    upn,
    forename: 'Sam',
    surname,
    dateOfBirth: '2018-01-01',
    sex: 'M' as const,
    yearGroup: '3',
    formId: 'f1',
    sen: 'N' as const,
    fsm: false,
    pp: false,
    socialWorker: false,
    address: '1 High Street',
  });
  return {
    name: 'Smith & <Jones> School',
    size: 'primary',
    seed: 0,
    today: '2026-11-20',
    forms: [{ id: 'f1', name: 'Oak', yearGroup: '3', teacher: 'Mr A' }],
    pupils: [pupil('1', 'A123456789012', 'Lee & <Co>'), pupil('2', 'B123456789012', 'Ng')],
    histories: new Map<string, PupilHistory>([
      // Mon / \ ; Tue C2 Y3 ; Wed (no mark) J1 ; Thu # # ; Fri L O
      ['1', { pupilId: '1', name: '', firstKey: mon, codes: ['/', '\\', 'C2', 'Y3', '', 'J1', '#', '#', 'L', 'O'] }],
      // Pupil 2 is marked on Wednesday morning, so that session is a school session and pupil 1's
      // blank there is "no mark" (a space), not a closure (domain.md §1).
      ['2', { pupilId: '2', name: '', firstKey: mon, codes: ['I', 'I', '/', '\\', '/', '\\'] }],
    ]),
    insetDays: ['2026-11-19'],
  };
}

describe('schoolToCtfXml', () => {
  it('maps multi-character codes to the single character of the same category, and refuses others', () => {
    expect(ctfMarkChar('C1', 'x')).toBe('C');
    expect(ctfMarkChar('C2', 'x')).toBe('C');
    expect(ctfMarkChar('J1', 'x')).toBe('C');
    for (let i = 1; i <= 7; i++) expect(ctfMarkChar(`Y${i}`, 'x')).toBe('Y');
    expect(ctfMarkChar('\\', 'x')).toBe('\\');
    expect(() => ctfMarkChar('I_F', 'pupil 9 2026-11-16 AM')).toThrow(/pupil 9 2026-11-16 AM: code "I_F"/);
  });

  it('writes well-formed, escaped XML with one character per session from the start date', () => {
    const xml = schoolToCtfXml(tinySchool());
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<SchoolName>Smith &amp; &lt;Jones&gt; School</SchoolName>');
    const doc = new XMLParser({ parseTagValue: false, trimValues: false, isArray: (t) => t === 'Pupil' || t === 'YearData' }).parse(xml);
    const pupils = doc.CTfile.CTFpupilData.Pupil;
    expect(pupils).toHaveLength(2);
    expect(pupils[0].UPN).toBe('A123456789012');
    expect(pupils[0].Surname).toBe('Lee & <Co>');
    const yd = pupils[0].Attendance.YearData;
    expect(yd).toHaveLength(1);
    expect(yd[0].AttendSessions.AttendanceStartDate).toBe('2026-11-16');
    expect(yd[0].AttendSessions.AttendanceMarks).toBe('/\\CY C##LO');
    // Possible: / \ C(C2) J1 L O = 6 (Y3 and the blank are not possible; # is not).
    expect(yd[0].SessionsPossible).toBe('6');
    expect(yd[0].SessionsAttended).toBe('3');
    expect(yd[0].SessionsAuthorised).toBe('2');
    expect(yd[0].SessionsUnauthorised).toBe('1');
    expect(pupils[1].Attendance.YearData[0].AttendSessions.AttendanceMarks).toBe('II/\\/\\');
  });

  it('the generated school parses back through the report command, ids are UPNs, and every measure equals the marks CSV one', () => {
    const school = generateSchool({ size: 'primary' });
    const xml = schoolToCtfXml(school);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parseExport(xml, 'ctf.xml');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.format).toBe('ctf');
    expect(parsed.histories.map((h) => h.pupilId)).toEqual(school.pupils.map((p) => p.upn));
    // One YearData per academic year with marks: two for pupils on roll since 2025/26.
    const years = [...xml.matchAll(/<Pupil>[\s\S]*?<\/Pupil>/g)].map((m) => (m[0].match(/<YearData>/g) ?? []).length);
    expect(years.filter((n) => n === 2).length).toBeGreaterThan(100);
    expect(years.filter((n) => n === 1).length).toBeGreaterThan(20);

    const original = [...school.histories.values()];
    const calA = schoolCalendar(original, school.today);
    const calB = schoolCalendar(parsed.histories, school.today);
    expect(calB.schoolSessionsYtd).toBe(calA.schoolSessionsYtd);
    expect(calB.schoolWeeksYtd).toBe(calA.schoolWeeksYtd);
    school.pupils.forEach((p, i) => {
      const a = pupilMeasures(school.histories.get(p.id)!, calA);
      const b = pupilMeasures(parsed.histories[i]!, calB);
      expect({ id: p.id, possible: b.possible, attended: b.attended, authorised: b.authorised, unauthorised: b.unauthorised }).toEqual({
        id: p.id,
        possible: a.possible,
        attended: a.attended,
        authorised: a.authorised,
        unauthorised: a.unauthorised,
      });
      expect(epnWindow(parsed.histories[i]!, calB, NATIONAL_EPN).currentSessions).toBe(
        epnWindow(school.histories.get(p.id)!, calA, NATIONAL_EPN).currentSessions,
      );
    });
  });
});
