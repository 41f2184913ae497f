import { describe, expect, it } from 'vitest';
import { parseExport } from './parse-export.ts';

describe('parseExport', () => {
  it('turns a marks CSV into dense histories, with attributes, in file order', () => {
    const r = parseExport(
      '\uFEFFpupil_id,date,session,code,upn,fsm\r\nB,2026-09-08,AM,/,,\r\nA,2026-09-07,PM,I,A123,Y\r\nB,2026-09-07,AM,O,,\r\n',
      'x.csv',
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.format).toBe('marks-csv');
    const [b, a] = r.histories;
    expect(b!.pupilId).toBe('B');
    // Dense from Mon 7 Sep AM to Tue 8 Sep AM: O, (no mark on Mon PM), /.
    expect(b!.codes).toEqual(['O', '', '/']);
    expect(b!.attributes).toBeUndefined();
    expect(a!.attributes).toEqual({ upn: 'A123', fsm: true });
  });

  it('reads a CTF', () => {
    const r = parseExport(
      '<CTfile><CTFpupilData><Pupil><UPN>U1</UPN><Forename>Al</Forename><Surname>Bo</Surname><Attendance><YearData><AttendSessions>' +
        '<AttendanceStartDate>2026-09-07</AttendanceStartDate><AttendanceMarks>/\\N</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil></CTFpupilData></CTfile>',
      'x.xml',
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.format).toBe('ctf');
    expect(r.histories[0]).toMatchObject({ pupilId: 'U1', name: 'Al Bo', codes: ['/', '\\', 'N'] });
  });

  it('refuses an empty or unrecognised file, naming it', () => {
    expect(parseExport('\uFEFF \n', 'e.csv')).toEqual({ ok: false, errors: ['e.csv: the file is empty'] });
    const r = parseExport('a,b\n1,2\n', 'o.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^o\.csv: line 1: unrecognised format/);
  });
});
