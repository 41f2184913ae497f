// Kestrel MIS's server (demo/alt): routes, escaping, and its export in the report command's format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marksCsv } from '../../engine/formats/marks-csv.ts';
import { MARKS_CSV_HEADER } from '../export/marks-csv.ts';
import { tinySchool } from '../server/tiny-school.ts';
import { startAltMis, type AltMis } from './start-alt-mis.ts';

let mis: AltMis;
beforeAll(async () => {
  mis = await startAltMis({ school: tinySchool() });
});
afterAll(() => mis.close());

const get = async (path: string) => {
  const res = await fetch(new URL(path, mis.url));
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

describe('startAltMis', () => {
  it('serves the home page with a link to each form\'s register for this week', async () => {
    const r = await get('');
    expect(r.status).toBe(200);
    expect(r.text).toContain('href="/alt/register?form=11&amp;week=2026-11-16"');
    expect(r.text).toContain('Kestrel MIS 3.2');
  });

  it('serves a register with pupils as columns and escapes names', async () => {
    const r = await get('register?form=11&week=2026-11-16');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Week commencing <strong id="k-wc">16 Nov 2026</strong>');
    // tinySchool's pupil 1032 is called "Ng <b>&amp;</b>": it must arrive as text, not markup.
    expect(r.text).toContain('Ng &#60;b&#62;&#38;amp;&#60;/b&#62;');
    expect(r.text).not.toContain('<b>');
    expect((r.text.match(/class="k-stu"/g) ?? []).length).toBe(32);
    expect((r.text.match(/<tr><th class="k-day"/g) ?? []).length).toBe(5);
  });

  it('answers 404 for an unknown form or pupil and 400 for a bad week', async () => {
    expect((await get('register?form=99')).status).toBe(404);
    expect((await get('pupil/nobody')).status).toBe(404);
    expect((await get('register?form=11&week=2026-13-01')).status).toBe(400);
    expect((await get('nowhere')).status).toBe(404);
  });

  it('exports a marks CSV the report command reads, with the known marks of the tiny school', async () => {
    const r = await get('export/marks.csv');
    expect(r.type).toContain('text/csv');
    expect(r.text.split('\r\n')[0]).toBe(MARKS_CSV_HEADER);
    const read = marksCsv(r.text, 'kestrel-marks.csv');
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.pupils.length).toBe(35);
    // tiny-school.ts: pupil 1001 has N on Tue 17 Nov PM.
    const p = read.pupils.find((x) => x.pupilId === '1001')!;
    expect([...p.marks.values()].find((m) => m.date === '2026-11-17' && m.session === 'PM')?.code).toBe('N');
  });
});
