import { describe, expect, it } from 'vitest';
import { ctf } from './ctf.ts';
import type { ImportedPupil } from './imported.ts';

interface P {
  upn?: string;
  forename?: string;
  surname?: string;
  years: { start: string; marks: string }[];
}
/** A minimal CTF in the DfE layout, one element per line so line numbers are predictable. */
function ctfXml(pupils: P[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<CTfile>', '<Header><DocumentName>Common Transfer File</DocumentName></Header>', '<CTFpupilData>'];
  for (const p of pupils) {
    lines.push('<Pupil>');
    if (p.upn !== undefined) lines.push(`<UPN>${p.upn}</UPN>`);
    if (p.surname !== undefined) lines.push(`<Surname>${p.surname}</Surname>`);
    if (p.forename !== undefined) lines.push(`<Forename>${p.forename}</Forename>`);
    lines.push('<Attendance>');
    for (const y of p.years) {
      lines.push('<YearData>', '<AttendSessions>');
      lines.push(`<AttendanceStartDate>${y.start}</AttendanceStartDate>`);
      lines.push(`<AttendanceMarks>${y.marks}</AttendanceMarks>`);
      lines.push('</AttendSessions>', '</YearData>');
    }
    lines.push('</Attendance>', '</Pupil>');
  }
  lines.push('</CTFpupilData>', '</CTfile>', '');
  return lines.join('\n');
}

function ok(text: string): ImportedPupil[] {
  const r = ctf(text, 'school.xml');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.pupils;
}
function errors(text: string): string[] {
  const r = ctf(text, 'school.xml');
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const codes = (p: ImportedPupil) =>
  [...p.marks.values()]
    .map((m) => `${m.date} ${m.session} ${m.code}`)
    .sort();

describe('ctf', () => {
  it('reads one character per session, AM then PM, for each calendar date from the start date', () => {
    // Fri 2026-09-04 (/ \), Sat and Sun (ignored, §8.5), Mon 2026-09-07 (I N), Tue AM space = no mark, Tue PM #.
    const [p] = ok(ctfXml([{ upn: 'A100', forename: 'Ann', surname: "O'Neil &amp; Co", years: [{ start: '2026-09-04', marks: '/\\OOOOIN #' }] }]));
    expect(p!.pupilId).toBe('A100');
    expect(p!.name).toBe("Ann O'Neil & Co");
    expect(p!.attributes.upn).toBe('A100');
    expect(codes(p!)).toEqual([
      '2026-09-04 AM /',
      '2026-09-04 PM \\',
      '2026-09-07 AM I',
      '2026-09-07 PM N',
      '2026-09-08 AM ',
      '2026-09-08 PM #',
    ]);
  });

  it('merges several YearData blocks, the later winning where they overlap (§8.13)', () => {
    const [p] = ok(
      ctfXml([
        {
          upn: 'A1',
          forename: 'Bo',
          surname: 'Li',
          years: [
            { start: '2026-07-16', marks: '////OO' }, // Thu 16, Fri 17, Sat 18 July (summer term 2026)
            { start: '2026-07-17', marks: 'II' }, // overlaps Fri 17 July
          ],
        },
      ]),
    );
    expect(codes(p!)).toEqual(['2026-07-16 AM /', '2026-07-16 PM /', '2026-07-17 AM I', '2026-07-17 PM I']);
  });

  it('names a pupil by forename alone when there is no surname, and keeps pupil order', () => {
    const pupils = ok(ctfXml([{ upn: 'Z9', forename: 'Cy', years: [] }, { upn: 'A1', years: [] }]));
    expect(pupils.map((p) => [p.pupilId, p.name])).toEqual([
      ['Z9', 'Cy'],
      ['A1', ''],
    ]);
  });

  it('reports malformed XML with its line', () => {
    const xml = ctfXml([{ upn: 'A1', years: [{ start: '2026-09-07', marks: '//' }] }]).replace('</Attendance>', '</Attendence>');
    const [e] = errors(xml);
    expect(e).toMatch(/^school\.xml: line 1[0-9]: malformed XML: /);
    expect(e).toContain('Attendance');
  });

  it('reports a bad start date naming the element, its line and the pupil', () => {
    const xml = ctfXml([{ upn: 'A1', years: [{ start: '2026-09-31', marks: '//' }] }]);
    expect(errors(xml)).toEqual([
      'school.xml: line 10: <AttendanceStartDate>: in <Pupil> A1, "2026-09-31" is not a real date as YYYY-MM-DD',
    ]);
  });

  it('reports a pupil without a UPN, a wrong root element, an empty file and a file with no pupils', () => {
    expect(errors(ctfXml([{ forename: 'X', years: [] }]))).toEqual([
      'school.xml: line 5: <Pupil>: <Pupil> number 1 has no <UPN> (the pupil id)',
    ]);
    expect(errors('<?xml version="1.0"?>\n<Pupils/>')).toEqual([
      'school.xml: the root element is <Pupils>, expected <CTfile> (a DfE Common Transfer File)',
    ]);
    expect(errors('  \n')).toEqual(['school.xml: the file is empty']);
    expect(errors('<CTfile>\n<Header/>\n</CTfile>')[0]).toMatch(/no <CTFpupilData>\/<Pupil> elements/);
  });

  it('refuses a line break inside the marks (it would shift every later session)', () => {
    const xml = ctfXml([{ upn: 'A1', years: [{ start: '2026-09-07', marks: '//\n//' }] }]);
    expect(errors(xml)).toEqual([
      'school.xml: line 11: <AttendanceMarks>: in <Pupil> A1, a line break or tab at character 3 (one character per session expected)',
    ]);
  });
});
