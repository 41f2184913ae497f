import { describe, expect, it } from 'vitest';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseMapping } from './parse-mapping.ts';

/** A deep copy of the Kestrel mapping with one change (mutate the copy). */
function variant(change: (m: any) => void): unknown {
  const m = structuredClone(kestrelMapping) as any;
  change(m);
  return m;
}
function errors(input: unknown): string[] {
  const r = parseMapping(input);
  if (r.ok) throw new Error('expected the mapping to be refused');
  return r.errors;
}

describe('parseMapping', () => {
  it('accepts the Kestrel MIS mapping, as an object and as JSON text', () => {
    const r = parseMapping(kestrelMapping);
    expect(r.ok).toBe(true);
    const t = parseMapping(JSON.stringify(kestrelMapping));
    expect(t.ok && t.mapping.register?.orientation).toBe('pupils-as-columns');
  });

  it('refuses text that is not JSON', () => {
    expect(errors('{"format": ')[0]).toMatch(/^\(mapping\): not valid JSON/);
  });

  it('refuses another format or version, naming the field', () => {
    expect(errors(variant((m) => (m.version = 2)))).toEqual(['version: expected version 1 (the only version this extension reads)']);
    expect(errors(variant((m) => (m.format = 'policy')))).toEqual(['format: expected "attendance-overlay/mis-mapping"']);
  });

  it('lists every wrong field with its path', () => {
    const e = errors(
      variant((m) => {
        delete m.register.table;
        m.register.orientation = 'diagonal';
        m.register.headerLines = 0;
        m.register.mark.sources[0].attribute = undefined;
        m.pupil.rows = '';
        m.id = 'Kestrel MIS';
      }),
    );
    expect(e).toContain('register.table: expected a CSS selector');
    expect(e).toContain('register.orientation: expected "pupils-as-rows" or "pupils-as-columns"');
    expect(e.some((x) => x.startsWith('register.headerLines: '))).toBe(true);
    expect(e).toContain('register.mark.sources[0].attribute: from "attribute" needs "attribute" (the attribute name, e.g. "data-id")');
    expect(e).toContain('pupil.rows: expected a CSS selector, e.g. "table.register"');
    expect(e).toContain('id: expected a kebab-case id (e.g. "kestrel-mis")');
    expect(e).toHaveLength(6);
  });

  it('refuses unknown keys (a misspelt field would otherwise be ignored)', () => {
    expect(errors(variant((m) => (m.register.headerLine = 2))).join()).toMatch(/^register: .*headerLine/);
  });

  it('refuses a regular expression that does not compile', () => {
    expect(errors(variant((m) => (m.register.pupilId.pattern = '/alt/pupil/(')))[0]).toMatch(
      /^register\.pupilId\.pattern: not a valid regular expression/,
    );
    expect(errors(variant((m) => (m.pupil.url = '[')))[0]).toMatch(/^pupil\.url: not a valid regular expression/);
  });

  it('refuses a code map target that is not a statutory code (never a guess, domain.md §2)', () => {
    expect(errors(variant((m) => (m.codes['I_F'] = 'Ill')))).toEqual([
      'codes["I_F"]: "Ill" is not a statutory code (expected e.g. "I", "O", "N", "L" or "present")',
    ]);
  });

  it('needs the week when dates have no year, and label cells for the id and name', () => {
    expect(errors(variant((m) => delete m.register.week))).toEqual([
      'register.week: required because register.sessions.date is "weekday" (dates without a year)',
    ]);
    expect(errors(variant((m) => (m.register.week.format = 'd mon')))).toEqual([
      'register.week.format: "d mon" has no year; expected "iso", "d/m/y" or "d mon y"',
    ]);
    expect(errors(variant((m) => (m.register.pupilId.cell = 1)))).toEqual(['register.pupilId.cell: 1 is not a label cell (labelCells is 1)']);
    expect(errors(variant((m) => (m.pupil.date.format = 'd/m')))).toEqual([
      'pupil.date.format: "d/m" has no year; a pupil page needs full dates ("iso", "d/m/y" or "d mon y")',
    ]);
  });

  it('needs at least one page', () => {
    expect(errors(variant((m) => (delete m.register, delete m.pupil)))).toEqual(['(mapping): describe at least one page: "register" or "pupil"']);
  });
});
