// The MIS content script for schools that saved table mappings, mis-table.js (issue 7 §1–2): the same
// reader and overlays as mis.js (entrypoints/mis.ts), with the built-in adapters first and then one
// table adapter per saved mapping (mis.content/stored-adapters.ts), so a page a built-in adapter detects
// is read by it (the first adapter that detects a page reads it: adapters/registry.ts). The background
// registers it, for the granted origins, instead of mis.js while at least one mapping is saved
// (lib/content-scripts.ts, re-synced when the mappings change), so a page never has two readers and
// schools without mappings never load the table adapter (issue 5: mis.js stays small).
import { adapters } from '../adapters/registry.ts';
import { readerSignal } from './mis.content/reader-signal.ts';
import { startReader } from './mis.content/start-reader.ts';
import { storedAdapters } from './mis.content/stored-adapters.ts';

export default defineUnlistedScript(() => {
  const signal = readerSignal();
  void storedAdapters().then((saved) => {
    if (!signal.aborted) startReader([...adapters, ...saved], signal);
  });
});
