import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { labelledFields } from './labelled-fields.ts';

function doc(html: string): Document {
  const w = new Window();
  w.document.body.innerHTML = html; // test fixture markup, not page text
  return w.document as unknown as Document;
}

describe('labelledFields', () => {
  it('finds the value beside "Date of birth" / "Address" labels, and what follows a "Notes" heading', () => {
    const d = doc(`<dl><dt>Name</dt><dd>Amy</dd><dt>Date of birth:</dt><dd class="x">01/02/2015</dd><dt>Address</dt><dd>1 High St</dd></dl>
      <table><tr><th>DOB</th><td>2015-02-01</td></tr></table>
      <label for="addr">Home address</label><input id="addr" value="2 Low St">
      <section><h2>Notes</h2><p>one</p><p>two</p><h2>Attendance</h2><p>keep</p></section>`);
    const f = labelledFields(d);
    const texts = (sels: string[]) => sels.map((s) => (d.querySelector(s) as HTMLElement).textContent || (d.querySelector(s) as HTMLInputElement).value);
    expect(texts(f.datesOfBirth)).toEqual(['01/02/2015', '2015-02-01']);
    expect(texts(f.addresses)).toEqual(['1 High St', '2 Low St']);
    expect(texts(f.notes)).toEqual(['one', 'two']);
  });

  it('leaves pages without such labels alone', () => {
    const f = labelledFields(doc('<dl><dt>Name</dt><dd>Amy</dd><dt>Born to run</dt><dd>x</dd></dl><h2>Noteworthy</h2><p>y</p>'));
    expect(f).toEqual({ datesOfBirth: [], addresses: [], notes: [] });
  });
});
