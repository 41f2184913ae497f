// The content-script side of setting up the table adapter: let the user click the
// register table on the MIS tab, infer the mapping from it, and answer with the mapping and the
// preview line. The options page asks for this and shows the result; the tab keeps nothing.
import { inferRegister } from '../table/infer-register.ts';
import type { TableMapping } from '../table/mapping-schema.ts';
import { newMapping } from '../table/new-mapping.ts';
import { previewRead, type ReadPreview } from '../table/preview-read.ts';
import { readTableRegister } from '../table/read-table-register.ts';
import { elementPicker } from './element-picker.ts';

export type PickRegisterResult = { ok: true; mapping: TableMapping; preview: ReadPreview } | { ok: false; error: string };

export function pickRegister(doc: Document, url: URL, signal: AbortSignal, name = 'My MIS'): Promise<PickRegisterResult> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve({ ok: false, error: 'Picking was stopped.' }), { once: true });
    elementPicker(doc, {
      signal,
      prompt: 'Attendance overlay: click the register table',
      accept: (el) => el.closest('table'),
      onCancel: () => resolve({ ok: false, error: 'Picking was cancelled.' }),
      onPick: (table) => {
        const r = inferRegister(doc, url, table);
        if (!r.ok) return resolve({ ok: false, error: r.reason });
        const mapping = newMapping(name, r.register);
        resolve({ ok: true, mapping, preview: previewRead(r.read) });
      },
    });
  });
}

/** Re-reads the tab's page with a mapping (the live preview while the user maps codes). */
export function previewMapping(doc: Document, url: URL, mapping: TableMapping): ReadPreview {
  return previewRead(readTableRegister(doc, url, mapping));
}
