// The MIS content script for schools that saved table mappings, mis-table.js: the same
// reader and overlays as mis.js (entrypoints/mis.ts), with the built-in adapters first and then one
// table adapter per saved mapping (mis.content/stored-adapters.ts), so a page a built-in adapter detects
// is read by it (the first adapter that detects a page reads it: adapters/registry.ts). The background
// registers it, for the granted origins, instead of mis.js while at least one mapping is saved
// (background/content-scripts.ts, re-synced when the mappings change), so a page never has two readers and
// schools without mappings never load the table adapter (mis.js stays small).
// A page read through a mapping gets the same overlays as a demo page, placed beside the pupil's name
// element the mapping reads (adapters/table/overlay-anchors.ts), by the adapter id `table:<mapping id>`.
import { adapters } from '../adapters/registry.ts';
import { overlayAnchors } from '../adapters/table/overlay-anchors.ts';
import { tableAdapter } from '../adapters/table/table-adapter.ts';
import type { OverlayAnchors } from '../adapters/types.ts';
import { anchorsForAdapter, overlaysWith } from './mis.content/overlays.ts';
import { readerSignal } from './mis.content/reader-signal.ts';
import { startReader } from './mis.content/start-reader.ts';
import { guardedAdapter, storedMappings } from './mis.content/stored-adapters.ts';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => {
  const signal = readerSignal();
  void storedMappings().then((mappings) => {
    if (signal.aborted) return;
    const saved = mappings.map((m) => guardedAdapter(tableAdapter(m)));
    // The first mapping with an id reads its pages (the registry's first-detects rule), so its anchors.
    const anchors = new Map<string, OverlayAnchors>();
    for (const m of mappings) if (!anchors.has(`table:${m.id}`)) anchors.set(`table:${m.id}`, overlayAnchors(m));
    startReader([...adapters, ...saved], signal, overlaysWith((id) => anchors.get(id) ?? anchorsForAdapter(id)));
  });
});
