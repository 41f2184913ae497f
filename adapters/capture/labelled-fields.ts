// The fields of a page that its own labels say are a date of birth, an address or notes
// ("dates of birth, addresses and free-text notes replaced"), as CSS selectors for anonymise()'s
// `redact`. A capture from a page no adapter describes (a pupil page when the mapping covers only the
// register) still loses these: the label is what any MIS shows a person, so it is what we look for —
// a `dt`/`th`/`label` saying "Date of birth" names the cell beside it; a heading saying "Notes" names
// what follows it up to the next heading. Privacy wins over fidelity: a wrong guess blanks a cell.
import { cssPath } from '../table/css-path.ts';

export interface LabelledFields {
  datesOfBirth: string[];
  addresses: string[];
  notes: string[];
}

const DOB = /^(date of birth|birth ?date|d\.?o\.?b\.?|born)$/i;
const ADDRESS = /^((home|postal|contact|main) )?address( \d)?$/i;
const NOTES = /^(notes?|comments?|concerns?|free[- ]text|additional information)$/i;

const labelText = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/[:*]+$/, '').trim();

/** The element a label names: a `dd` after a `dt`, the cell after a `th`, a label's control. */
function valueOf(label: Element): Element | null {
  const doc = label.ownerDocument;
  if (label.tagName === 'LABEL') {
    const id = label.getAttribute('for');
    if (id) return doc.getElementById(id);
  }
  return label.nextElementSibling;
}

export function labelledFields(doc: Document): LabelledFields {
  const out: LabelledFields = { datesOfBirth: [], addresses: [], notes: [] };
  const add = (list: string[], el: Element | null) => {
    if (!el || el === doc.body || el === doc.documentElement) return;
    const sel = cssPath(el);
    if (!list.includes(sel)) list.push(sel);
  };
  for (const label of doc.querySelectorAll('dt, th, label')) {
    const text = labelText(label);
    const list = DOB.test(text) ? out.datesOfBirth : ADDRESS.test(text) ? out.addresses : NOTES.test(text) ? out.notes : null;
    if (list) add(list, valueOf(label));
  }
  for (const heading of doc.querySelectorAll('h1, h2, h3, h4, h5, h6, legend, caption')) {
    if (!NOTES.test(labelText(heading))) continue;
    for (let el = heading.nextElementSibling; el && !/^H[1-6]$/.test(el.tagName); el = el.nextElementSibling) add(out.notes, el);
  }
  return out;
}
