// Anonymised capture of an MIS page: a copy of the page with pupil names, ids, UPNs,
// dates of birth, addresses and free-text notes replaced, and everything that could run removed, so
// it can be shared as an adapter-building fixture. Pure over its arguments: the Document is cloned
// (the live page is never touched); the stand-in map is the caller's keyed state, so the same pupil
// gets the same stand-in on every page.
//
// What it knows to replace (and what it removes: scripts, frames, SVG animations, event handlers,
// javascript: URLs in any attribute, hidden form values and credential parameters, embedded data:
// images such as photos, in attributes, inline styles and <style> elements):
// - every pupil in `pupils` (from the adapter's read of the page, and anything else the caller
//   knows): the id, UPN, full name in the usual orders, each name on its own, date of birth and
//   address, wherever they appear — text, attributes (links, titles, data-*), case-insensitive, also
//   inside percent-encodings (`?q=Smith%2C%20Amy`). Names must stand as words; ids and UPNs only need
//   no digit beside them, since pages glue them to letters (`row1042`, `p1042`);
// - the elements the user marked (notes, addresses, dates of birth): their whole text, a form
//   control's value, and every attribute that is not structure (titles, placeholders, data-*);
// - dates of birth the page itself shows (in a marked field, an attribute named for the birth date,
//   or after "Born" / "DOB"): those dates are then replaced wherever else they appear;
// - by pattern, whoever they belong to: UPN-shaped strings, UK postcodes, e-mail addresses and phone
//   numbers.
// A single name is replaced wherever it stands as a word, even when it means something else (a
// class called "Hazel"): privacy wins over fidelity. A pupil named after a month or weekday ("April",
// "May") is replaced too, except where the word is part of a date ("4 April 2026", "May 2026").
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
  /** The replacement the page's text went through, for text written outside the page (the capture's note). */
  replaceText: (text: string) => string;
}

const REMOVE =
  'script, noscript, iframe, frame, frameset, object, embed, applet, base, template, portal, meta[http-equiv], link[rel~="preload"], link[rel~="prefetch"], link[rel~="modulepreload"], meta[name*="csrf" i], meta[name*="token" i]';
/** A 1×1 transparent GIF: stands in for embedded images (pupil photos are often data: URLs). */
const BLANK_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
/** Attributes that load a picture (an SVG <image> uses href / xlink:href): a data: value is a photo. */
const IMAGE_ATTRS = new Set(['src', 'poster', 'href', 'xlink:href', 'background', 'data']);
/** data: URLs in CSS (inline styles and <style> elements), quoted or not (an SVG data URL may hold ")"). */
const CSS_DATA_URL = /url\(\s*(?:"\s*data:[^"]*"|'\s*data:[^']*'|data:[^)]*)\s*\)/gi;
/**
 * SVG animations set attributes when they run, an href among them (`<animate attributeName="href"
 * values="javascript:…">`, `<set to="…">`): none is needed to read a saved page. Matched by local name,
 * lowercased: CSS type selectors are case-sensitive for SVG's camelCase names (animateMotion).
 */
const ANIMATIONS = new Set(['animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor', 'discard']);
/** What a marked field keeps: what selectors and layout use. Everything else (title, aria-label, placeholder, data-*) can repeat the value. */
const FIELD_KEEPS = new Set(['id', 'class', 'name', 'type', 'role', 'for', 'style', 'colspan', 'rowspan', 'headers', 'scope', 'dir', 'lang', 'hidden', 'disabled', 'readonly', 'selected', 'checked', 'multiple', 'tabindex', 'size']);
/** Month and weekday words: a name that is one of them is still replaced, but not inside a date (inDate). */
const DATE_WORDS = new Set(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december mon monday tue tuesday wed wednesday thu thursday fri friday sat saturday sun sunday am pm'.split(' '),
);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_RE = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
/** A date as pages write it: ISO, UK day/month/year (/ . -), or "4th March 2015". */
const DATE_SRC = `\\d{4}-\\d{1,2}-\\d{1,2}(?!\\d)|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\d)|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTH_RE})[a-z]*\\.?,?\\s+\\d{4}`;
const DATE = new RegExp(`(?<!\\d)(?:${DATE_SRC})`, 'gi');
/** "Born 04/03/2015", "DOB: 2015-03-04", "Date of birth 4 March 2015": the date after the label. */
const DOB_PHRASE = new RegExp(`(?:date of birth|birth ?date|dob|d\\.o\\.b\\.?|born)(?![a-z])[\\s:,-]*(?:on\\s+)?(${DATE_SRC})`, 'gi');
/** Attribute names that hold a date of birth: data-dob, data-birth-date, birthdate, data-date-of-birth. */
const BIRTH_ATTR = /birth|(?:^|[-_:.])(?:dob|born)(?:$|[-_:.])/i;

/** A date as written on a page → YYYY-MM-DD (null when it is not one). */
function isoOf(written: string): string | null {
  const t = written.trim();
  const p2 = (n: number) => String(n).padStart(2, '0');
  let r: RegExpExecArray | null;
  let ymd: [number, number, number] | null = null;
  if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)) || (r = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) ymd = [+r[1]!, +r[2]!, +r[3]!];
  else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t))) ymd = [+r[3]! < 100 ? 2000 + +r[3]! : +r[3]!, +r[2]!, +r[1]!];
  else if ((r = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(t))) {
    const m = MONTHS.findIndex((name) => name.toLowerCase().startsWith(r![2]!.toLowerCase().slice(0, 3))) + 1;
    if (m > 0) ymd = [+r[3]!, m, +r[1]!];
  }
  return ymd && ymd[1] >= 1 && ymd[1] <= 12 && ymd[2] >= 1 && ymd[2] <= 31 ? `${ymd[0]}-${p2(ymd[1])}-${p2(ymd[2])}` : null;
}

/** The date `iso` (YYYY-MM-DD) written the way `like` is: ISO, 04/03/2015, 04-03-15, 4 March 2015, 4 Mar 2015. */
function respell(like: string, iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const t = like.trim();
  if (/^\d{4}-/.test(t)) return iso;
  const numeric = /^\d{1,2}([/.-])\d{1,2}[/.-](\d+)$/.exec(t);
  if (numeric) return [d, m, numeric[2]!.length === 2 ? y.slice(2) : y].join(numeric[1]);
  const month = MONTHS[+m - 1]!;
  return `${+d} ${/^\d+(?:st|nd|rd|th)?\s+[a-z]{3}\.?,?\s/i.test(t) ? month.slice(0, 3) : month} ${y}`;
}

interface Pair {
  from: string;
  to: string;
  /** Ids and UPNs: matched with no digit beside them (pages glue them to letters: row1042). */
  loose?: boolean;
  /** A name that is also a month or weekday word: not replaced where it is part of a date. */
  dateWord?: boolean;
}

/** The pairs (original → stand-in) for one pupil, in every spelling the page may use. */
function pairsFor(p: KnownPupil, s: StandIn): Pair[] {
  const pairs: Pair[] = [];
  const name = p.name.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  const [forename, surname] =
    comma >= 0
      ? [name.slice(comma + 1).trim(), name.slice(0, comma).trim()]
      : [name.split(' ').slice(0, -1).join(' '), name.split(' ').slice(-1)[0] ?? ''];
  const add = (from: string | undefined, to: string, more: Omit<Pair, 'from' | 'to'> = {}) => {
    if (from && from.trim() !== '') pairs.push({ from: from.trim(), to, ...more });
  };
  add(`${forename} ${surname}`, `${s.forename} ${s.surname}`);
  add(`${surname}, ${forename}`, `${s.surname}, ${s.forename}`);
  add(`${surname} ${forename}`, `${s.surname} ${s.forename}`);
  add(encodeURIComponent(`${forename} ${surname}`), encodeURIComponent(`${s.forename} ${s.surname}`));
  // Each part of a name on its own (double-barrelled and multi-word names too). A part that is a
  // month or weekday word is this pupil's name all the same: a leaked name is worse than a mangled
  // date, so it is replaced except where it is part of a date (see inDate).
  for (const part of forename.split(/[\s-]+/)) if (part.length > 1) add(part, s.forename, { dateWord: DATE_WORDS.has(part.toLowerCase()) });
  for (const part of surname.split(/[\s-]+/)) if (part.length > 1) add(part, s.surname, { dateWord: DATE_WORDS.has(part.toLowerCase()) });
  add(p.id, s.id, { loose: true });
  add(p.upn, s.upn, { loose: true });
  add(p.address, s.address);
  return pairs;
}

const DAY_AFTER = new RegExp(`^,?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+(?:\\d{4}|(?:${MONTH_RE})[a-z]*)|[/.-]\\d)`, 'i');

/** Whether the word at `at` is part of a date: "4 April", "4th April", "April 2026", "Monday 16 November", "Mon 16/11". */
function inDate(text: string, at: number, length: number): boolean {
  const before = text.slice(Math.max(0, at - 12), at);
  const after = text.slice(at + length, at + length + 24);
  return (
    (/(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s+$/i.test(before) && !/year\s+\d{1,2}\s+$/i.test(before)) || // "4 April", not "Year 4 May"
    /^,?\s+\d{4}(?!\d)/.test(after) || // "April 2026"
    DAY_AFTER.test(after) // "Monday 16 November", "April 4, 2026", "Mon 16/11"
  );
}

/** Decodes each run of %XX that is valid UTF-8; leaves the rest (a malformed sequence) as written. */
export function decodePercent(s: string): string {
  return s.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
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
    if (ANIMATIONS.has(el.localName.toLowerCase())) {
      el.remove();
      counts.removedElements++;
    }
  }
  for (const el of [...doc.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const n = attr.name.toLowerCase();
      const v = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      // A javascript: URL goes from ANY attribute, not only the known URL ones: browsers and
      // frameworks turn others into links (SVG and MathML xlink:href, a script reading data-href).
      if (n.startsWith('on') || n === 'srcdoc' || v.startsWith('javascript:') || v.startsWith('vbscript:')) {
        el.removeAttribute(attr.name);
        counts.removedAttributes++;
      }
    }
  }

  // Credentials and embedded pictures: hidden form values (anti-forgery tokens), secret parameters in
  // links, data: images (photos: img src, SVG image href) and embedded images in CSS.
  for (const el of [...doc.querySelectorAll('input[type="hidden" i]')]) {
    if (el.hasAttribute('value')) {
      el.setAttribute('value', '');
      counts.removedAttributes++;
    }
  }
  for (const el of [...doc.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const n = attr.name.toLowerCase();
      if (IMAGE_ATTRS.has(n) && /^\s*data:/i.test(attr.value) && attr.value !== BLANK_IMAGE) {
        el.setAttribute(attr.name, BLANK_IMAGE);
        counts.removedAttributes++;
      } else if (n === 'srcset' && /data:/i.test(attr.value)) {
        el.removeAttribute(attr.name);
        counts.removedAttributes++;
      } else if (n === 'style' && /url\(\s*['"]?\s*data:/i.test(attr.value)) {
        el.setAttribute('style', attr.value.replace(CSS_DATA_URL, 'none'));
        counts.removedAttributes++;
      } else if (n === 'href' || n === 'src' || n === 'action' || n === 'formaction' || n === 'xlink:href') {
        const stripped = stripSecrets(attr.value);
        if (stripped !== attr.value) {
          el.setAttribute(attr.name, stripped);
          counts.removedAttributes++;
        }
      }
    }
  }
  for (const el of [...doc.querySelectorAll('style')]) {
    const css = el.textContent ?? '';
    if (/url\(\s*['"]?\s*data:/i.test(css)) {
      el.textContent = css.replace(CSS_DATA_URL, 'none');
      counts.removedAttributes++;
    }
  }

  // 2. Elements the user marked: the whole text goes (notes can name anyone). A form control keeps
  // its value in attributes (textContent does nothing for <input>), and titles, placeholders,
  // aria-labels and data-* of the field often repeat it: all of those go too.
  const known = new Set(opts.pupils.map((p) => p.id));
  const blankAttributes = (el: Element, text: string) => {
    for (const attr of [...el.attributes]) {
      const n = attr.name.toLowerCase();
      const to = n === 'value' ? text : FIELD_KEEPS.has(n) ? attr.value : '';
      if (to !== attr.value) el.setAttribute(attr.name, to);
    }
  };
  const redact = (selectors: readonly string[] | undefined, text: string) => {
    for (const sel of selectors ?? []) {
      for (const el of [...doc.querySelectorAll(sel)]) {
        blankAttributes(el, text);
        const tag = el.localName.toLowerCase();
        if (tag === 'input') el.setAttribute('value', text);
        else if (tag === 'select') {
          for (const o of el.querySelectorAll('option')) {
            blankAttributes(o, text);
            o.textContent = text;
          }
        } else el.textContent = text; // a textarea's value is its text
        counts.redacted++;
      }
    }
  };
  // Dates of birth: the known pupils' and those the page shows (found before their fields are
  // blanked), each replaced wherever the page repeats it, in any spelling (a data-dob, a tooltip
  // "Born 04/03/2015", a hidden copy). Looking for the dates themselves is more robust than guessing
  // which attributes sit near a label, and an attendance date never equals a pupil's date of birth.
  /** Date of birth (YYYY-MM-DD) → its stand-in. */
  const dobs = new Map<string, string>();
  const addDob = (written: string | undefined, to = '2000-01-01') => {
    const iso = written === undefined ? null : isoOf(written);
    if (iso !== null && !dobs.has(iso)) dobs.set(iso, to);
  };
  const harvest = (s: string | null | undefined) => {
    for (const m of (s ?? '').matchAll(DATE)) addDob(m[0]);
  };
  for (const sel of opts.redact?.datesOfBirth ?? []) {
    for (const el of doc.querySelectorAll(sel)) {
      for (const e of [el, ...el.querySelectorAll('*')]) for (const a of e.attributes) harvest(a.value);
      harvest(el.textContent);
    }
  }
  redact(opts.redact?.notes, '[note removed]');
  redact(opts.redact?.addresses, '1 Example Street, Testtown ZZ99 9ZZ');
  redact(opts.redact?.datesOfBirth, '01/01/2000');
  {
    const walker = doc.createTreeWalker(doc, 0x1 | 0x4); // elements, text
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        for (const m of (node.nodeValue ?? '').matchAll(DOB_PHRASE)) addDob(m[1]);
        continue;
      }
      const el = node as Element;
      for (const attr of [...el.attributes]) {
        for (const m of attr.value.matchAll(DOB_PHRASE)) addDob(m[1]);
        if (BIRTH_ATTR.test(attr.name) && attr.value.trim() !== '') {
          // Named for the birth date: whatever it holds goes, and its date is looked for elsewhere.
          harvest(attr.value);
          addDob(attr.value); // a compact 20150304 too
          el.setAttribute(attr.name, '2000-01-01');
          counts.attributes++;
        }
      }
    }
  }

  // 3. Known pupils, everywhere, longest spelling first (so "Amy Smith" wins over "Amy").
  const table = new Map<string, Pair>();
  const put = (pair: Pair) => {
    if (!table.has(pair.from.toLowerCase())) table.set(pair.from.toLowerCase(), pair);
  };
  for (const p of opts.pupils) {
    const s = standInFor(opts.standIns, p.id, known);
    for (const pair of pairsFor(p, s)) put(pair);
    const iso = p.dateOfBirth === undefined ? null : isoOf(p.dateOfBirth);
    if (iso !== null) dobs.set(iso, s.dateOfBirth); // the pupil's own stand-in, also where the page showed it
  }
  const byLength = (a: Pair, b: Pair) => b.from.length - a.from.length;
  const words = [...table.values()].filter((p) => !p.loose).sort(byLength).map((p) => esc(p.from.toLowerCase()));
  const ids = [...table.values()].filter((p) => p.loose).sort(byLength).map((p) => esc(p.from.toLowerCase()));
  // Never starting inside a percent-encoding (the "20" of "%20"); names as words, ids with no digit
  // beside them. Names come first: at the same place, a date of birth wins over an id inside it.
  const notInEscape = '(?<!%[0-9a-f]?)';
  const branches = [
    ...(words.length > 0 ? [`${notInEscape}(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`] : []),
    ...(ids.length > 0 ? [`${notInEscape}(?<!\\p{N})(?:${ids.join('|')})(?!\\p{N})`] : []),
  ];
  const known_re = branches.length > 0 ? new RegExp(branches.join('|'), 'giu') : null;
  const replaceRaw = (text: string): [string, number] => {
    let n = 0;
    let out = known_re
      ? text.replace(known_re, (m: string, at: number, whole: string) => {
          const pair = table.get(m.toLowerCase());
          if (!pair || (pair.dateWord && inDate(whole, at, m.length))) return m;
          n++;
          return pair.to;
        })
      : text;
    if (dobs.size > 0) {
      out = out.replace(DATE, (m) => {
        const to = dobs.get(isoOf(m) ?? '');
        if (to === undefined) return m;
        n++;
        return respell(m, to);
      });
    }
    for (const [re, to] of PATTERNS) {
      out = out.replace(re, (m) => {
        if (m === to) return m;
        n++;
        return to;
      });
    }
    return [out, n];
  };
  // Then inside percent-encodings (`?q=Smith%2C%20Amy`, `returnUrl=%2Fpupil%2F1042`): each piece
  // between URL delimiters is decoded, replaced and, when something was replaced, encoded again.
  const replace = (text: string): [string, number] => {
    let [out, n] = replaceRaw(text);
    if (/%[0-9a-f]{2}/i.test(out)) {
      out = out
        .split(/([/?&=#;+])/)
        .map((piece) => {
          if (!/%[0-9a-f]{2}/i.test(piece)) return piece;
          const [decoded, k] = replaceRaw(decodePercent(piece));
          if (k === 0) return piece;
          n += k;
          return encodeURIComponent(decoded);
        })
        .join('');
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
        // Attribute values may be URL-encoded (?name=Amy%20Smith): replace() looks inside encodings.
        const [out, n] = replace(attr.value);
        if (n > 0) {
          el.setAttribute(attr.name, out);
          counts.attributes += n;
        }
      }
    }
  }
  for (const c of comments) c.parentNode?.removeChild(c);
  return { doc, counts, replaceText: (text) => replace(text)[0] };
}
