// @vitest-environment happy-dom
// The table adapter's pupil-page reader (one session per row), on Kestrel MIS pages of the generated
// school: every mark the page shows must come back with its statutory code, compared with the
// school's own history; and hand-checked failures.
import { describe, expect, it } from 'vitest';
import { altPupilPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { academicYearStart, sessionKey, toEpochDay } from '../../engine/dates.ts';
import { codeAt } from '../../engine/history.ts';
import { parseMapping } from './parse-mapping.ts';
import { previewRead } from './preview-read.ts';
import { readTablePupil } from './read-table-pupil.ts';

const parsed = parseMapping(kestrelMapping);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const KESTREL = parsed.mapping;
const school = generateSchool();

describe('readTablePupil: Kestrel MIS pupil page', () => {
  // The first pupil is a boundary pupil with 30 sessions of illness (I, shown as I_F).
  const p = school.pupils[0]!;
  const url = new URL(`http://127.0.0.1:5190/alt/pupil/${p.id}`);
  const doc = parseHtml(altPupilPage(school, p.id)!);

  it('reads the details and this year\'s marks, translated to statutory codes', () => {
    const r = readTablePupil(doc, url, KESTREL);
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.pupilId).toBe(p.id);
    expect(r.data.name).toBe(`${p.forename} ${p.surname}`);
    expect(r.data.attributes).toEqual({ upn: p.upn, yearGroup: p.yearGroup, className: school.forms.find((f) => f.id === p.formId)!.name });
    const h = school.histories.get(p.id)!;
    const from = toEpochDay(academicYearStart(school.today));
    // Every marked session this year up to today, and nothing else.
    let expected = 0;
    for (let day = from; day <= toEpochDay(school.today); day++) {
      for (const half of [0, 1]) if (codeAt(h, day * 2 + half) !== '') expected++;
    }
    expect(r.data.marks.length).toBe(expected);
    for (const m of r.data.marks) expect(m.code, `${m.date} ${m.session}`).toBe(codeAt(h, sessionKey(m.date, m.session)));
    const illness = r.data.marks.filter((m) => m.code === 'I');
    expect(illness.length).toBeGreaterThanOrEqual(30);
    expect(new Set(illness.map((m) => m.original))).toEqual(new Set(['I_F']));
    expect(previewRead(r).summary).toBe(`${p.forename} ${p.surname}: ${expected} marks; every code mapped`);
  });

  it('fails naming the row and mapping field when a row does not fit', () => {
    const html = altPupilPage(school, p.id)!;
    const badDate = parseHtml(html.replace(/<td class="k-date">[^<]*</, '<td class="k-date">tomorrow<'));
    expect(readTablePupil(badDate, url, KESTREL)).toEqual({
      ok: false,
      reason: 'Kestrel MIS pupil page: session row 1: "tomorrow" is not a date of the form "d mon y" (mapping field pupil.date)',
    });
    const noId = parseHtml(html.replace('id="k-stuno"', 'id="k-x"'));
    expect(readTablePupil(noId, url, KESTREL)).toEqual({ ok: false, reason: 'Kestrel MIS pupil page: no pupil id (mapping field pupil.pupilId)' });
  });

  it('takes the id from the address when the mapping says so', () => {
    const fromUrl = { ...KESTREL, pupil: { ...KESTREL.pupil!, pupilId: { from: 'url' as const, pattern: '^/alt/pupil/([^/]+)$' } } };
    const r = readTablePupil(doc, url, fromUrl);
    expect(r.ok && r.data.pupilId).toBe(p.id);
  });
});
