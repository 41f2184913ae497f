import { describe, expect, it } from 'vitest';
import { toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import { parseExport } from '../../engine/formats/parse-export.ts';
import { generateSchool } from '../generate/generate-school.ts';
import type { DemoSchool } from '../types.ts';
import { MARKS_CSV_HEADER, schoolToMarksCsv } from './marks-csv.ts';

function tinySchool(): DemoSchool {
  const mon = toEpochDay('2026-11-16') * 2; // Monday AM
  return {
    name: 'Test School',
    size: 'primary',
    seed: 0,
    today: '2026-11-22',
    forms: [{ id: 'f1', name: 'Year 3, Oak', yearGroup: '3', teacher: 'Mr A' }],
    pupils: [
      {
        id: '7',
        upn: 'A123456789012',
        forename: 'Ann "Annie"',
        surname: "O'Neil, Jr",
        dateOfBirth: '2018-01-01',
        sex: 'F',
        yearGroup: '3',
        formId: 'f1',
        sen: 'K',
        fsm: true,
        pp: false,
        socialWorker: false,
        address: '1 High Street',
      },
    ],
    // Mon AM /, Mon PM C2, Tue AM (no mark), Tue PM Y4, Wed #, …, Sat AM I (ignored: weekend).
    histories: new Map([
      ['7', { pupilId: '7', name: 'Ann', firstKey: mon, codes: ['/', 'C2', '', 'Y4', '#', '#', '', '', '', '', 'I', 'I'] }],
    ]),
    insetDays: ['2026-11-18'],
  };
}

describe('schoolToMarksCsv', () => {
  it('writes the header, one row per marked weekday session, quoting names as RFC 4180 requires', () => {
    const csv = schoolToMarksCsv(tinySchool());
    expect(csv.split('\r\n')).toEqual([
      MARKS_CSV_HEADER,
      `7,2026-11-16,AM,/,"Ann ""Annie"" O'Neil, Jr",A123456789012,3,"Year 3, Oak",K,Y,N`,
      `7,2026-11-16,PM,C2,"Ann ""Annie"" O'Neil, Jr",A123456789012,3,"Year 3, Oak",K,Y,N`,
      `7,2026-11-17,PM,Y4,"Ann ""Annie"" O'Neil, Jr",A123456789012,3,"Year 3, Oak",K,Y,N`,
      `7,2026-11-18,AM,#,"Ann ""Annie"" O'Neil, Jr",A123456789012,3,"Year 3, Oak",K,Y,N`,
      `7,2026-11-18,PM,#,"Ann ""Annie"" O'Neil, Jr",A123456789012,3,"Year 3, Oak",K,Y,N`,
      '',
    ]);
  });

  it('the generated school round-trips exactly through the report command parser (MIS ids, whole codes)', () => {
    const school = generateSchool({ size: 'primary' });
    const csv = schoolToMarksCsv(school);
    expect(csv.slice(0, csv.indexOf('\r\n'))).toBe(MARKS_CSV_HEADER);
    let expectedRows = 0;
    for (const h of school.histories.values()) {
      h.codes.forEach((c, i) => {
        if (c !== '' && weekdayOfDay((h.firstKey + i) >> 1) < 5) expectedRows++;
      });
    }
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(expectedRows);
    console.log(`primary marks CSV: ${expectedRows} rows, ${csv.length} characters`);

    const parsed = parseExport(csv, 'marks.csv');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.format).toBe('marks-csv');
    expect(parsed.histories.map((h) => h.pupilId)).toEqual(school.pupils.map((p) => p.id));
    const forms = new Map(school.forms.map((f) => [f.id, f.name]));
    for (const back of parsed.histories) {
      const p = school.pupils.find((x) => x.id === back.pupilId)!;
      const h = school.histories.get(p.id)!;
      expect(back.name).toBe(`${p.forename} ${p.surname}`);
      expect(back.attributes).toMatchObject({ upn: p.upn, yearGroup: p.yearGroup, className: forms.get(p.formId), sen: p.sen, fsm: p.fsm, pp: p.pp });
      // Every marked session comes back with its whole code.
      const first = h.codes.findIndex((c) => c !== '');
      expect(back.firstKey).toBe(h.firstKey + first);
      const trimmed = h.codes.slice(first);
      while (trimmed.at(-1) === '') trimmed.pop();
      expect(back.codes).toEqual(trimmed);
    }
  });
});
