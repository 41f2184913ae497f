// Reads a pupil page that lists one session per row, through a mapping: the same payload
// as the demo adapter (messages/messages.ts pupilPageSchema). All or nothing.
import type { PupilAttributes } from '../../engine/types.ts';
import type { MarkRead, PupilPageRead } from '../page-read.ts';
import type { ReadResult } from '../types.ts';
import { extractValue, MappingSelectorError, queryAll, turnName } from './extract-value.ts';
import { mapCode } from './map-code.ts';
import type { TableMapping, ValueSource } from './mapping-schema.ts';
import { parseDate } from './parse-date.ts';
import { readMark } from './read-mark.ts';
import { halfOf } from './read-table-register.ts';

export function readTablePupil(doc: Document, url: URL, mapping: TableMapping): ReadResult<PupilPageRead> {
  const fail = (reason: string): ReadResult<PupilPageRead> => ({ ok: false, reason: `${mapping.name} pupil page: ${reason}` });
  const p = mapping.pupil;
  if (!p) return fail('the mapping does not describe a pupil page');
  try {
    let pupilId: string;
    if (p.pupilId.from === 'url') {
      const m = new RegExp(p.pupilId.pattern).exec(url.pathname + url.search);
      pupilId = m ? decodeURIComponent(m[1] ?? m[0]).trim() : '';
    } else {
      pupilId = extractValue(doc, p.pupilId as ValueSource);
    }
    if (pupilId === '') return fail('no pupil id (mapping field pupil.pupilId)');
    if (pupilId.length > 64) return fail('the pupil id is longer than 64 characters (mapping field pupil.pupilId)');
    const shown = extractValue(doc, p.name);
    const name = p.nameOrder === 'surname-first' ? turnName(shown) : shown;
    if (name === '') return fail('the pupil has no name (mapping field pupil.name)');

    const attributes: PupilAttributes = {};
    for (const k of ['upn', 'yearGroup', 'className', 'sex'] as const) {
      const source = p.attributes?.[k];
      if (!source) continue;
      const v = extractValue(doc, source);
      if (v !== '') attributes[k] = v;
    }

    const marks: MarkRead[] = [];
    const seen = new Set<string>();
    const rows = queryAll(doc, p.rows);
    for (const [i, row] of rows.entries()) {
      const where = `session row ${i + 1}`;
      const dateText = extractValue(row, p.date);
      const date = parseDate(dateText, p.date.format);
      if (date === null) return fail(`${where}: ${JSON.stringify(dateText)} is not a date of the form "${p.date.format}" (mapping field pupil.date)`);
      const halfText = extractValue(row, p.session);
      const session = halfOf(halfText, p.halves);
      if (session === null) return fail(`${where} (${date}): ${JSON.stringify(halfText)} does not say AM or PM (mapping field pupil.session)`);
      const key = `${date} ${session}`;
      if (seen.has(key)) return fail(`${where}: ${key} is listed twice`);
      seen.add(key);
      const original = readMark(row, p.mark);
      if (original.length > 64) return fail(`${where} (${key}): the mark is too long to be a mark`);
      const code = mapCode(original, session, mapping.codes);
      if (code.length > 16) return fail(`${where} (${key}): ${JSON.stringify(original)} is not in the code map (mapping field codes) and too long to keep as a code`);
      if (code === '') continue; // blank: nothing to record
      marks.push({ date, session, code, original });
    }
    return { ok: true, data: { kind: 'pupil', pupilId, name, attributes, marks } };
  } catch (e) {
    if (e instanceof MappingSelectorError) return fail(`the mapping has a bad selector: ${e.message}`);
    throw e;
  }
}
