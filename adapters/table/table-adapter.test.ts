// @vitest-environment happy-dom
// The table adapter built from the Kestrel mapping, on saved pages (design.md: page detectors are
// tested as a matrix — true for their own saved pages, false for every other page in test/fixtures).
// The Kestrel fixtures were captured and anonymised by test/fixtures/alt/capture.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { parseMapping } from './parse-mapping.ts';
import { previewRead } from './preview-read.ts';
import { tableAdapter } from './table-adapter.ts';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures');
const parsed = parseMapping(kestrelMapping);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const adapter = tableAdapter(parsed.mapping);

/** A saved page and the address noted in its header comment ("URL: /path."). */
function fixture(dir: string, file: string): { doc: Document; url: URL } {
  const text = readFileSync(join(FIXTURES, dir, file), 'utf8');
  const path = /URL: (\S+?)\.? /.exec(text)?.[1];
  if (!path) throw new Error(`${dir}/${file}: no "URL:" in the fixture's note`);
  return { doc: parseHtml(text), url: new URL(path, 'http://127.0.0.1:5190') };
}

const EXPECTED: Record<string, 'register' | 'pupil' | null> = {
  'alt/register-this-week.html': 'register',
  'alt/register-half-term.html': 'register',
  'alt/pupil.html': 'pupil',
  'alt/home.html': null,
};

describe('tableAdapter(Kestrel mapping).detect', () => {
  const others = readdirSync(join(FIXTURES, 'demo')).filter((f) => f.endsWith('.html'));
  it.each(Object.entries(EXPECTED))('%s → %s', (name, kind) => {
    const [dir, file] = name.split('/') as [string, string];
    const { doc, url } = fixture(dir, file);
    expect(adapter.detect(url, doc)).toBe(kind);
  });
  it.each(others)('demo/%s (Beacon MIS or another site) → null', (file) => {
    const { doc, url } = fixture('demo', file);
    expect(adapter.detect(url, doc)).toBeNull();
  });
  it('needs both the address and the page', () => {
    const { doc } = fixture('alt', 'register-this-week.html');
    expect(adapter.detect(new URL('http://127.0.0.1/alt/registers'), doc)).toBeNull();
    const { url } = fixture('alt', 'register-this-week.html');
    expect(adapter.detect(url, fixture('demo', 'register-this-week.html').doc)).toBeNull();
  });
});

describe('tableAdapter(Kestrel mapping) on the anonymised fixtures', () => {
  it('reads the week: 32 pupils × 10 sessions, stand-in names and ids', () => {
    const { doc, url } = fixture('alt', 'register-this-week.html');
    const r = adapter.readRegister(doc, url);
    expect(previewRead(r).summary).toBe('32 pupils × 10 sessions; every code mapped');
    if (!r.ok) return;
    expect(r.data.weekStart).toBe('2026-11-16');
    expect(r.data.pupils[0]!.pupilId).toBe('9999');
    // Every pupil has a mark for every session up to today (Friday): 10 each.
    expect(r.data.pupils.map((p) => p.marks.length)).toEqual(r.data.pupils.map(() => 10));
  });

  it('reads a half-term week as sessions with no marks', () => {
    const { doc, url } = fixture('alt', 'register-half-term.html');
    const r = adapter.readRegister(doc, url);
    expect(r.ok && r.data.sessions.length).toBe(10);
    expect(r.ok && r.data.pupils.flatMap((p) => p.marks)).toEqual([]);
  });

  it('reads the pupil page under its stand-in id', () => {
    const { doc, url } = fixture('alt', 'pupil.html');
    const r = adapter.readPupil(doc, url);
    expect(r.ok && [r.data.pupilId, r.data.attributes.upn]).toEqual(['9999', 'Z000000000001']);
    expect(r.ok && r.data.marks.length).toBeGreaterThan(100);
  });
});
