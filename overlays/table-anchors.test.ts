// @vitest-environment happy-dom
// The register overlay on a page read through a mapping: on a Kestrel register (pupils as columns) the
// anchors of adapters/table/overlay-anchors.ts put one badge host in each pupil's name header cell.
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../adapters/table/parse-mapping.ts';
import { overlayAnchors } from '../adapters/table/overlay-anchors.ts';
import { altRegisterPage } from '../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../demo/alt/parse-html.ts';
import { generateSchool } from '../demo/generate/generate-school.ts';
import { makePupil } from '../test/pupil-results.ts';
import { fakeQuery } from './fake-query.test-support.ts';
import { initRegisterOverlay } from './register-overlay.ts';

const parsed = parseMapping(kestrelMapping);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const KESTREL = parsed.mapping;
const school = generateSchool();
const form = school.forms[3]!;
const formPupils = school.pupils.filter((p) => p.formId === form.id);

function kestrelRegister(): Document {
  return parseHtml(altRegisterPage(school, form.id, '2026-11-16')!);
}

describe('register overlay on a Kestrel register read through a mapping', () => {
  it('mounts one badge host inside each name header cell', async () => {
    const doc = kestrelRegister();
    document.body.replaceChildren(document.importNode(doc.querySelector('main')!, true));
    const rows = overlayAnchors(KESTREL).registerRows(document);
    const results = Object.fromEntries(rows.map((r) => [r.pupilId, makePupil({ pupilId: r.pupilId })]));
    const { query, calls } = fakeQuery(results);
    const ac = new AbortController();
    await initRegisterOverlay({ doc: document, rows, query }, ac.signal).ready;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.pupilIds).toEqual(formPupils.map((p) => p.id));
    for (const th of document.querySelectorAll('th.k-stu')) {
      const hosts = th.querySelectorAll('[data-att-host]');
      expect(hosts).toHaveLength(1);
      const id = th.querySelector('a')!.getAttribute('href')!.split('/').pop();
      expect(hosts[0]!.shadowRoot!.querySelector('.att-row')!.getAttribute('data-att-pupil')).toBe(id);
    }
    ac.abort();
    expect(document.querySelectorAll('[data-att-host]')).toHaveLength(0);
    document.body.replaceChildren();
  });

});
