// @vitest-environment happy-dom
// The anonymiser on Kestrel MIS pages of the generated school ("the anonymiser leaves no
// original name or id in the saved file (test with the generated school's names)"), on what the
// capture screen would know (the adapter's read plus the fields the user marked), and on a hand-made
// page full of things that could run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../table/parse-mapping.ts';
import { tableAdapter } from '../table/table-adapter.ts';
import { altPupilPage, altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { mondayOf } from '../../engine/dates.ts';
import { anonymise, type KnownPupil } from './anonymise.ts';
import { newStandInMap } from './stand-ins.ts';

const school = generateSchool();
const parsed = parseMapping(kestrelMapping);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const adapter = tableAdapter(parsed.mapping);
const week = mondayOf(school.today);
const form = school.forms[3]!;
const regUrl = new URL(`http://127.0.0.1:5190/alt/register?form=${form.id}&week=${week}`);
const pupil = school.pupils.find((p) => p.formId === form.id)!;
const pupilUrl = new URL(`http://127.0.0.1:5190/alt/pupil/${pupil.id}`);
const html = (doc: Document) => doc.documentElement.outerHTML;
const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');
const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** The page's text and attribute values (what a reader of the file sees; not tag names such as <li>). */
function pageText(doc: Document): string {
  const out: string[] = [...doc.childNodes].filter((n) => n.nodeType === 8).map((n) => n.nodeValue ?? '');
  for (const el of doc.querySelectorAll('*')) {
    for (const a of el.attributes) out.push(a.value);
    for (const n of el.childNodes) if (n.nodeType === 3 || n.nodeType === 8) out.push(n.nodeValue ?? '');
  }
  return out.join('\n');
}

/** Every identifying string of every pupil of the school that is found in `text`. */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const p of school.pupils) {
    for (const s of [p.id, p.upn, p.forename, p.surname, `${p.forename} ${p.surname}`, p.address, dmy(p.dateOfBirth), p.dateOfBirth]) {
      if (word(s).test(text)) found.push(`${p.id}: ${s}`);
    }
  }
  return found;
}

describe('anonymise', () => {
  it('the pages really carry the identities (so the leak check can fail)', () => {
    const text = html(parseHtml(altRegisterPage(school, form.id, week)!)) + html(parseHtml(altPupilPage(school, pupil.id)!));
    const before = leaks(text);
    expect(before).toContain(`${pupil.id}: ${pupil.forename} ${pupil.surname}`);
    expect(before).toContain(`${pupil.id}: ${dmy(pupil.dateOfBirth)}`);
    expect(before).toContain(`${pupil.id}: ${pupil.address}`);
  });

  it('with every pupil of the generated school known, leaves no name, id, UPN, address or date of birth', () => {
    const known: KnownPupil[] = school.pupils.map((p) => ({
      id: p.id,
      name: `${p.forename} ${p.surname}`,
      upn: p.upn,
      dateOfBirth: p.dateOfBirth,
      address: p.address,
    }));
    const standIns = newStandInMap();
    for (const page of [altRegisterPage(school, form.id, week)!, altPupilPage(school, pupil.id)!, altRegisterPage(school, school.forms[0]!.id, week)!]) {
      const out = anonymise(parseHtml(page), { pupils: known, standIns, redact: { notes: ['.k-note'] } });
      expect(leaks(html(out.doc))).toEqual([]);
    }
  });

  it('with only what the capture screen knows (the read, and the fields the user marked), the page is clean', () => {
    const standIns = newStandInMap();
    const reg = parseHtml(altRegisterPage(school, form.id, week)!);
    const regRead = adapter.readRegister(reg, regUrl);
    if (!regRead.ok) throw new Error(regRead.reason);
    const regOut = anonymise(reg, { pupils: regRead.data.pupils.map((p) => ({ id: p.pupilId, name: p.name })), standIns });
    expect(leaks(html(regOut.doc))).toEqual([]);

    const page = parseHtml(altPupilPage(school, pupil.id)!);
    const read = adapter.readPupil(page, pupilUrl);
    if (!read.ok) throw new Error(read.reason);
    const out = anonymise(page, {
      pupils: [{ id: read.data.pupilId, name: read.data.name, ...(read.data.attributes.upn ? { upn: read.data.attributes.upn } : {}) }],
      standIns,
      redact: { notes: ['.k-note'], addresses: ['.k-address'], datesOfBirth: ['.k-dob'] },
    });
    expect(leaks(html(out.doc))).toEqual([]);
    expect(out.counts.redacted).toBe(3);
    expect(out.doc.querySelector('.k-note')?.textContent).toBe('[note removed]');
  });

  it('gives the same pupil the same stand-in on every page, and the copy still reads the same marks', () => {
    const standIns = newStandInMap();
    const known = school.pupils.map((p) => ({ id: p.id, name: `${p.forename} ${p.surname}`, upn: p.upn }));
    const reg = anonymise(parseHtml(altRegisterPage(school, form.id, week)!), { pupils: known, standIns }).doc;
    const pup = anonymise(parseHtml(altPupilPage(school, pupil.id)!), { pupils: known, standIns }).doc;
    const s = standIns.pupils[pupil.id]!;
    expect(s.id).toMatch(/^\d{4}$/); // same shape as the MIS's ids, so the mapping's patterns still match
    expect(s.id).not.toBe(pupil.id);

    const before = adapter.readRegister(parseHtml(altRegisterPage(school, form.id, week)!), regUrl);
    const after = adapter.readRegister(reg, new URL(`http://127.0.0.1:5190/alt/register?form=${form.id}&week=${week}`));
    if (!before.ok || !after.ok) throw new Error('register not read');
    expect(after.data.pupils.map((p) => p.marks)).toEqual(before.data.pupils.map((p) => p.marks));
    const mine = after.data.pupils.find((p) => p.pupilId === s.id);
    expect(mine?.name).toBe(`${s.forename} ${s.surname}`);

    const pupRead = adapter.readPupil(pup, new URL(`http://127.0.0.1:5190/alt/pupil/${s.id}`));
    expect(pupRead.ok && [pupRead.data.pupilId, pupRead.data.name, pupRead.data.attributes.upn]).toEqual([s.id, `${s.forename} ${s.surname}`, s.upn]);
  });

  it('removes everything that could run or fetch, and leaves the original document untouched', () => {
    const src = parseHtml(`<!doctype html><html><head><base href="http://evil.example/"><script>steal()</script>
<meta http-equiv="refresh" content="0;url=http://x"></head><body onload="go()">
<!-- debug: pupil Amy Smith 1042 -->
<a href="javascript:alert(1)" onclick="x()" title="Amy Smith">Smith, Amy</a>
<iframe srcdoc="<p>hi</p>"></iframe><object data="x.swf"></object><noscript>Amy</noscript>
<p>Call 07700 900123 or amy.smith@example.org, AS1 6DQ, UPN K999204126505.</p>
<img src="x.png" onerror="y()" alt="photo of Amy"></body></html>`);
    const before = html(src);
    const out = anonymise(src, { pupils: [{ id: '1042', name: 'Amy Smith' }], standIns: newStandInMap() });
    const text = html(out.doc);
    expect(html(src)).toBe(before);
    for (const bad of ['<script', 'steal', '<base', 'http-equiv', 'onload', 'onclick', 'onerror', 'javascript:', '<iframe', 'srcdoc', '<object', '<noscript', '<!--']) {
      expect(text, bad).not.toContain(bad);
    }
    for (const bad of ['Amy', 'Smith', '1042', '07700 900123', 'amy.smith@example.org', 'AS1 6DQ', 'K999204126505']) {
      expect(text, bad).not.toContain(bad);
    }
    expect(text).toContain('01632 960000');
    expect(text).toContain('someone@example.invalid');
    expect(text).toContain('ZZ99 9ZZ');
    expect(out.doc.querySelector('a')?.getAttribute('title')).toBe(`${out.doc.querySelector('a')?.textContent?.split(', ').reverse().join(' ')}`);
  });

  it('the committed Kestrel fixtures (test/fixtures/alt, made by capture.ts) hold no name or id of the generated school', () => {
    const dir = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'alt');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    // Class names are not pupils' data ("Year 5 Hazel" stays on the home page, which names no pupil).
    const classWords = new Set(school.forms.flatMap((f) => f.name.toLowerCase().split(/[\s/]+/)));
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/<script|\son\w+=/i);
      const found = leaks(pageText(parseHtml(text))).filter((l) => !classWords.has(l.split(': ')[1]!.toLowerCase()));
      expect(found, f).toEqual([]);
    }
  });

  it('drops credentials and embedded pictures: hidden form values, secret query parameters, data: images', () => {
    const src = parseHtml(`<!doctype html><html><head><meta name="csrf-token" content="abc123"></head><body>
<form action="/save?form=4&amp;_token=abc123"><input type="hidden" name="_token" value="abc123"><input name="q" value="kept"></form>
<a href="/pupil/1042?tab=att&amp;sessionid=s3cr3t#marks">record</a>
<img class="photo" src="data:image/jpeg;base64,/9j/4AAQSkZJRg==" srcset="data:image/jpeg;base64,AAAA 2x">
<div style="background:url('data:image/png;base64,iVBOR') no-repeat">x</div></body></html>`);
    const out = anonymise(src, { pupils: [{ id: '1042', name: 'Amy Smith' }], standIns: newStandInMap() });
    const text = html(out.doc);
    for (const bad of ['abc123', 's3cr3t', 'csrf-token', '/9j/4AAQ', 'iVBOR', 'srcset']) expect(text, bad).not.toContain(bad);
    expect(out.doc.querySelector('a')?.getAttribute('href')).toBe('/pupil/9999?tab=att#marks');
    expect(out.doc.querySelector('form')?.getAttribute('action')).toBe('/save?form=4');
    expect(out.doc.querySelector('input[name=q]')?.getAttribute('value')).toBe('kept');
    expect(out.doc.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  });
});
