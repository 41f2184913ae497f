// @vitest-environment happy-dom
// The leaks a security review found in the anonymiser: form controls and attributes of labelled
// fields, dates of birth in attributes, percent-encoded and glued names and ids, pupils named after a
// month or weekday, embedded images outside src/style, and SVG animations that set a javascript: URL.
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { anonymise, type KnownPupil } from './anonymise.ts';
import { labelledFields } from './labelled-fields.ts';
import { newStandInMap } from './stand-ins.ts';

const AMY: KnownPupil = { id: '1042', name: 'Amy Smith', upn: 'A123456789012' };
const page = (body: string) => parseHtml(`<!doctype html><html><head></head><body>${body}</body></html>`);
const html = (doc: Document) => doc.documentElement.outerHTML;
const run = (doc: Document, pupils: KnownPupil[] = [AMY]) =>
  anonymise(doc, { pupils, standIns: newStandInMap(), redact: labelledFields(doc) });

describe('labelled fields that are form controls', () => {
  it('replaces the value of a labelled input, textarea and select, and blanks their other attributes', () => {
    const doc = page(`<form>
<label for="dob">Date of birth</label><input id="dob" value="2015-03-04" title="4 March 2015" placeholder="2015-03-04" data-raw="20150304" aria-label="Born 04/03/2015">
<label for="addr">Address</label><textarea id="addr" class="addr" data-postcode="AS1 6DQ">12 Mill Lane, Leeds</textarea>
<label for="home">Home address</label><select id="home"><option value="12 Mill Lane" selected>12 Mill Lane, Leeds</option></select>
</form>`);
    const out = run(doc);
    const text = html(out.doc);
    for (const leak of ['2015', '04/03', 'March', 'Mill Lane', 'Leeds', 'AS1 6DQ']) expect(text, leak).not.toContain(leak);
    const input = out.doc.querySelector('#dob')!;
    expect(input.getAttribute('value')).toBe('01/01/2000');
    expect(input.getAttribute('title')).toBe('');
    expect(out.doc.querySelector('#addr')?.getAttribute('class')).toBe('addr'); // structure kept for selectors
    expect(out.doc.querySelector('#addr')?.textContent).toBe('1 Example Street, Testtown ZZ99 9ZZ');
    expect(out.doc.querySelector('#home option')?.textContent).toBe('1 Example Street, Testtown ZZ99 9ZZ');
  });

  it('finds dates of birth in attributes and phrases, and replaces those dates wherever else they appear', () => {
    const doc = page(`<div class="card" data-dob="2015-03-04" data-birth-date="04/03/2015">
<span title="Born 04/03/2015">Amy</span><p>DOB: 4 March 2015</p><i data-x="2015-03-04"></i><p>Register 16/11/2026</p></div>`);
    const text = html(run(doc).doc);
    for (const leak of ['2015', '04/03', '4 March']) expect(text, leak).not.toContain(leak);
    expect(text).toContain('Register 16/11/2026'); // other dates are kept
  });
});

describe('encoded and glued names and ids', () => {
  it('replaces names and ids inside percent-encodings, and re-encodes', () => {
    const doc = page(`<a href="/search?q=Smith%2C%20Amy">a</a><a href="/login?returnUrl=%2Fpupil%2F1042">b</a>
<a href="/p?name=Amy%20Smith&amp;upn=A123456789012">c</a><div data-state="%7B%22id%22%3A1042%7D">d</div>`);
    const out = run(doc);
    const text = html(out.doc);
    for (const leak of ['Amy', 'Smith', '1042', 'A123456789012']) expect(text, leak).not.toContain(leak);
    const [a, b, c] = [...out.doc.querySelectorAll('a')].map((e) => e.getAttribute('href')!);
    expect(decodeURIComponent(a!)).toMatch(/^\/search\?q=[A-Z][a-z]+, [A-Z][a-z]+$/);
    expect(b).toBe('/login?returnUrl=%2Fpupil%2F9999');
    expect(decodeURIComponent(c!)).toMatch(/^\/p\?name=[A-Z][a-z]+ [A-Z][a-z]+&upn=Z\d{12}$/);
  });

  it('replaces ids glued to letters (row1042, p1042), not inside longer numbers', () => {
    const doc = page('<table><tr id="row1042" data-key="p1042"><td>10420 sessions, 91042, 1042nd</td></tr></table>');
    const out = run(doc);
    const text = html(out.doc);
    expect(out.doc.querySelector('tr')?.id).toBe('row9999');
    expect(out.doc.querySelector('tr')?.getAttribute('data-key')).toBe('p9999');
    expect(text).toContain('10420 sessions, 91042, 9999nd');
  });

  it('does not break percent-encodings that happen to hold an id', () => {
    const doc = page('<a href="/a?x=%20y">a</a>');
    expect(run(doc, [{ id: '20', name: 'Jo Bloggs' }]).doc.querySelector('a')?.getAttribute('href')).toBe('/a?x=%20y');
  });
});

describe('pupils named after a month or weekday', () => {
  it('replaces their names, except where the word is part of a date', () => {
    const doc = page('<table><tr><td>April</td><td>Jones</td></tr></table><p>Dear May, see you on 4 April 2026, Monday 16 November.</p><p>Seen in May 2026; May rang.</p>');
    const out = run(doc, [
      { id: '1', name: 'April Jones' },
      { id: '2', name: 'May Patel' },
    ]);
    const text = out.doc.body.textContent!;
    expect(text).not.toMatch(/\bApril\b(?! 2026)/);
    expect(text).not.toContain('Dear May');
    expect(text).not.toContain('May rang');
    expect(text).toContain('4 April 2026');
    expect(text).toContain('in May 2026');
  });
});

describe('embedded images and scripts', () => {
  it('replaces data: images in <style> elements and SVG image href / xlink:href', () => {
    const doc = page(`<style>.photo{background:url(data:image/png;base64,iVBORSTYLE)} .b{background-image:url("data:image/svg+xml;utf8,<svg fill='rgb(1,2,3)'/>")}</style>
<svg><image href="data:image/jpeg;base64,/9j/HREF"/><image xlink:href="data:image/jpeg;base64,/9j/XLINK"/></svg>`);
    const text = html(run(doc).doc);
    for (const leak of ['iVBORSTYLE', '/9j/HREF', '/9j/XLINK', 'rgb(1,2,3)']) expect(text, leak).not.toContain(leak);
    expect(text).toContain('.photo{background:none}');
  });

  it('removes SVG animations and any attribute holding a javascript: URL', () => {
    const doc = page(`<svg><a><animate attributeName="href" values="javascript:alert(1)"/><set attributeName="href" to="javascript:alert(2)"/>
<animateMotion dur="1s"/><animateTransform attributeName="transform"/><text>x</text></a></svg>
<math><mi xlink:href=" java&#x09;script:alert(3)">m</mi></math><form action="JavaScript:alert(4)"><button formaction="javascript:alert(5)">go</button></form>
<div data-go="javascript:alert(6)">y</div><embed src="x.swf"><meta http-equiv="refresh" content="0;url=javascript:alert(7)">`);
    const text = html(run(doc).doc);
    for (const bad of ['javascript', 'animate', '<set', 'embed', 'http-equiv', 'alert']) expect(text.toLowerCase(), bad).not.toContain(bad.toLowerCase());
  });
});
