// The table adapters of the mappings the school saved, for the content script: read
// from browser.storage.local without zod (the content script stays small). The options
// page is the only writer and validates every mapping with parseMapping before saving or importing,
// so here a light check of the envelope is enough; a stored value that still does not fit (edited by
// hand, an older build) cannot break the reader: every call is guarded and refuses the page with a
// reason naming the mapping (never a half-read).
import { browser } from 'wxt/browser';
import { MAPPING_FORMAT, MAPPINGS_KEY } from '../../adapters/table/mapping-constants.ts';
import type { TableMapping } from '../../adapters/table/mapping-schema.ts';
import { tableAdapter } from '../../adapters/table/table-adapter.ts';
import type { Adapter } from '../../adapters/types.ts';

function looksLikeMapping(v: unknown): v is TableMapping {
  if (v === null || typeof v !== 'object') return false;
  const m = v as Partial<TableMapping>;
  return (
    m.format === MAPPING_FORMAT &&
    m.version === 1 &&
    typeof m.id === 'string' &&
    typeof m.name === 'string' &&
    typeof m.detect?.selector === 'string' &&
    m.codes !== null &&
    typeof m.codes === 'object' &&
    (m.register !== undefined || m.pupil !== undefined)
  );
}

/** An adapter whose every call is guarded: a bad stored mapping refuses the page, never throws. */
export function guardedAdapter(a: Adapter): Adapter {
  const why = (e: unknown) => `mapping "${a.id}" could not be applied: ${e instanceof Error ? e.message : String(e)}`;
  return {
    id: a.id,
    name: a.name,
    detect: (url, doc) => {
      try {
        return a.detect(url, doc);
      } catch {
        return null;
      }
    },
    readRegister: (doc, url) => {
      try {
        return a.readRegister(doc, url);
      } catch (e) {
        return { ok: false, reason: why(e) };
      }
    },
    readPupil: (doc, url) => {
      try {
        return a.readPupil(doc, url);
      } catch (e) {
        return { ok: false, reason: why(e) };
      }
    },
  };
}

/** The saved mappings that look like mappings (none when storage cannot be read). */
export async function storedMappings(): Promise<TableMapping[]> {
  let raw: unknown;
  try {
    raw = (await browser.storage.local.get(MAPPINGS_KEY))[MAPPINGS_KEY];
  } catch (e) {
    console.warn('[attendance-overlay] could not read the saved MIS mappings', e);
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: TableMapping[] = [];
  raw.forEach((m, i) => {
    if (looksLikeMapping(m)) out.push(m);
    else console.warn(`[attendance-overlay] saved MIS mapping ${i + 1} is not a mapping (re-import it in the options page)`);
  });
  return out;
}

/** The adapters of the saved mappings (none when storage cannot be read). */
export async function storedAdapters(): Promise<Adapter[]> {
  return (await storedMappings()).map((m) => guardedAdapter(tableAdapter(m)));
}
