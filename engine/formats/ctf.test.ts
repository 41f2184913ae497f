import { describe, expect, it } from 'vitest';
import { CtfReader, ctf } from './ctf.ts';
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

describe('ctf streaming', () => {
  const xml = ctfXml([
    { upn: 'A100', forename: 'Zoë &amp; Ñúñez', surname: '名前 😀', years: [{ start: '2026-09-04', marks: '/\\OOOOIN #' }] },
    { upn: 'B200', forename: 'Bo', years: [{ start: '2026-09-07', marks: 'IIL/' }, { start: '2026-09-08', marks: 'OO' }] },
  ]).replace('<CTfile>', '<CTfile><!-- exported by an MIS --><![CDATA[]]>');
  const bytes = new TextEncoder().encode('\uFEFF' + xml);
  const read = (pieces: Uint8Array[]) => {
    const reader = new CtfReader('school.xml');
    for (const p of pieces) reader.push(p);
    const r = reader.end();
    return r.ok ? r.collector.importedPupils() : r.errors;
  };

  it('gives the same pupils wherever the chunks split a tag, an entity or a multi-byte character', () => {
    const whole = ok(xml);
    expect(whole.map((p) => p.name)).toEqual(['Zoë & Ñúñez 名前 😀', 'Bo']);
    expect(codes(whole[1]!)).toEqual(['2026-09-07 AM I', '2026-09-07 PM I', '2026-09-08 AM O', '2026-09-08 PM O']);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(read([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toEqual(whole);
    }
    expect(read([...bytes].map((b) => Uint8Array.of(b)))).toEqual(whole);
  });

  it('reads the date of birth into the pupil\'s attributes', () => {
    const [p] = ok(ctfXml([{ upn: 'A1', years: [] }]).replace('<UPN>A1</UPN>', '<UPN>A1</UPN><DOB>2015-09-01</DOB>'));
    expect(p!.attributes).toEqual({ upn: 'A1', dateOfBirth: '2015-09-01' });
  });
});

describe('ctf refuses hostile and broken files with a plain message', () => {
  const one = (upn: string, extra = '') =>
    `<?xml version="1.0"?>\n<CTfile>\n<CTFpupilData>\n<Pupil><UPN>${upn}</UPN>${extra}</Pupil>\n</CTFpupilData>\n</CTfile>\n`;

  it('any DOCTYPE, so a billion-laughs file cannot expand (its text is never read as a name)', () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
      Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n') +
      '\n]>\n<CTfile><CTFpupilData><Pupil><UPN>A1</UPN><Forename>&lol9;</Forename></Pupil></CTFpupilData></CTfile>';
    expect(errors(laughs)).toEqual([
      'school.xml: line 2: a DOCTYPE (document type declaration) is not allowed: a Common Transfer File needs none, and one could declare entities that expand without limit',
    ]);
    expect(errors('<!DOCTYPE CTfile SYSTEM "file:///etc/passwd"><CTfile/>')[0]).toMatch(/^school\.xml: line 1: a DOCTYPE/);
  });

  it('entities other than the five XML ones, and a bare &', () => {
    expect(errors(one('&nbsp;'))).toEqual([
      'school.xml: line 4: malformed XML: unknown entity &nbsp; (only &lt; &gt; &amp; &quot; &apos; and character references like &#233; are read)',
    ]);
    expect(errors(one('A & B'))[0]).toMatch(/^school\.xml: line 4: malformed XML: an "&" that does not start an entity reference/);
  });

  it('deep nesting, with a message and no stack trace', () => {
    const deep = `<CTfile><CTFpupilData><Pupil><UPN>A1</UPN>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</Pupil></CTFpupilData></CTfile>`;
    expect(errors(deep)).toEqual(['school.xml: line 1: malformed XML: elements nested more than 100 deep']);
  });

  it('elements in a namespace, and undeclared prefixes', () => {
    expect(errors('<CTfile xmlns="urn:other"><CTFpupilData/></CTfile>')).toEqual([
      'school.xml: line 1: <CTfile> is in the namespace "urn:other"; a Common Transfer File\'s elements have no namespace',
    ]);
    expect(errors('<CTfile>\n<CTFpupilData>\n<Pupil xmlns="urn:other"><UPN>A1</UPN></Pupil></CTFpupilData></CTfile>')).toEqual([
      'school.xml: line 3: <Pupil> is in the namespace "urn:other"; a Common Transfer File\'s elements have no namespace',
    ]);
    expect(errors('<c:CTfile xmlns:c="urn:other"/>')[0]).toMatch(/<c:CTfile> is in the namespace "urn:other"/);
    expect(errors('<CTfile><CTFpupilData><p:Pupil/></CTFpupilData></CTfile>')).toEqual([
      'school.xml: line 1: malformed XML: the namespace prefix "p" in <p:Pupil> is not declared',
    ]);
    // Schema-location attributes, as MIS exports write them, are fine.
    const withXsi = ctfXml([{ upn: 'A1', years: [] }]).replace(
      '<CTfile>',
      '<CTfile xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="CTF.xsd">',
    );
    expect(ok(withXsi).map((p) => p.pupilId)).toEqual(['A1']);
  });

  it('an empty CTfile, a declaration alone, and white space alone', () => {
    expect(errors('<?xml version="1.0"?>\n<CTfile/>\n')).toEqual(['school.xml: line 2: <CTfile>: no <CTFpupilData>/<Pupil> elements']);
    expect(errors('<?xml version="1.0"?>\n')).toEqual(['school.xml: line 2: malformed XML: no root element']);
    expect(errors('\uFEFF \n\t')).toEqual(['school.xml: the file is empty']);
  });

  it('a file that says it is not UTF-8, a second root, text after the root, a truncated file', () => {
    expect(errors('<?xml version="1.0" encoding="windows-1252"?><CTfile/>')).toEqual([
      'school.xml: line 1: the file says it is encoded as "windows-1252"; only UTF-8 is read (save the file as UTF-8)',
    ]);
    expect(errors(one('A1') + '<CTfile/>')[0]).toMatch(/^school\.xml: line 7: malformed XML: <CTfile> after the root element has closed/);
    expect(errors(one('A1') + 'junk')[0]).toMatch(/^school\.xml: line 7: malformed XML: text outside the root element/);
    expect(errors(one('A1').slice(0, 60))[0]).toMatch(/^school\.xml: line 4: malformed XML: the file ends /);
  });

  it('UPNs holding a line break, a tab or a control character, and NUL anywhere', () => {
    expect(errors(one('A1&#10;B'))).toEqual([
      'school.xml: line 4: <UPN>: in <Pupil> number 1, the UPN "A1\\nB" contains a control character (such as a line break, tab or NUL)',
    ]);
    expect(errors(one('A1\tB'))[0]).toMatch(/the UPN "A1\\tB" contains a control character/);
    expect(errors(one('A1&#x85;'))[0]).toMatch(/the UPN "A1\\u0085" contains a control character/);
    expect(errors(one('A1\u0000'))).toEqual(['school.xml: line 4: malformed XML: a control character (code 0) is not allowed in XML']);
    expect(errors(one('A1&#0;'))[0]).toMatch(/malformed XML: &#0; is not a character XML allows/);
  });

  it('years 0000 and 9999, marks running past 2100, and implausible dates of birth', () => {
    expect(errors(ctfXml([{ upn: 'A1', years: [{ start: '0000-01-03', marks: '//' }, { start: '9999-01-04', marks: '//' }] }]))).toEqual([
      'school.xml: line 10: <AttendanceStartDate>: in <Pupil> A1, "0000-01-03" is outside the years 1990 to 2100',
      'school.xml: line 16: <AttendanceStartDate>: in <Pupil> A1, "9999-01-04" is outside the years 1990 to 2100',
    ]);
    expect(errors(ctfXml([{ upn: 'A1', years: [{ start: '2100-12-30', marks: '//////' }] }]))).toEqual([
      'school.xml: line 11: <AttendanceMarks>: in <Pupil> A1, the marks run past 2100-12-31',
    ]);
    expect(errors(one('A1', '<DOB>1900-01-01</DOB>'))).toEqual(['school.xml: line 4: <DOB>: in <Pupil> A1, "1900-01-01" is outside the years 1965 to 2100']);
    expect(errors(one('A1', '<DOB>2015-02-30</DOB>'))).toEqual(['school.xml: line 4: <DOB>: in <Pupil> A1, "2015-02-30" is not a real date as YYYY-MM-DD']);
  });

  it('lists 20 errors then "and N more" for 60,000 bad pupils, in one pass', () => {
    const pupils = '<Pupil>\n<Forename>X</Forename>\n</Pupil>\n'.repeat(60_000);
    const e = errors(`<CTfile>\n<CTFpupilData>\n${pupils}</CTFpupilData>\n</CTfile>\n`);
    expect(e).toHaveLength(21);
    expect(e[0]).toBe('school.xml: line 3: <Pupil>: <Pupil> number 1 has no <UPN> (the pupil id)');
    expect(e[19]).toBe('school.xml: line 60: <Pupil>: <Pupil> number 20 has no <UPN> (the pupil id)');
    expect(e[20]).toBe('… and 59980 more errors');
  });

  it('a text element holding elements, repeated, or longer than 100,000 characters', () => {
    expect(errors(one('A1<b/>'))).toEqual(['school.xml: line 4: <UPN>: in <Pupil> number 1, expected one <UPN> holding text']);
    expect(errors(one('A1', '<Forename>a</Forename><Forename>b</Forename>'))).toEqual([
      'school.xml: line 4: <Forename>: in <Pupil> A1, expected one <Forename> holding text',
    ]);
    expect(errors(one('A1', `<Surname>${'x'.repeat(100_001)}</Surname>`))).toEqual([
      'school.xml: line 4: <Surname>: in <Pupil> A1, longer than 100,000 characters',
    ]);
  });
});
