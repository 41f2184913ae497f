import { describe, expect, it } from 'vitest';
import { marksCsv } from './marks-csv.ts';
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
