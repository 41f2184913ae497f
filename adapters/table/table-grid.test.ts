// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { tableGrid } from './table-grid.ts';

function table(html: string): Element[] {
  const t = document.createElement('table');
  // Test-only markup we wrote ourselves (not page or imported text).
  t.innerHTML = html;
  return [...t.querySelectorAll('tr')];
}
const texts = (g: (Element | null)[][]) => g.map((l) => l.map((c) => c?.textContent ?? null));

describe('tableGrid', () => {
  it('expands colspan (a date over AM and PM) and rowspan (a day over two rows)', () => {
    const rows = table('<tr><th rowspan="2">Name</th><th colspan="2">12 Jan</th></tr><tr><th>AM</th><th>PM</th></tr><tr><td>A</td><td>/</td><td>\\</td></tr>');
    expect(texts(tableGrid(rows, false))).toEqual([
      ['Name', '12 Jan', '12 Jan'],
      ['Name', 'AM', 'PM'],
      ['A', '/', '\\'],
    ]);
  });

  it('transposes so pupils are lines when they are columns', () => {
    const rows = table('<tr><th>Day</th><th>Session</th><th>A</th><th>B</th></tr><tr><th rowspan="2">Mon</th><th>AM</th><td>1</td><td>2</td></tr><tr><th>PM</th><td>3</td><td>4</td></tr>');
    expect(texts(tableGrid(rows, true))).toEqual([
      ['Day', 'Mon', 'Mon'],
      ['Session', 'AM', 'PM'],
      ['A', '1', '3'],
      ['B', '2', '4'],
    ]);
  });

  it('leaves holes as null when rows are short', () => {
    const rows = table('<tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>');
    expect(texts(tableGrid(rows, false))).toEqual([
      ['a', 'b'],
      ['c', null],
    ]);
  });
});
