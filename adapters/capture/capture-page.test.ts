// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../table/parse-mapping.ts';
import { tableAdapter } from '../table/table-adapter.ts';
import { altPupilPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { tinySchool } from '../../demo/server/tiny-school.ts';
import { capturePage } from './capture-page.ts';
import { newStandInMap } from './stand-ins.ts';

const parsed = parseMapping(kestrelMapping);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const adapter = tableAdapter(parsed.mapping);
const school = tinySchool();

describe('capturePage', () => {
  it('writes the anonymised pupil page with its note, and previews what it replaced', () => {
    const p = school.pupils[0]!; // 1001 Amelia Adams
    const url = new URL(`http://127.0.0.1:5190/alt/pupil/${p.id}`);
    const c = capturePage({
      doc: parseHtml(altPupilPage(school, p.id)!),
      url,
      adapter,
      standIns: newStandInMap(),
      redact: { notes: ['.k-note'], addresses: ['.k-address'], datesOfBirth: ['.k-dob'] },
      misName: 'Kestrel MIS 3.2',
      capturedOn: '2026-11-23',
    });
    expect(c.fileName).toBe('pupil-9999.html');
    expect(c.html.split('\n')[0]).toBe(
      '<!-- Fixture: pupil. MIS: Kestrel MIS 3.2. URL: /alt/pupil/9999. Captured 2026-11-23, anonymised by lib/anonymise (names, ids, UPNs, dates of birth, addresses and notes replaced; scripts removed). -->',
    );
    expect(c.replaced).toEqual([{ original: 'Amelia Adams', standIn: 'Karete Miteka' }]);
    for (const leak of ['Amelia', 'Adams', '1001', p.upn, 'Station Road', '<script']) expect(c.html, leak).not.toContain(leak);
    expect(c.warning).toBeUndefined();
    // The capture reads back under its stand-in.
    const again = adapter.readPupil(parseHtml(c.html), new URL('http://127.0.0.1:5190/alt/pupil/9999'));
    expect(again.ok && again.data.name).toBe('Karete Miteka');
  });

  it('warns when no adapter recognises the page (only patterns and marked fields are replaced)', () => {
    const doc = parseHtml('<!doctype html><html><body><p>Postcode LS1 4AB</p><p class="n">Amelia rang</p></body></html>');
    const c = capturePage({ doc, url: new URL('http://x/elsewhere'), adapter, standIns: newStandInMap(), redact: { notes: ['.n'] }, misName: 'Kestrel MIS', capturedOn: '2026-11-23' });
    expect(c.warning).toMatch(/^No adapter recognises this page/);
    expect(c.html).not.toContain('LS1 4AB');
    expect(c.html).not.toContain('Amelia');
    expect(c.fileName).toBe('page.html');
  });

  it("the note's address goes through the same replacement as the page: names, UPNs and encoded ids in the query, credentials", () => {
    const doc = parseHtml('<!doctype html><html><body><p>Amy Smith</p></body></html>');
    const c = capturePage({
      doc,
      url: new URL('http://x/app;jsessionid=S3CR3T/pupil?id=1042&name=Amy%20Smith&upn=A123456789012&back=%2Fpupil%2F1042&q=Smith%2C%20Amy#access_token=T0K3N'),
      pupils: [{ id: '1042', name: 'Amy Smith', upn: 'A123456789012' }],
      standIns: newStandInMap(),
      misName: 'Some MIS',
      capturedOn: '2026-11-23',
    });
    const note = c.html.split('\n')[0]!;
    for (const leak of ['Amy', 'Smith', '1042', 'A123456789012', 'S3CR3T', 'jsessionid', 'T0K3N']) expect(note, leak).not.toContain(leak);
    expect(note).toContain('URL: /app/pupil?id=9999&name=Karete Miteka&upn=Z000000000001&back=/pupil/9999&q=Miteka, Karete.');
  });
});
