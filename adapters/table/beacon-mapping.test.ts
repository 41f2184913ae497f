// @vitest-environment happy-dom
// "The same read payloads as the demo adapter": Beacon MIS (the first demo MIS) described by a mapping
// and read by the table adapter gives exactly what the hand-written demo adapter (adapters/demo)
// reads, on every saved register page — saved and pending marks, sessions, names, class.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { demoAdapter } from '../demo/demo-adapter.ts';
import { beaconMapping } from './beacon-mapping.test-support.ts';
import { parseMapping } from './parse-mapping.ts';
import { tableAdapter } from './table-adapter.ts';

const DIR = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'demo');
const parsed = parseMapping(beaconMapping);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const table = tableAdapter(parsed.mapping);

function fixture(file: string): { doc: Document; url: URL } {
  const text = readFileSync(join(DIR, file), 'utf8');
  const path = /URL: (\S+?)\.? /.exec(text)![1]!;
  return { doc: parseHtml(text), url: new URL(path, 'http://127.0.0.1:5173') };
}

describe('Beacon MIS through a mapping = the demo adapter', () => {
  it.each([
    'register-this-week.html',
    'register-previous-week.html',
    'register-future-week.html',
    'register-half-term.html',
    'register-pending.html',
    'register-multichar.html',
  ])('%s', (file) => {
    const { doc, url } = fixture(file);
    const want = demoAdapter.readRegister(doc, url);
    expect(want.ok).toBe(true);
    expect(table.detect(url, doc)).toBe('register');
    expect(table.readRegister(doc, url)).toEqual(want);
  });

  // (malformed-register-unknown-week.html only loses the headers' data-date attributes; the mapping
  // reads the dates from the visible text, so it reads that page — correctly — where the demo adapter cannot.)
  it.each(['malformed-register-no-header.html', 'malformed-register-short-row.html'])(
    '%s is refused by both',
    (file) => {
      const { doc, url } = fixture(file);
      expect(demoAdapter.readRegister(doc, url).ok).toBe(false);
      const r = table.readRegister(doc, url);
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.reason).toMatch(/^Beacon MIS register: /);
    },
  );
});
