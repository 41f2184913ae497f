import { describe, expect, it } from 'vitest';
import { historyFromRows } from '../history.ts';
import { MarksCsvReader, marksCsv } from './marks-csv.ts';
import type { ImportedPupil } from './imported.ts';

function ok(text: string): ImportedPupil[] {
  const r = marksCsv(text, 'marks.csv');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.pupils;
}
function errors(text: string): string[] {
  const r = marksCsv(text, 'marks.csv');
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const codes = (p: ImportedPupil) => [...p.marks.values()].map((m) => `${m.date} ${m.session} ${m.code}`).sort();

describe('marksCsv', () => {
  it('reads the required columns, keeps multi-character and unknown codes as they are', () => {
    const [p, ...rest] = ok('pupil_id,date,session,code\nP1,2026-09-07,AM,/\nP1,2026-09-07,PM,C1\nP1,2026-09-08,AM,i\n');
    expect(rest).toEqual([]);
    expect(p!.pupilId).toBe('P1');
    expect(p!.name).toBe('');
    expect(codes(p!)).toEqual(['2026-09-07 AM /', '2026-09-07 PM C1', '2026-09-08 AM i']);
  });

  it('accepts optional columns in any order and maps them to attributes', () => {
    const [p] = ok(
      'pp,code,name,session,year_group,date,fsm,pupil_id,upn,class,sen\n' +
        'Y,/,"Smith, Ann",AM,Year 5,2026-09-07,no,P1,A123,5B,K\n',
    );
    expect(p!.name).toBe('Smith, Ann');
    expect(p!.attributes).toEqual({ upn: 'A123', yearGroup: 'Year 5', className: '5B', sen: 'K', fsm: false, pp: true });
    expect(codes(p!)).toEqual(['2026-09-07 AM /']);
  });

  it('keeps pupils in first-seen order; the later row for the same session wins (§8.12)', () => {
    const pupils = ok(
      'pupil_id,date,session,code\nB,2026-09-07,AM,/\nA,2026-09-07,AM,N\nA,2026-09-07,AM,I\nB,2026-09-07,AM,O\n',
    );
    expect(pupils.map((p) => p.pupilId)).toEqual(['B', 'A']);
    expect(codes(pupils[1]!)).toEqual(['2026-09-07 AM I']);
    expect(codes(pupils[0]!)).toEqual(['2026-09-07 AM O']);
  });

  it('an empty code is no mark and does not erase an earlier mark (§8.11)', () => {
    const [p] = ok('pupil_id,date,session,code\nA,2026-09-07,AM,/\nA,2026-09-07,AM,\nA,2026-09-07,PM,\n');
    expect(codes(p!)).toEqual(['2026-09-07 AM /', '2026-09-07 PM ']);
  });

  it('reads back cells neutralised by csv.ts: `\'-` is the no-mark code, `\'=X` a name', () => {
    const [a, b] = ok(`pupil_id,date,session,code,name\nA,2026-09-07,AM,'-,"'=HYPERLINK(""http://x"",""y"")"\nB,2026-09-07,PM,'/,O'Neil\n`);
    expect(codes(a!)).toEqual(['2026-09-07 AM -']);
    expect(a!.name).toBe('=HYPERLINK("http://x","y")');
    expect(codes(b!)).toEqual(["2026-09-07 PM '/"]); // not a neutralised cell: kept, an unknown code
    expect(b!.name).toBe("O'Neil");
  });

  it('ignores Saturday and Sunday rows (§8.5)', () => {
    const [p] = ok('pupil_id,date,session,code\nA,2026-09-05,AM,O\nA,2026-09-06,PM,O\nA,2026-09-07,AM,/\n');
    expect(codes(p!)).toEqual(['2026-09-07 AM /']);
  });

  it('names the file and line of a bad date, a bad session and a wrong field count', () => {
    expect(
      errors('pupil_id,date,session,code\nA,2026-09-07,AM,/\nA,2026-02-30,AM,/\nA,2026-09-08,am,/\nA,2026-09-09,AM\n'),
    ).toEqual([
      'marks.csv: line 3: date "2026-02-30" is not a real date as YYYY-MM-DD',
      'marks.csv: line 4: session "am" is not AM or PM',
      'marks.csv: line 5: 3 fields, expected 4 as in the header',
    ]);
  });

  it('refuses an empty file, a header without rows, a missing or unknown column, and bad Y/N flags', () => {
    expect(errors('')).toEqual(['marks.csv: the file is empty']);
    expect(errors('pupil_id,date,session,code\n')).toEqual(['marks.csv: no marks (the file has a header and no rows)']);
    expect(errors('pupil_id,date,code\nA,2026-09-07,/\n')).toEqual([
      'marks.csv: line 1: required column "session" is missing',
    ]);
    expect(errors('pupil_id,date,session,code,year group\n')[0]).toMatch(/^marks\.csv: line 1: unknown column "year group"/);
    expect(errors('pupil_id,date,session,code,fsm\nA,2026-09-07,AM,/,maybe\n')).toEqual([
      'marks.csv: line 2: fsm "maybe" is not Y/N (or yes/no, true/false, 1/0)',
    ]);
  });

  it('reports malformed CSV quoting with the line where the quote opened', () => {
    expect(errors('pupil_id,date,session,code,name\nA,2026-09-07,AM,/,"Ann\nB,2026-09-07,AM,/,Bo\n')).toEqual([
      'marks.csv: line 2: a quoted field is not closed (missing ")',
    ]);
  });

  it('counts records, not physical lines, when a name spans lines', () => {
    expect(errors('pupil_id,date,session,code,name\nA,2026-09-07,AM,/,"two\nlines"\nA,2026-13-01,AM,/,x\n')).toEqual([
      'marks.csv: line 4: date "2026-13-01" is not a real date as YYYY-MM-DD',
    ]);
  });
});

/** Reads bytes pushed in the given pieces. */
function readPieces(pieces: Uint8Array[]) {
  const reader = new MarksCsvReader('marks.csv');
  for (const p of pieces) reader.push(p);
  return reader.end();
}
const encode = (text: string) => new TextEncoder().encode(text);

describe('MarksCsvReader (the file as a stream of bytes)', () => {
  // BOM, CRLF, a quoted name with a comma and doubled quotes, multi-byte names, a name given on the
  // first row only, a name changed part-way (the later wins), pupils interleaved, a later row replacing
  // a mark, an empty code that keeps the earlier mark, a weekend row, padded cells, a neutralised `'-`.
  const text =
    '\uFEFFpupil_id,date,session,code,name,upn,fsm,date_of_birth\r\n' +
    'P1,2026-09-07,AM,/,"Smith, ""Ann""",U1,Y,2015-03-04\r\n' +
    'P1,2026-09-07,PM,N,,,,\r\n' +
    'P2,2026-09-07,AM,I,Zoë Ñúñez 名前,,n,\r\n' +
    'P1,2026-09-08,AM,C1,"Smith, ""Ann""",U1,Y,2015-03-04\r\n' +
    'P1,2026-09-07,PM,O,Ann Smith-Jones,,,\r\n' +
    'P2,2026-09-07,AM,,,,,\r\n' +
    'P2,2026-09-05,AM,O,,,,\r\n' +
    ' P2 , 2026-09-08 , PM ,\'-,,,,\r\n';
  const bytes = encode(text);

  it('reads names, attributes, dates of birth and marks, later rows winning (§8.12) and empty codes keeping marks (§8.11)', () => {
    const r = readPieces([bytes]);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const [p1, p2] = r.collector.importedPupils();
    expect(p1).toMatchObject({ pupilId: 'P1', name: 'Ann Smith-Jones', attributes: { upn: 'U1', fsm: true, dateOfBirth: '2015-03-04' } });
    expect(codes(p1!)).toEqual(['2026-09-07 AM /', '2026-09-07 PM O', '2026-09-08 AM C1']);
    expect(p2).toMatchObject({ pupilId: 'P2', name: 'Zoë Ñúñez 名前', attributes: { fsm: false } });
    expect(codes(p2!)).toEqual(['2026-09-07 AM I', '2026-09-08 PM -']);
  });

  it('gives the same pupils wherever the chunks split a row, a quoted field, a CRLF, the BOM or a multi-byte character', () => {
    const whole = marksCsv(text, 'marks.csv');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const r = readPieces([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(r.ok && r.collector.importedPupils(), `cut at byte ${cut}`).toEqual(whole.ok && whole.pupils);
    }
    const r = readPieces([...bytes].map((b) => Uint8Array.of(b)));
    expect(r.ok && r.collector.importedPupils()).toEqual(whole.ok && whole.pupils);
  });

  it("builds the engine's histories exactly as historyFromRows does from the same rows", () => {
    const r = readPieces([bytes]);
    const imported = marksCsv(text, 'marks.csv');
    if (!r.ok || !imported.ok) throw new Error('expected a good file');
    const expected = imported.pupils.map((p) => historyFromRows(p.pupilId, p.name, [...p.marks.values()], p.attributes));
    expect(r.collector.histories()).toEqual(expected);
  });

  it('keeps marks sent out of date order, far apart in time, for many pupils', () => {
    const rows = ['pupil_id,date,session,code'];
    for (let i = 0; i < 300; i++) rows.push(`Q${i % 7},2026-${String((i % 12) + 1).padStart(2, '0')}-15,${i % 2 ? 'PM' : 'AM'},${'/NOI'[i % 4]}`);
    rows.push('Q1,1990-01-01,AM,I', 'Q1,2100-12-31,PM,/');
    const r = marksCsv(rows.join('\n'), 'marks.csv');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const expected = new Map<string, Map<string, string>>();
    for (const row of rows.slice(1)) {
      const [id, date, session, code] = row.split(',') as [string, string, string, string];
      if (!expected.has(id)) expected.set(id, new Map()); // a pupil is listed even when only weekend rows name them
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      expected.get(id)!.set(`${date} ${session}`, code);
    }
    expect(r.pupils.map((p) => p.pupilId)).toEqual([...expected.keys()]);
    for (const p of r.pupils) expect(codes(p)).toEqual([...expected.get(p.pupilId)!].map(([k, c]) => `${k} ${c}`).sort());
  });
});

describe('marksCsv refuses ids and dates nobody can trust', () => {
  const header = 'pupil_id,date,session,code,upn,date_of_birth\n';
  it('a pupil id or UPN holding a line break, a tab or NUL, and an id longer than 64 characters', () => {
    expect(
      errors(header + '"A\nB",2026-09-07,AM,/,,\nA\u0000B,2026-09-07,AM,/,,\nC,2026-09-07,AM,/,"U\t1",\n' + 'x'.repeat(65) + ',2026-09-07,AM,/,,\n'),
    ).toEqual([
      'marks.csv: line 2: pupil_id "A\\nB" contains a control character (such as a line break, tab or NUL)',
      'marks.csv: line 4: pupil_id "A\\u0000B" contains a control character (such as a line break, tab or NUL)',
      'marks.csv: line 5: upn "U\\t1" contains a control character (such as a line break, tab or NUL)',
      `marks.csv: line 6: pupil_id "${'x'.repeat(65)}" is longer than 64 characters`,
    ]);
  });

  it('mark dates outside 1990–2100 (0000, 9999, 1989, 2101) and dates of birth outside 1965–2100', () => {
    expect(
      errors(
        header +
          'A,0000-01-03,AM,/,,\nA,9999-01-04,AM,/,,\nA,1989-12-29,AM,/,,\nA,2101-01-03,AM,/,,\n' +
          'A,2026-09-07,AM,/,,1964-12-31\nA,2026-09-07,AM,/,,2015-02-29\nA,2026-09-07,AM,/,,2101-01-01\n',
      ),
    ).toEqual([
      'marks.csv: line 2: date "0000-01-03" is outside the years 1990 to 2100',
      'marks.csv: line 3: date "9999-01-04" is outside the years 1990 to 2100',
      'marks.csv: line 4: date "1989-12-29" is outside the years 1990 to 2100',
      'marks.csv: line 5: date "2101-01-03" is outside the years 1990 to 2100',
      'marks.csv: line 6: date_of_birth "1964-12-31" is outside the years 1965 to 2100',
      'marks.csv: line 7: date_of_birth "2015-02-29" is not a real date as YYYY-MM-DD',
      'marks.csv: line 8: date_of_birth "2101-01-01" is outside the years 1965 to 2100',
    ]);
    const [p] = ok(header + 'A,1990-01-01,AM,/,,1965-01-01\nA,2100-12-31,PM,I,,\n');
    expect(codes(p!)).toEqual(['1990-01-01 AM /', '2100-12-31 PM I']);
    expect(p!.attributes.dateOfBirth).toBe('1965-01-01');
  });

  it('lists 20 errors then "and N more" for a wholly wrong file, in one pass', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `P${i},2026-13-01,AM,/,,`);
    const e = errors(header + rows.join('\n'));
    expect(e).toHaveLength(21);
    expect(e[0]).toBe('marks.csv: line 2: date "2026-13-01" is not a real date as YYYY-MM-DD');
    expect(e[20]).toBe('… and 59980 more errors');
  });
});
