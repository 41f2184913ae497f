// @vitest-environment happy-dom
// Where the overlays go on pages read through a mapping: on a Kestrel register (pupils as columns) the
// badge goes in each pupil's name header cell, on a Beacon register described by a pupils-as-rows
// mapping in each row's name cell (the very cells the hand-written demo anchors pick), and the ids are
// those the table adapter reads (what was ingested). The pupil card goes after the pupil's name.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { altPupilPage, altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { demoOverlayAnchors } from '../demo/overlay-anchors.ts';
import { beaconMapping } from './beacon-mapping.test-support.ts';
import type { TableMapping } from './mapping-schema.ts';
import { overlayAnchors } from './overlay-anchors.ts';
import { parseMapping } from './parse-mapping.ts';
import { readTablePupil } from './read-table-pupil.ts';
import { readTableRegister } from './read-table-register.ts';

function mapping(m: unknown): TableMapping {
  const r = parseMapping(m);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.mapping;
}
const KESTREL = mapping(kestrelMapping);
const school = generateSchool();
const form = school.forms[3]!;
const formPupils = school.pupils.filter((p) => p.formId === form.id);
const registerUrl = new URL(`http://127.0.0.1:5190/alt/register?form=${form.id}&week=2026-11-16`);

function kestrelRegister(): Document {
  return parseHtml(altRegisterPage(school, form.id, '2026-11-16')!);
}

describe('overlayAnchors: Kestrel MIS (pupils as columns)', () => {
  it('one anchor per pupil column, in page order: the name header cell, with the id the adapter reads', () => {
    const doc = kestrelRegister();
    const read = readTableRegister(doc, registerUrl, KESTREL);
    if (!read.ok) throw new Error(read.reason);
    const rows = overlayAnchors(KESTREL).registerRows(doc);
    expect(rows.map((r) => r.pupilId)).toEqual(read.data.pupils.map((p) => p.pupilId));
    expect(rows.map((r) => r.pupilId)).toEqual(formPupils.map((p) => p.id));
    for (const { pupilId, hostAnchor } of rows) {
      expect(hostAnchor.matches('thead th.k-stu')).toBe(true);
      expect(hostAnchor.querySelector('a')!.getAttribute('href')).toBe(`/alt/pupil/${pupilId}`);
    }
    // The day and session label cells and the totals row are not pupils.
    expect(rows.some((r) => r.hostAnchor.closest('tfoot') !== null || !r.hostAnchor.classList.contains('k-stu'))).toBe(false);
  });

  it('the pupil card goes after the pupil name the mapping reads', () => {
    const p = formPupils[0]!;
    const doc = parseHtml(altPupilPage(school, p.id)!);
    const read = readTablePupil(doc, new URL(`http://127.0.0.1:5190/alt/pupil/${p.id}`), KESTREL);
    expect(read.ok && read.data.pupilId).toBe(p.id);
    expect(overlayAnchors(KESTREL).pupilCard(doc)).toBe(doc.querySelector('h1.k-name'));
  });

  it('a mapping of the register only (as the picker makes) places no pupil card', () => {
    const { pupil: _, ...registerOnly } = KESTREL;
    const doc = parseHtml(altPupilPage(school, formPupils[0]!.id)!);
    expect(overlayAnchors(registerOnly).pupilCard(doc)).toBeNull();
  });

  it('a page the mapping does not fit, or a selector the browser refuses, gives no anchors (never throws)', () => {
    const doc = kestrelRegister();
    expect(overlayAnchors({ ...KESTREL, register: { ...KESTREL.register!, table: 'table.nope' } }).registerRows(doc)).toEqual([]);
    expect(overlayAnchors({ ...KESTREL, register: { ...KESTREL.register!, table: '[[' } }).registerRows(doc)).toEqual([]);
    expect(overlayAnchors({ ...KESTREL, pupil: { ...KESTREL.pupil!, name: { selector: '[[', from: 'text' } } }).pupilCard(doc)).toBeNull();
    const { register: _, ...pupilOnly } = KESTREL;
    expect(overlayAnchors(pupilOnly).registerRows(doc)).toEqual([]);
  });
});

describe('overlayAnchors: pupils-as-rows mappings', () => {
  // Beacon MIS (the first demo MIS) described by a mapping (adapters/table/beacon-mapping.test-support.ts).
  const BEACON = mapping(beaconMapping);

  const DIR = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'demo');

  it.each(['register-this-week.html', 'register-pending.html'])('%s: the name cells the demo anchors pick, with the same ids', (file) => {
    const doc = parseHtml(readFileSync(join(DIR, file), 'utf8'));
    const want = demoOverlayAnchors.registerRows(doc);
    expect(want.length).toBeGreaterThan(20);
    expect(overlayAnchors(BEACON).registerRows(doc)).toEqual(want);
    expect(overlayAnchors(BEACON).pupilCard(doc)).toBeNull(); // the mapping describes no pupil page
  });

  it('a hand-written table: the name cell (not the id cell), header and totals lines left out, a line without an id skipped', () => {
    const doc = parseHtml(`<table id="r">
<tr><th>Id</th><th>Pupil</th><th>12/01/2026 AM</th><th>12/01/2026 PM</th></tr>
<tr><td class="id">501</td><td class="nm">Smith, Amy</td><td>/</td><td>\\</td></tr>
<tr><td class="id"></td><td class="nm">Nobody</td><td></td><td></td></tr>
<tr><td class="id">502</td><td class="nm">O'Brien, Seán</td><td>N</td><td>L</td></tr>
<tr><td></td><td>Totals</td><td>1</td><td>2</td></tr>
</table>`);
    const m = mapping({
      format: 'attendance-overlay/mis-mapping',
      version: 1,
      id: 'plain',
      name: 'Plain MIS',
      detect: { selector: '#r' },
      register: {
        url: '^/r',
        table: '#r',
        orientation: 'pupils-as-rows',
        headerLines: 1,
        labelCells: 2,
        footerLines: 1,
        pupilId: { cell: 0, from: 'text' },
        name: { cell: 1, from: 'text' },
        sessions: { date: 'd/m/y' },
        mark: { sources: [{ from: 'text' }] },
      },
      codes: {},
    });
    const rows = overlayAnchors(m).registerRows(doc);
    expect(rows.map((r) => [r.pupilId, r.hostAnchor.textContent])).toEqual([
      ['501', 'Smith, Amy'],
      ['502', "O'Brien, Seán"],
    ]);
    expect(rows.every((r) => r.hostAnchor.classList.contains('nm'))).toBe(true);
  });
});
