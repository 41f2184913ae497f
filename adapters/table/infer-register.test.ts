// @vitest-environment happy-dom
// Picking a register table is enough to set the adapter up: the inferred mapping reads Kestrel MIS
// (pupils as columns, weekday columns, week named once) and Beacon MIS (pupils as rows, "Mon 16/11"
// over AM/PM) exactly as their hand-written mappings / adapter do, once the listed codes are mapped.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { addDays } from '../../engine/dates.ts';
import { demoAdapter } from '../demo/demo-adapter.ts';
import { inferRegister, urlPattern } from './infer-register.ts';
import { parseMapping } from './parse-mapping.ts';
import { previewRead } from './preview-read.ts';
import { readTableRegister } from './read-table-register.ts';

const school = generateSchool();

describe('inferRegister', () => {
  it('Kestrel MIS: finds the transposed layout, the week, the ids in links; lists the local codes to map', () => {
    // Form 1 holds the boundary pupils; take the first week of 2026 in which its register shows
    // present, illness and unexplained absence (✓, I_F, O_T).
    const form = school.forms[0]!;
    let week = '2026-01-05';
    for (; week < school.today; week = addDays(week, 7)) {
      const html = altRegisterPage(school, form.id, week)!;
      if (html.includes('✓') && html.includes('>I_F<') && html.includes('>O_T<')) break;
    }
    const url = new URL(`http://127.0.0.1:5190/alt/register?form=${form.id}&week=${week}`);
    const doc = parseHtml(altRegisterPage(school, form.id, week)!);
    const r = inferRegister(doc, url, doc.querySelector('table')!);
    if (!r.ok) throw new Error(r.reason);
    expect(r.register).toMatchObject({
      url: '^/alt/register(?:[?#]|$)',
      table: '#k-register',
      orientation: 'pupils-as-columns',
      rows: ':scope > thead > tr, :scope > tbody > tr',
      headerLines: 2,
      labelCells: 1,
      pupilId: { cell: 0, selector: 'a', from: 'href', pattern: '/alt/pupil/([^/?#]+)' },
      nameOrder: 'surname-first',
      sessions: { date: 'weekday' },
    });
    // The week: the "week" address parameter comes first.
    expect(r.register.week).toEqual({ from: 'url', param: 'week', format: 'iso' });
    const preview = previewRead(r.read);
    expect(preview.summary).toMatch(/^\d+ pupils × 10 sessions; \d codes not mapped: /);
    expect(preview.unmapped).toEqual(expect.arrayContaining(['✓', 'I_F', 'O_T']));
    for (const code of preview.unmapped) expect(Object.keys(kestrelMapping.codes)).toContain(code);

    // With Kestrel's code map, the read is the hand-written mapping's read (less the class, which
    // the picker does not ask for).
    const withCodes = inferRegister(doc, url, doc.querySelector('table')!, kestrelMapping.codes);
    const parsed = parseMapping(kestrelMapping);
    if (!parsed.ok || !withCodes.ok) throw new Error('not read');
    const want = readTableRegister(doc, url, parsed.mapping);
    if (!want.ok) throw new Error(want.reason);
    const { formId: _i, formName: _n, ...rest } = want.data;
    expect(withCodes.read.data).toEqual(rest);
    expect(previewRead(withCodes.read).summary).toBe(`${rest.pupils.length} pupils × 10 sessions; every code mapped`);
  });

  it('Beacon MIS fixture: rows, two label cells, yearless headers; the same read as the demo adapter', () => {
    const text = readFileSync(join(resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'demo'), 'register-pending.html'), 'utf8');
    const doc = parseHtml(text);
    const url = new URL('http://127.0.0.1:5173/register/4?week=2026-11-16');
    const r = inferRegister(doc, url, doc.querySelector('table.reg-grid')!);
    if (!r.ok) throw new Error(r.reason);
    expect(r.register).toMatchObject({ orientation: 'pupils-as-rows', headerLines: 2, labelCells: 2, sessions: { date: 'd/m' } });
    const want = demoAdapter.readRegister(doc, url);
    if (!want.ok) throw new Error(want.reason);
    const { formId: _i, formName: _n, ...rest } = want.data;
    // Pending edits are not inferred (the picker would ask for an edited cell): compare saved marks.
    expect(r.read.data.sessions).toEqual(rest.sessions);
    expect(r.read.data.pupils.map((p) => [p.pupilId, p.name])).toEqual(rest.pupils.map((p) => [p.pupilId, p.name]));
    const saved = (ps: typeof rest.pupils) => ps.map((p) => [...p.marks, ...p.pending].sort((a, b) => (a.date + a.session).localeCompare(b.date + b.session)));
    expect(saved(r.read.data.pupils)).toEqual(saved(rest.pupils));
  });

  it('says why when the picked element is not a register', () => {
    const doc = parseHtml('<!doctype html><html><body><table><tr><th>Name</th><th>Score</th></tr><tr><td>A</td><td>3</td></tr></table></body></html>');
    const r = inferRegister(doc, new URL('http://x/scores'), doc.querySelector('table')!);
    expect(r).toEqual({
      ok: false,
      reason: 'No layout found: the table needs session headers with a date (or weekday) and AM/PM, and a pupil id in a link or data attribute on each pupil line',
    });
  });

  it('urlPattern turns id segments into wildcards', () => {
    expect(urlPattern(new URL('http://x/register/4?week=2026-11-16'))).toBe('^/register/[^/]+(?:[?#]|$)');
    expect(new RegExp(urlPattern(new URL('http://x/register/4'))).test('/register/12?week=1')).toBe(true);
    expect(new RegExp(urlPattern(new URL('http://x/register/4'))).test('/registers/12')).toBe(false);
  });
});
