// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { cssPath } from './css-path.ts';

const doc = parseHtml(`<!doctype html><html><body>
<div id="app"><main><table class="reg grid"><tr><td>a</td><td>b</td></tr></table><table class="reg"><tr><td>c</td></tr></table></main></div>
<p id="row-123456">x</p><section><p class="note">n1</p><p class="note">n2</p></section>
<footer class="foot">Kestrel MIS</footer></body></html>`);

describe('cssPath', () => {
  it('selects exactly the picked element, as briefly as it can', () => {
    const cases: [Element, string][] = [
      [doc.querySelector('table.grid')!, 'table.reg.grid'],
      [doc.querySelectorAll('table')[1]!, 'table.reg:nth-of-type(2)'],
      [doc.querySelector('footer')!, 'footer.foot'],
      [doc.querySelectorAll('td')[1]!, 'td:nth-of-type(2)'],
      [doc.querySelectorAll('.note')[1]!, 'p.note:nth-of-type(2)'],
    ];
    for (const [el, want] of cases) {
      const sel = cssPath(el);
      expect(sel).toBe(want);
      expect([...doc.querySelectorAll(sel)]).toEqual([el]);
    }
  });

  it('does not rely on generated ids', () => {
    const el = doc.querySelector('#row-123456')!;
    const sel = cssPath(el);
    expect(sel).not.toContain('123456');
    expect([...doc.querySelectorAll(sel)]).toEqual([el]);
  });

  it('uses a stable id of an ancestor', () => {
    const td = doc.querySelector('table.reg:not(.grid) td')!;
    const sel = cssPath(td);
    expect([...doc.querySelectorAll(sel)]).toEqual([td]);
  });
});
