// Setting the adapter up without writing JSON: from the register table the user picked
// on a live MIS page, work out the rest of the register mapping — which way round the grid is, how
// many header lines and label cells, how the headers write dates and sessions, where the week is
// named, where each pupil's id and name are. Every candidate is checked by actually reading the page
// with it (readTableRegister), so what is proposed is a mapping that reads this page; the user then
// maps the codes the preview lists as not mapped. Pure: Document, URL and the picked element in.
import type { RegisterPageRead } from '../page-read.ts';
import type { ReadResult } from '../types.ts';
import { cssPath } from './css-path.ts';
import { queryAll, textOf as text } from './extract-value.ts';
import type { CellValue, DateFormat, RegisterMapping, TableMapping, WeekMapping } from './mapping-schema.ts';
import { needsWeek } from './mapping-constants.ts';
import { parseDate } from './parse-date.ts';
import { halfOf, readTableRegister } from './read-table-register.ts';
import { tableGrid } from './table-grid.ts';

export type InferRegisterResult =
  | { ok: true; register: RegisterMapping; read: ReadResult<RegisterPageRead> & { ok: true } }
  | { ok: false; reason: string };

const FULL_FORMATS: DateFormat[] = ['iso', 'd/m/y', 'd mon y'];
const YEARLESS_FORMATS: DateFormat[] = ['d/m', 'd mon', 'weekday'];

/** Marks: an icon's alt text, an `icon-*` class, then the cell's text (docs/mapping.md). */
export const DEFAULT_MARK_SOURCES: RegisterMapping['mark']['sources'] = [
  { selector: 'img[alt]', from: 'attribute', attribute: 'alt' },
  { selector: '[class*="icon-"]', from: 'attribute', attribute: 'class', pattern: '(?:^|\\s)icon-([\\w-]+)' },
  { from: 'text' },
];

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for the page's address: segments holding digits (ids) become wildcards. */
export function urlPattern(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((seg) => (/\d/.test(seg) ? '[^/]+' : reEscape(seg)))
    .join('/');
  return `^${path}(?:[?#]|$)`;
}

/** Where the page names its week: date-valued address parameters, then elements showing a full date. */
function weekCandidates(doc: Document, url: URL, table: Element): WeekMapping[] {
  const out: WeekMapping[] = [];
  for (const [param, value] of url.searchParams) {
    for (const format of FULL_FORMATS) if (parseDate(value, format)) out.push({ from: 'url', param, format });
  }
  const seen = new Set<Element>();
  for (const el of [table, ...queryAll(doc, 'body *')]) {
    if (out.length >= 8) break;
    if (seen.has(el) || (el !== table && table.contains(el))) continue;
    seen.add(el);
    for (const attribute of ['aria-label', 'title', 'data-week', 'data-date']) {
      const v = el.getAttribute(attribute);
      if (!v) continue;
      for (const format of FULL_FORMATS) {
        if (parseDate(v, format)) out.push({ from: 'page', value: { selector: cssPath(el), from: 'attribute', attribute }, format });
      }
    }
    // The element's own text (not its children's), so the smallest element showing the date is used.
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.nodeValue ?? '').join(' ');
    const full = el.children.length === 0 ? own : '';
    for (const format of FULL_FORMATS) {
      if (full && parseDate(full, format)) out.push({ from: 'page', value: { selector: cssPath(el), from: 'text' }, format });
    }
  }
  return out;
}

/** The pupil id in a label cell: a link whose address differs per pupil, or a data-* attribute. */
function idSource(cells: Element[], i: number): CellValue | null {
  const links = cells.map((c) => c.querySelector('a[href]'));
  if (links.every((a) => a !== null)) {
    const hrefs = links.map((a) => a!.getAttribute('href')!);
    const urls = hrefs.map((h) => new URL(h, 'http://x/'));
    const last = urls.map((u) => u.pathname.split('/').filter(Boolean).pop() ?? '');
    if (new Set(last).size === last.length && last.every((s) => s !== '')) {
      const prefix = urls[0]!.pathname.slice(0, urls[0]!.pathname.lastIndexOf('/') + 1);
      if (urls.every((u) => u.pathname.startsWith(prefix))) {
        return { cell: i, selector: 'a', from: 'href', pattern: `${reEscape(prefix)}([^/?#]+)` };
      }
    }
    for (const [param] of urls[0]!.searchParams) {
      const values = urls.map((u) => u.searchParams.get(param) ?? '');
      if (values.every((v) => v !== '') && new Set(values).size === values.length) {
        return { cell: i, selector: 'a', from: 'href', pattern: `[?&]${reEscape(param)}=([^&#]+)` };
      }
    }
  }
  for (const attr of [...cells[0]!.attributes].filter((a) => a.name.startsWith('data-'))) {
    const values = cells.map((c) => c.getAttribute(attr.name) ?? '');
    if (values.every((v) => v !== '') && new Set(values).size === values.length) return { cell: i, from: 'attribute', attribute: attr.name };
  }
  return null;
}

/** Proposes a register mapping that reads this page, or says why none was found. */
export function inferRegister(doc: Document, url: URL, table: Element, codes: TableMapping['codes'] = {}): InferRegisterResult {
  const tableSel = cssPath(table);
  const hasSections = table.querySelector(':scope > thead') !== null && table.querySelector(':scope > tbody') !== null;
  const rowChoices = hasSections ? ['tr', ':scope > thead > tr, :scope > tbody > tr'] : ['tr'];
  let weeks: WeekMapping[] | null = null;
  let best = '';

  for (const orientation of ['pupils-as-rows', 'pupils-as-columns'] as const) {
    for (const rows of rowChoices) {
      const grid = tableGrid(queryAll(table, rows), orientation === 'pupils-as-columns');
      if (grid.length < 2) continue;
      const width = grid[0]!.length;
      for (let headerLines = 1; headerLines <= 3 && headerLines < grid.length; headerLines++) {
        for (let labelCells = 1; labelCells <= 3 && labelCells < width; labelCells++) {
          // The session headers' texts, as readTableRegister joins them.
          const heads: string[] = [];
          for (let c = labelCells; c < width; c++) {
            const parts: string[] = [];
            let prev: Element | null = null;
            for (let l = 0; l < headerLines; l++) {
              const cell = grid[l]![c] ?? null;
              if (cell && cell !== prev) parts.push(text(cell));
              prev = cell;
            }
            heads.push(parts.join(' '));
          }
          if (!heads.every((h) => halfOf(h) !== null)) continue;
          const formats: { date: DateFormat; week?: WeekMapping }[] = [];
          for (const date of FULL_FORMATS) if (heads.every((h) => parseDate(h, date) !== null)) formats.push({ date });
          for (const date of YEARLESS_FORMATS) {
            if (!heads.every((h) => parseDate(h, date, '2026-01-05') !== null)) continue;
            weeks ??= weekCandidates(doc, url, table);
            for (const week of weeks) formats.push({ date, week });
          }
          if (formats.length === 0) continue;

          // Pupil lines (leave a trailing totals line out if it has no id).
          const lines = grid.slice(headerLines);
          for (const footerLines of [0, 1]) {
            const pupilLines = lines.slice(0, lines.length - footerLines);
            if (pupilLines.length === 0) continue;
            for (let i = 0; i < labelCells; i++) {
              const cells = pupilLines.map((l) => l[i]);
              if (cells.some((c) => !c)) continue;
              const pupilId = idSource(cells as Element[], i);
              if (!pupilId) continue;
              const withLink = pupilId.selector === 'a';
              const name: CellValue = withLink ? { cell: i, selector: 'a', from: 'text' } : { cell: i, from: 'text' };
              const names = (cells as Element[]).map((c) => text(withLink ? c.querySelector('a')! : c));
              const nameOrder = names.filter((n) => n.includes(',')).length > names.length / 2 ? 'surname-first' : 'as-shown';
              for (const f of formats) {
                const register: RegisterMapping = {
                  url: urlPattern(url),
                  table: tableSel,
                  orientation,
                  ...(rows === 'tr' ? {} : { rows }),
                  headerLines,
                  labelCells,
                  ...(footerLines > 0 ? { footerLines } : {}),
                  pupilId,
                  name,
                  nameOrder,
                  sessions: { date: f.date },
                  ...(f.week ? { week: f.week } : {}),
                  mark: { sources: DEFAULT_MARK_SOURCES },
                };
                if (needsWeek(f.date) && !f.week) continue;
                const mapping: TableMapping = {
                  format: 'attendance-overlay/mis-mapping',
                  version: 1,
                  id: 'picked',
                  name: 'MIS',
                  detect: { selector: 'body' },
                  register,
                  codes,
                };
                const read = readTableRegister(doc, url, mapping);
                if (read.ok && read.data.pupils.length > 0) return { ok: true, register, read };
                if (!read.ok) best ||= read.reason;
              }
            }
          }
        }
      }
    }
  }
  return {
    ok: false,
    reason:
      best !== ''
        ? `No layout reads this table completely; the nearest: ${best.replace(/^MIS register: /, '')}`
        : 'No layout found: the table needs session headers with a date (or weekday) and AM/PM, and a pupil id in a link or data attribute on each pupil line',
  };
}
