// DfE Common Transfer File (CTF XML) attendance (issue 2 §5, domain.md §8.13).
//
//   CTfile/CTFpupilData/Pupil
//     UPN, Forename, Surname
//     Attendance/YearData/AttendSessions
//       AttendanceStartDate  YYYY-MM-DD
//       AttendanceMarks      one character per session, AM then PM, for each calendar date
//                            from the start date (so 14 characters per week, weekends included)
//
// Pupil id = UPN; name = "Forename Surname". Non-school days carry `#` (domain.md §8.13) and are
// kept as `#`, which the engine treats as a planned closure. Saturday and Sunday characters are
// ignored (domain.md §8.5). Several YearData (and AttendSessions) blocks are merged in document
// order, the later winning where they overlap (§8.13). A space is no mark; the marks string may be
// surrounded by line breaks or tabs, but a line break inside it would shift every later session,
// so it is refused.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fromEpochDay, isValidIsoDate, toEpochDay } from '../dates.ts';
import { capErrors, PupilCollector, type ImportResult } from './imported.ts';

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set(['Pupil', 'Attendance', 'YearData', 'AttendSessions']);

/** 1-based line number of a character offset. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Reads a CTF. `fileName` is only used in error messages (`file: line N: <Element>: what`). */
export function ctf(text: string, fileName: string): ImportResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') return { ok: false, errors: [`${fileName}: the file is empty`] };
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    return { ok: false, errors: [`${fileName}: line ${valid.err.line}: malformed XML: ${valid.err.msg}`] };
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false, // UPNs and marks stay text
    trimValues: false, // a leading space in AttendanceMarks is a session
    captureMetaData: true,
    isArray: (tag) => ARRAY_TAGS.has(tag),
  });
  const doc = parser.parse(source) as XmlNode;
  const meta = XMLParser.getMetaDataSymbol() as unknown as string;
  const lineOf = (node: unknown): number | null => {
    const m = (node as Record<string, { startIndex?: number } | undefined>)[meta];
    return m?.startIndex === undefined ? null : lineAt(source, m.startIndex);
  };
  const at = (node: unknown, element: string): string => {
    const line = lineOf(node);
    return line === null ? `${fileName}: <${element}>` : `${fileName}: line ${line}: <${element}>`;
  };
  /** Line of a child text element, found by searching from its parent's start. */
  const childAt = (parent: unknown, child: string): string => {
    const m = (parent as Record<string, { startIndex?: number } | undefined>)[meta];
    const from = m?.startIndex;
    if (from === undefined) return `${fileName}: <${child}>`;
    const i = source.indexOf(`<${child}`, from);
    return `${fileName}: line ${lineAt(source, i === -1 ? from : i)}: <${child}>`;
  };

  const root = doc['CTfile'];
  if (root === undefined || typeof root !== 'object' || root === null) {
    const found = Object.keys(doc).filter((k) => !k.startsWith('?') && k !== '#text');
    return {
      ok: false,
      errors: [`${fileName}: the root element is <${found[0] ?? '(none)'}>, expected <CTfile> (a DfE Common Transfer File)`],
    };
  }
  const data = (root as XmlNode)['CTFpupilData'];
  const pupils = data && typeof data === 'object' ? ((data as XmlNode)['Pupil'] as unknown[] | undefined) : undefined;
  if (!pupils || pupils.length === 0) {
    return { ok: false, errors: [`${at(root, 'CTfile')}: no <CTFpupilData>/<Pupil> elements`] };
  }

  const errors: string[] = [];
  /** The text of a single child element, or null (with an error) when it is repeated or has children. */
  const textOf = (node: XmlNode, child: string, elementPath: string): string | null | undefined => {
    const v = node[child];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    errors.push(`${childAt(node, child)}: in ${elementPath}, expected one <${child}> holding text`);
    return null;
  };

  const collector = new PupilCollector();
  pupils.forEach((raw, pi) => {
    if (typeof raw !== 'object' || raw === null) {
      errors.push(`${fileName}: <Pupil> number ${pi + 1} is empty`);
      return;
    }
    const pupil = raw as XmlNode;
    const label = `<Pupil> number ${pi + 1}`;
    const upn = textOf(pupil, 'UPN', label);
    if (upn === null) return;
    if (upn === undefined || upn.trim() === '') {
      errors.push(`${at(pupil, 'Pupil')}: ${label} has no <UPN> (the pupil id)`);
      return;
    }
    const pupilId = upn.trim();
    const who = `<Pupil> ${pupilId}`;
    const forename = textOf(pupil, 'Forename', who);
    const surname = textOf(pupil, 'Surname', who);
    if (forename === null || surname === null) return;
    const p = collector.pupil(pupilId);
    const name = [forename?.trim() ?? '', surname?.trim() ?? ''].filter((s) => s !== '').join(' ');
    if (name !== '') p.name = name;
    p.attributes.upn = pupilId;

    // A pupil with no attendance is still reported (with nothing possible), not dropped.
    const years: unknown[] = [];
    for (const attendance of (pupil['Attendance'] as unknown[] | undefined) ?? []) {
      if (typeof attendance === 'string' && attendance.trim() === '') continue;
      if (typeof attendance !== 'object' || attendance === null) {
        errors.push(`${childAt(pupil, 'Attendance')}: in ${who}, expected <YearData> elements`);
        return;
      }
      years.push(...(((attendance as XmlNode)['YearData'] as unknown[] | undefined) ?? []));
    }
    for (const yd of years) {
      if (typeof yd !== 'object' || yd === null) continue;
      const blocks = ((yd as XmlNode)['AttendSessions'] as unknown[] | undefined) ?? [];
      for (const b of blocks) {
        if (typeof b !== 'object' || b === null) continue;
        const block = b as XmlNode;
        const path = `${who} <YearData>/<AttendSessions>`;
        const start = textOf(block, 'AttendanceStartDate', path);
        const marks = textOf(block, 'AttendanceMarks', path);
        if (start === null || marks === null) continue;
        if (start === undefined) {
          errors.push(`${at(block, 'AttendSessions')}: in ${who}, <AttendanceStartDate> is missing`);
          continue;
        }
        const startDate = start.trim();
        if (!isValidIsoDate(startDate)) {
          errors.push(
            `${childAt(block, 'AttendanceStartDate')}: in ${who}, ${JSON.stringify(startDate)} is not a real date as YYYY-MM-DD`,
          );
          continue;
        }
        const sessions = (marks ?? '').replace(/^[\r\n\t]+|[\r\n\t]+$/g, '');
        const breakAt = sessions.search(/[\r\n\t]/);
        if (breakAt !== -1) {
          errors.push(
            `${childAt(block, 'AttendanceMarks')}: in ${who}, a line break or tab at character ${breakAt + 1} (one character per session expected)`,
          );
          continue;
        }
        const day0 = toEpochDay(startDate);
        for (let i = 0; i < sessions.length; i++) {
          const ch = sessions[i]!;
          collector.mark(p, fromEpochDay(day0 + (i >> 1)), (i & 1) === 0 ? 'AM' : 'PM', ch === ' ' ? '' : ch);
        }
      }
    }
  });
  if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
  return { ok: true, pupils: collector.pupils() };
}
