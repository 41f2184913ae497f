// Validates a table-adapter mapping (a stored setting, an imported file, the options page's editor)
// and explains every problem with its field path, e.g. `register.headerLines: expected a number`
// (design.md: validate at every boundary; bad input gets a clear error listing what is wrong).
// Zod checks the shape; the checks below are those a shape cannot express.
import { codeInfo } from '../../engine/codes.ts';
import { needsWeek } from './mapping-constants.ts';
import { MappingSchema, type TableMapping } from './mapping-schema.ts';

export type ParseMappingResult = { ok: true; mapping: TableMapping } | { ok: false; errors: string[] };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(mapping)' : out;
}

export { needsWeek };

/** Every `pattern` / `url` string in the mapping with its path, so each can be compiled. */
function patterns(value: unknown, path: string, out: [string, string][]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => patterns(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path === '' ? k : `${path}.${k}`;
      if ((k === 'pattern' || k === 'url') && typeof v === 'string') out.push([p, v]);
      else if (k !== 'codes') patterns(v, p, out);
    }
  }
}

/** Parses a mapping from JSON text or an already-parsed value. */
export function parseMapping(input: unknown): ParseMappingResult {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [`(mapping): not valid JSON: ${(e as Error).message}`] };
    }
  }
  const parsed = MappingSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
  }
  const m = parsed.data;
  const errors: string[] = [];

  const found: [string, string][] = [];
  patterns(m, '', found);
  for (const [path, source] of found) {
    try {
      new RegExp(source);
    } catch (e) {
      errors.push(`${path}: not a valid regular expression: ${(e as Error).message}`);
    }
  }

  // domain.md §2: adapters translate local variants to statutory codes; a target the engine does not
  // know would be a guess stored as if it were statutory, so it is refused here.
  for (const [local, target] of Object.entries(m.codes)) {
    if (target !== 'present' && codeInfo(target).category === 'unknown') {
      errors.push(
        `codes[${JSON.stringify(local)}]: ${JSON.stringify(target)} is not a statutory code (expected e.g. "I", "O", "N", "L" or "present")`,
      );
    }
  }

  if (!m.register && !m.pupil) errors.push('(mapping): describe at least one page: "register" or "pupil"');
  if (m.register) {
    const r = m.register;
    if (needsWeek(r.sessions.date) && !r.week) {
      errors.push(`register.week: required because register.sessions.date is "${r.sessions.date}" (dates without a year)`);
    }
    if (r.week && needsWeek(r.week.format)) {
      errors.push(`register.week.format: "${r.week.format}" has no year; expected "iso", "d/m/y" or "d mon y"`);
    }
    if (r.pupilId.cell >= r.labelCells) {
      errors.push(`register.pupilId.cell: ${r.pupilId.cell} is not a label cell (labelCells is ${r.labelCells})`);
    }
    if (r.name.cell >= r.labelCells) {
      errors.push(`register.name.cell: ${r.name.cell} is not a label cell (labelCells is ${r.labelCells})`);
    }
  }
  if (m.pupil && needsWeek(m.pupil.date.format)) {
    errors.push(`pupil.date.format: "${m.pupil.date.format}" has no year; a pupil page needs full dates ("iso", "d/m/y" or "d mon y")`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: m };
}
