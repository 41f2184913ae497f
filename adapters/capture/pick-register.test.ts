// @vitest-environment happy-dom
// Picking the Kestrel register: one click on any cell gives a mapping and the preview the options page
// shows ("N pupils × 10 sessions; K codes not mapped: ✓, …"); mapping the listed codes makes it whole.
import { afterEach, describe, expect, it } from 'vitest';
import { altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { KESTREL_LOCAL_CODES } from '../../demo/alt/alt-mark.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { parseMapping } from '../table/parse-mapping.ts';
import { pickRegister, previewMapping } from './pick-register.ts';

const school = generateSchool();
afterEach(() => document.documentElement.replaceChildren(document.createElement('head'), document.createElement('body')));

describe('pickRegister', () => {
  it('one click on the register → a valid mapping and the preview; mapping the codes completes it', async () => {
    const form = school.forms[3]!;
    const week = '2026-11-16';
    const parsed = new DOMParser().parseFromString(
      // Without its stylesheet and script (happy-dom would try to fetch them).
      altRegisterPage(school, form.id, week)!.replace(/<script[^>]*><\/script>|<link[^>]*>/g, ''),
      'text/html',
    );
    // Live page: the test document takes the register's body (no scripts run in happy-dom's parser).
    document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
    const url = new URL(`http://127.0.0.1:5190/alt/register?form=${form.id}&week=${week}`);
    const ac = new AbortController();
    const result = pickRegister(document, url, ac.signal, 'Kestrel MIS (Ashbrook)');
    document.querySelector('td.k-mark')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const r = await result;
    if (!r.ok) throw new Error(r.error);
    expect(parseMapping(r.mapping).ok).toBe(true);
    expect(r.mapping.id).toBe('kestrel-mis-ashbrook');
    const pupils = school.pupils.filter((p) => p.formId === form.id).length;
    expect(r.preview.summary).toMatch(new RegExp(`^${pupils} pupils × 10 sessions; \\d codes? not mapped: `));
    expect(r.preview.unmapped).toContain('✓');

    const codes = Object.fromEntries(r.preview.unmapped.map((c) => [c, KESTREL_LOCAL_CODES[c]!]));
    const whole = previewMapping(document, url, { ...r.mapping, codes });
    expect(whole).toEqual({ summary: `${pupils} pupils × 10 sessions; every code mapped`, unmapped: [] });
  });

  it('says why when the clicked table is not a register', async () => {
    document.body.innerHTML = '<table><tr><td>Not a register</td></tr></table>'; // test-only markup
    const result = pickRegister(document, new URL('http://x/'), new AbortController().signal);
    document.querySelector('td')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const r = await result;
    expect(r.ok).toBe(false);
  });
});
