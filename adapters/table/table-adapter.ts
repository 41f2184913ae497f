// The configurable table adapter: an Adapter (adapters/types.ts) built from a validated
// mapping (parse-mapping.ts), for any MIS whose register is an HTML table. Pure, like every adapter:
// Document and URL in, plain data out; never changes the page.
import type { Adapter, PageKind } from '../types.ts';
import { queryOne } from './extract-value.ts';
import type { TableMapping } from './mapping-schema.ts';
import { readTablePupil } from './read-table-pupil.ts';
import { readTableRegister } from './read-table-register.ts';

function isThisMis(doc: Document, mapping: TableMapping): boolean {
  try {
    const el = queryOne(doc, mapping.detect.selector);
    if (!el) return false;
    return mapping.detect.text === undefined || (el.textContent ?? '').includes(mapping.detect.text);
  } catch {
    return false; // a bad selector recognises nothing (the read would name it)
  }
}

/** Page kind from the address (path and query) and the detect element. */
export function detectTablePage(url: URL, doc: Document, mapping: TableMapping): PageKind | null {
  const where = url.pathname + url.search;
  const kind =
    mapping.register && new RegExp(mapping.register.url).test(where)
      ? 'register'
      : mapping.pupil && new RegExp(mapping.pupil.url).test(where)
        ? 'pupil'
        : null;
  if (kind === null || !isThisMis(doc, mapping)) return null;
  return kind;
}

/** `mapping` must come from parseMapping (its patterns are known to compile). */
export function tableAdapter(mapping: TableMapping): Adapter {
  return {
    id: `table:${mapping.id}`,
    name: mapping.name,
    detect: (url, doc) => detectTablePage(url, doc, mapping),
    readRegister: (doc, url) => readTableRegister(doc, url, mapping),
    readPupil: (doc, url) => readTablePupil(doc, url, mapping),
  };
}
