// @vitest-environment happy-dom
// Every selector of the demo adapter matches its fixture pages exactly as many times as selectors.ts
// (selectorFixtures) says, and no other demo fixture at all (a selector that starts matching elsewhere
// is a detector risk).
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../test/fixtures/load-fixtures.ts';
import { selectorFixtures, selectors, type SelectorName } from './selectors.ts';

const counts = selectorFixtures();

const fixtures = loadFixtures().filter((f) => f.file.startsWith('demo/'));

function count(doc: Document, name: SelectorName): number {
  const spec = selectors[name];
  const scopes: ParentNode[] = spec.within ? scopesOf(doc, spec.within as SelectorName) : [doc];
  return scopes.reduce((n, s) => n + s.querySelectorAll(spec.css).length, 0);
}
function scopesOf(doc: Document, name: SelectorName): Element[] {
  const spec = selectors[name];
  const parents: ParentNode[] = spec.within ? scopesOf(doc, spec.within as SelectorName) : [doc];
  return parents.flatMap((p) => [...p.querySelectorAll(spec.css)]);
}

describe('demo selectors against the fixtures', () => {
  const docs = new Map(fixtures.map((f) => [f.name, f.doc()]));

  it('every fixture named in selectors.ts exists', () => {
    for (const [name, spec] of Object.entries(selectors)) {
      for (const f of Object.keys(counts[name as SelectorName])) expect(docs.has(f), `${name} names missing fixture ${f}`).toBe(true);
      if (spec.within) expect(Object.keys(selectors), `${name}.within`).toContain(spec.within);
    }
  });

  for (const name of Object.keys(selectors) as SelectorName[]) {
    it(`${name}: ${selectors[name].css}`, () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const [fixture, doc] of docs) {
        got[fixture] = count(doc, name);
        want[fixture] = counts[name][fixture] ?? 0;
      }
      expect(got).toEqual(want);
    });
  }
});
