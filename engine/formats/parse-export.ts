// An MIS export (marks CSV or CTF, detected by content) to engine histories.

import { historyFromRows } from '../history.ts';
import type { PupilHistory } from '../types.ts';
import { ctf } from './ctf.ts';
import { detectFormat, type ImportFormat } from './detect-format.ts';
import { marksCsv } from './marks-csv.ts';

export type ParseExportResult =
  | { ok: true; format: ImportFormat; histories: PupilHistory[] }
  | { ok: false; errors: string[] };

/** Parses an export's text. `fileName` names the file in every error message. */
export function parseExport(text: string, fileName: string): ParseExportResult {
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, errors: [`${fileName}: the file is empty`] };
  const format = detectFormat(text);
  if (format === null) {
    return {
      ok: false,
      errors: [
        `${fileName}: line 1: unrecognised format: expected a marks CSV (header pupil_id,date,session,code) or a DfE CTF XML file (<CTfile>)`,
      ],
    };
  }
  const read = format === 'ctf' ? ctf(text, fileName) : marksCsv(text, fileName);
  if (!read.ok) return read;
  const histories = read.pupils.map((p) =>
    historyFromRows(
      p.pupilId,
      p.name,
      [...p.marks.values()],
      Object.keys(p.attributes).length > 0 ? p.attributes : undefined,
    ),
  );
  return { ok: true, format, histories };
}
