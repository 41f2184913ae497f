// Anonymised capture of an MIS page (issue 7 §3): a copy of the page with pupil names, ids, UPNs,
// dates of birth, addresses and free-text notes replaced, and everything that could run removed, so
// it can be shared as an adapter-building fixture. Pure over its arguments: the Document is cloned
// (the live page is never touched); the stand-in map is the caller's keyed state, so the same pupil
// gets the same stand-in on every page.
//
// What it knows to replace (and what it removes: scripts, frames, event handlers, javascript: URLs,
// hidden form values and credential query parameters, embedded data: images such as photos):
// - every pupil in `pupils` (from the adapter's read of the page, and anything else the caller
//   knows): the id, UPN, full name in the usual orders, each name on its own, date of birth and
//   address, wherever they appear as words — text, attributes (links, titles, data-*), case-insensitive;
// - the elements the user marked (notes, addresses, dates of birth): their whole text;
// - by pattern, whoever they belong to: UPN-shaped strings, UK postcodes, e-mail addresses and phone
//   numbers.
// A single name is replaced wherever it stands as a word, even when it means something else (a
// class called "Hazel"): privacy wins over fidelity. Month and weekday names are left alone, so dates
// stay readable.
import { standInFor, type StandIn, type StandInMap } from './stand-ins.ts';
import { stripSecrets } from './strip-secrets.ts';

export interface KnownPupil {
  id: string;
  /** As the page or the read gives it ("Amy Smith"); "Smith, Amy" is also understood. */
  name: string;
  upn?: string;
  /** YYYY-MM-DD. */
  dateOfBirth?: string;
  address?: string;
}

export interface AnonymiseOptions {
  pupils: readonly KnownPupil[];
  standIns: StandInMap;
  /** CSS selectors of elements whose whole text is replaced. */
  redact?: { notes?: readonly string[]; addresses?: readonly string[]; datesOfBirth?: readonly string[] };
}

export interface AnonymiseResult {
  doc: Document;
  /** How many replacements of each kind were made (the preview shows them). */
  counts: { text: number; attributes: number; redacted: number; removedElements: number; removedAttributes: number };
}

const REMOVE =
  'script, noscript, iframe, frame, frameset, object, embed, applet, base, template, portal, meta[http-equiv], link[rel~="preload"], link[rel~="prefetch"], link[rel~="modulepreload"], meta[name*="csrf" i], meta[name*="token" i]';
/** A 1×1 transparent GIF: stands in for embedded images (pupil photos are often data: URLs). */
const BLANK_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'background', 'ping']);
const KEEP_WORDS = new Set(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december mon monday tue tuesday wed wednesday thu thursday fri friday sat saturday sun sunday am pm'.split(' '),
);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** The pairs (original → stand-in) for one pupil, in every spelling the page may use. */
function pairsFor(p: KnownPupil, s: StandIn): [string, string][] {
  const pairs: [string, string][] = [];
  const name = p.name.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  const [forename, surname] =
    comma >= 0
      ? [name.slice(comma + 1).trim(), name.slice(0, comma).trim()]
      : [name.split(' ').slice(0, -1).join(' '), name.split(' ').slice(-1)[0] ?? ''];
  const add = (from: string | undefined, to: string) => {
    if (from && from.trim() !== '') pairs.push([from.trim(), to]);
  };
  add(`${forename} ${surname}`, `${s.forename} ${s.surname}`);
  add(`${surname}, ${forename}`, `${s.surname}, ${s.forename}`);
  add(`${surname} ${forename}`, `${s.surname} ${s.forename}`);
  add(encodeURIComponent(`${forename} ${surname}`), encodeURIComponent(`${s.forename} ${s.surname}`));
  // Each part of a name on its own (double-barrelled and multi-word names too).
  for (const part of forename.split(/[\s-]+/)) if (!KEEP_WORDS.has(part.toLowerCase()) && part.length > 1) add(part, s.forename);
  for (const part of surname.split(/[\s-]+/)) if (!KEEP_WORDS.has(part.toLowerCase()) && part.length > 1) add(part, s.surname);
  add(p.id, s.id);
  add(p.upn, s.upn);
  if (p.dateOfBirth) {
    add(p.dateOfBirth, s.dateOfBirth);
    add(dmy(p.dateOfBirth), dmy(s.dateOfBirth));
  }
  add(p.address, s.address);
  return pairs;
}

// By pattern, whoever they belong to. UPN: a letter and 12 digits (or 11 and a letter, temporary UPNs).
const PATTERNS: [RegExp, string][] = [
  [/(?<![\p{L}\p{N}])[A-Y]\d{11}[A-Z\d](?![\p{L}\p{N}])/gu, 'Z000000000000'],
  [/(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![\p{L}\p{N}])/gu, 'ZZ99 9ZZ'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, 'someone@example.invalid'],
  // Ofcom's numbers reserved for drama: never a real line.
  [/(?<![\p{L}\p{N}+])(?:\+44 ?|0)\d{2,4}[ -]?\d{3}[ -]?\d{3,4}(?![\p{L}\p{N}])/gu, '01632 960000'],
];

export function anonymise(source: Document, opts: AnonymiseOptions): AnonymiseResult {
  const doc = source.cloneNode(true) as Document;
  const counts = { text: 0, attributes: 0, redacted: 0, removedElements: 0, removedAttributes: 0 };

  // 1. Nothing that could run or fetch on open: scripts, frames, plugins, event handlers, javascript: URLs.
  for (const el of [...doc.querySelectorAll(REMOVE)]) {
    el.remove();
    counts.removedElements++;
  }
  for (const el of [...doc.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const n = attr.name.toLowerCase();
      const v = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (n.startsWith('on') || n === 'srcdoc' || (URL_ATTRS.has(n) && (v.startsWith('javascript:') || v.startsWith('vbscript:')))) {
        el.removeAttribute(attr.name);
        counts.removedAttributes++;
      }
    }
  }

  // Credentials and embedded pictures: hidden form values (anti-forgery tokens), secret query
  // parameters in links, data: images (photos) and inline styles' embedded images.
  for (const el of [...doc.querySelectorAll('input[type="hidden" i]')]) {
    if (el.hasAttribute('value')) {
      el.setAttribute('value', '');
      counts.removedAttributes++;
    }
  }
  for (const el of [...doc.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const n = attr.name.toLowerCase();
      if ((n === 'src' || n === 'poster') && /^\s*data:/i.test(attr.value) && attr.value !== BLANK_IMAGE) {
        el.setAttribute(attr.name, BLANK_IMAGE);
        counts.removedAttributes++;
      } else if (n === 'srcset' && /data:/i.test(attr.value)) {
        el.removeAttribute(attr.name);
        counts.removedAttributes++;
      } else if (n === 'style' && /url\(\s*['"]?data:/i.test(attr.value)) {
        el.setAttribute('style', attr.value.replace(/url\(\s*(['"]?)data:[^)]*\)/gi, 'none'));
        counts.removedAttributes++;
      } else if (n === 'href' || n === 'src' || n === 'action' || n === 'formaction') {
        const stripped = stripSecrets(attr.value);
        if (stripped !== attr.value) {
          el.setAttribute(attr.name, stripped);
          counts.removedAttributes++;
        }
      }
    }
  }

  // 2. Elements the user marked: the whole text goes (notes can name anyone).
  const known = new Set(opts.pupils.map((p) => p.id));
  const redact = (selectors: readonly string[] | undefined, text: (i: number) => string) => {
    for (const sel of selectors ?? []) {
      for (const [i, el] of [...doc.querySelectorAll(sel)].entries()) {
        el.textContent = text(i);
        counts.redacted++;
      }
    }
  };
  redact(opts.redact?.notes, () => '[note removed]');
  redact(opts.redact?.addresses, () => '1 Example Street, Testtown ZZ99 9ZZ');
  redact(opts.redact?.datesOfBirth, () => '01/01/2000');

  // 3. Known pupils, everywhere, longest spelling first (so "Amy Smith" wins over "Amy").
  const table = new Map<string, string>();
  for (const p of opts.pupils) {
    const s = standInFor(opts.standIns, p.id, known);
    for (const [from, to] of pairsFor(p, s)) if (!table.has(from.toLowerCase())) table.set(from.toLowerCase(), to);
  }
  const needles = [...table.keys()].sort((a, b) => b.length - a.length).map(esc);
  const known_re = needles.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${needles.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const replace = (text: string): [string, number] => {
    let n = 0;
    let out = known_re
      ? text.replace(known_re, (m) => {
          n++;
          return table.get(m.toLowerCase()) ?? m;
        })
      : text;
    for (const [re, to] of PATTERNS) {
      out = out.replace(re, (m) => {
        if (m === to) return m;
        n++;
        return to;
      });
    }
    return [out, n];
  };

  const walker = doc.createTreeWalker(doc, 0x1 | 0x4 | 0x80); // elements, text, comments
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 8) {
      comments.push(node); // comments can hold anything (debug dumps, names): dropped
    } else if (node.nodeType === 3) {
      const [out, n] = replace(node.nodeValue ?? '');
      if (n > 0) {
        node.nodeValue = out;
        counts.text += n;
      }
    } else if (node.nodeType === 1) {
      const el = node as Element;
      for (const attr of [...el.attributes]) {
        // Attribute values may be URL-encoded (?name=Amy%20Smith): decoded spellings were added above.
        const [out, n] = replace(attr.value);
        if (n > 0) {
          el.setAttribute(attr.name, out);
          counts.attributes += n;
        }
      }
    }
  }
  for (const c of comments) c.parentNode?.removeChild(c);
  return { doc, counts };
}
