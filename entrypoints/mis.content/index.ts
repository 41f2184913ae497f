// The MIS content script (design.md "Content script"): the built-in adapters, the reader and the
// overlays — what every school needs, kept small (issue 5: under 60 KB minified). Registered at run
// time, for the MIS origins the user granted only (issue 4 §5: no broad host access in the manifest) —
// the background registers it with chrome.scripting.registerContentScripts, unless the school saved
// table mappings (issue 7): then it registers mis-table.js instead (entrypoints/mis-table.content/,
// the same reader with the built-in adapters and the mappings), so one reader reads a page. It never
// opens IndexedDB: here IndexedDB belongs to the MIS's origin, where the MIS's own scripts could read it.
import { browser } from 'wxt/browser';
import { adapters } from '../../adapters/registry.ts';
import { hasSavedMappings, MAPPINGS_KEY } from '../../adapters/table/mapping-constants.ts';
import { CONTENT_SCRIPT_FILE } from '../../lib/extension-manifest.ts';
import { startReader } from './start-reader.ts';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    const start = () => startReader(adapters, ctx.signal);
    // Only where the manifest declares this script (the e2e build's demo origins) can mis-table.js run
    // beside it; there it reads the page (built-in adapters first), so this one yields once a mapping
    // is saved. Elsewhere the background registers one of the two: no storage read before reading.
    // Production manifests declare no content script, so the check is compiled out of them (ATT_E2E).
    if (!import.meta.env.ATT_E2E || !browser.runtime.getManifest().content_scripts?.some((c) => c.js?.includes(CONTENT_SCRIPT_FILE))) return start();
    browser.storage.local.get(MAPPINGS_KEY).then((r) => {
      if (!hasSavedMappings(r[MAPPINGS_KEY])) start();
    }, start);
  },
});
