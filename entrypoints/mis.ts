// The MIS content script, mis.js (design.md "Content script"; its modules are in entrypoints/mis.content/):
// the built-in adapters, the reader and the overlays — what every school needs, kept small
// (under 60 KB minified). Registered at run time, for the MIS origins the user granted only
// (no broad host access in the manifest) — the background registers it with
// chrome.scripting.registerContentScripts, unless the school saved table mappings: then it
// registers mis-table.js instead (entrypoints/mis-table.ts: the same reader with the built-in adapters
// and the mappings), so one reader reads a page. It never opens IndexedDB: here IndexedDB belongs to
// the MIS's origin, where the MIS's own scripts could read it.
//
// An unlisted script, not a WXT `defineContentScript`: it is only ever registered or injected by us, so
// WXT's content-script context (about 3 KB) is replaced by readerSignal (mis.content/reader-signal.ts).
import { browser } from 'wxt/browser';
import { adapters } from '../adapters/registry.ts';
import { hasSavedMappings, MAPPINGS_KEY } from '../adapters/table/mapping-constants.ts';
import { CONTENT_SCRIPT_FILE } from '../background/extension-manifest.ts';
import { readerSignal } from './mis.content/reader-signal.ts';
import { startReader } from './mis.content/start-reader.ts';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => {
  const start = () => startReader(adapters, readerSignal());
  // Only where the manifest declares this script (the e2e build's demo origins) can mis-table.js run
  // beside it; there it reads the page (built-in adapters first), so this one yields once a mapping
  // is saved. Elsewhere the background registers one of the two: no storage read before reading.
  // Production manifests declare no content script, so the check is compiled out of them (ATT_E2E).
  if (!import.meta.env.ATT_E2E || !browser.runtime.getManifest().content_scripts?.some((c) => c.js?.includes(CONTENT_SCRIPT_FILE))) return start();
  browser.storage.local.get(MAPPINGS_KEY).then((r) => {
    if (!hasSavedMappings(r[MAPPINGS_KEY])) start();
  }, start);
});
