// The demo MIS's "export marks" file: one row per pupil per weekday session that carries a mark
// (`#` on INSET days included; a session with no mark has no row), in the report command's marks
// CSV format (engine/formats/marks-csv.ts):
//
//   pupil_id,date,session,code,name,upn,year_group,class,sen,fsm,pp
//
// pupil_id is the MIS's own id (DemoPupil.id), the id its pages and URLs use. NOTE for
// whoever reconciles the two exports: the CTF export (ctf-xml.ts) identifies pupils by UPN, as a
// real CTF does (domain.md §8.13), so the same pupil has a different id in the two files; both
// carry the UPN (here in the `upn` column).
// Codes are written whole (C1, C2, J1, Y1–Y7): this file is lossless, unlike the CTF.
// Rows are in the school's pupil order, then session order: same school → same bytes.

import { csvCell } from '../../engine/csv.ts';
import { fromEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import type { DemoSchool } from '../types.ts';

export const MARKS_CSV_HEADER = 'pupil_id,date,session,code,name,upn,year_group,class,sen,fsm,pp';

export function schoolToMarksCsv(school: DemoSchool): string {
  const formName = new Map(school.forms.map((f) => [f.id, f.name]));
  const dates = new Map<number, string>();
  const dateOf = (day: number): string => {
    let s = dates.get(day);
    if (s === undefined) {
      s = fromEpochDay(day);
      dates.set(day, s);
    }
    return s;
  };
  const chunks: string[] = [MARKS_CSV_HEADER + '\r\n'];
  for (const p of school.pupils) {
    const h = school.histories.get(p.id);
    if (!h) continue;
    const klass = formName.get(p.formId);
    if (klass === undefined) throw new Error(`schoolToMarksCsv: pupil ${p.id} is in form ${p.formId}, which the school does not have`);
    // The descriptive columns are the same on every row of a pupil: build them once.
    const tail = [
      csvCell(`${p.forename} ${p.surname}`),
      csvCell(p.upn),
      csvCell(p.yearGroup),
      csvCell(klass),
      csvCell(p.sen),
      p.fsm ? 'Y' : 'N',
      p.pp ? 'Y' : 'N',
    ].join(',');
    const id = csvCell(p.id);
    const rows: string[] = [];
    for (let i = 0; i < h.codes.length; i++) {
      const code = h.codes[i]!;
      if (code === '') continue;
      const key = h.firstKey + i;
      const day = Math.floor(key / 2);
      if (weekdayOfDay(day) >= 5) continue; // domain.md §8.5: weekend marks are not sessions
      rows.push(`${id},${dateOf(day)},${(key & 1) === 1 ? 'PM' : 'AM'},${csvCell(code)},${tail}\r\n`);
    }
    chunks.push(rows.join(''));
  }
  return chunks.join('');
}
