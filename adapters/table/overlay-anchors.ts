// Where the overlays go on a page read through a mapping (for any MIS the table adapter
// reads): beside each pupil's name cell on the register, after the pupil's name on the pupil page. The
// register's pupils are found with the very selectors, grid and label cells readTableRegister reads
// with (read-table-register.ts), so each badge carries the pupil id that was ingested. Pure DOM
// look-ups, never a change to the page; a mapping that does not fit the page (or a selector the
// browser refuses) gives no anchors rather than throwing into the overlays.
import type { OverlayAnchors, RegisterRowAnchor } from '../types.ts';
import { extractValue, queryAll, queryOne } from './extract-value.ts';
import type { TableMapping, ValueSource } from './mapping-schema.ts';
import { tableGrid } from './table-grid.ts';

/** The register's pupil lines: their ids (as read) and the cell showing each name. */
function registerRows(doc: Document, mapping: TableMapping): RegisterRowAnchor[] {
  const r = mapping.register;
  if (!r) return [];
  const table = queryOne(doc, r.table);
  if (!table) return [];
  // Pupils-as-columns: the grid is transposed, so a "line" is a column and its name cell is the
  // column's header cell (Kestrel's `th.k-stu`); pupils-as-rows: the row's name cell.
  const grid = tableGrid(queryAll(table, r.rows ?? 'tr'), r.orientation === 'pupils-as-columns');
  const out: RegisterRowAnchor[] = [];
  const seen = new Set<string>();
  for (let l = r.headerLines; l < grid.length - (r.footerLines ?? 0); l++) {
    const idCell = grid[l]![r.pupilId.cell];
    const nameCell = grid[l]![r.name.cell];
    if (!idCell || !nameCell) continue;
    const pupilId = extractValue(idCell, r.pupilId);
    // A line with no id, or an id seen twice, is one the reader refuses: no badge for it.
    if (pupilId === '' || seen.has(pupilId)) continue;
    seen.add(pupilId);
    out.push({ pupilId, hostAnchor: nameCell });
  }
  return out;
}

/**
 * The element the pupil card goes after: the pupil's name as the mapping reads it (a page's heading,
 * typically), else the element the id is read from; none when the mapping describes no pupil page or
 * reads the id from the address only and the name from the whole page.
 */
function pupilCard(doc: Document, mapping: TableMapping): Element | null {
  const p = mapping.pupil;
  if (!p) return null;
  const sources: ValueSource[] = [p.name];
  if (p.pupilId.from !== 'url') sources.push(p.pupilId as ValueSource);
  for (const s of sources) {
    if (s.selector === undefined) continue;
    const el = queryOne(doc, s.selector);
    if (el) return el;
  }
  return null;
}

/** Never throws: a stored mapping that does not fit (a bad selector, a changed page) places nothing. */
function safe<T>(f: () => T, none: T): T {
  try {
    return f();
  } catch {
    return none;
  }
}

/** The overlay anchors of the pages `mapping` reads (adapter id `table:<mapping id>`). */
export function overlayAnchors(mapping: TableMapping): OverlayAnchors {
  return {
    registerRows: (doc) => safe(() => registerRows(doc, mapping), []),
    pupilCard: (doc) => safe(() => pupilCard(doc, mapping), null),
  };
}
