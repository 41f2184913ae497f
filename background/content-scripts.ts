// Registers the MIS content script for exactly the origins the user granted. Run at
// every service-worker start, when permissions are added or removed, and when the saved table mappings
// change; the registration persists across browser sessions, and re-running it is harmless.
//
// One reader per page: without saved mappings the small mis.js (built-in adapters) is registered; with
// at least one, mis-table.js (built-in adapters, then the mappings) is registered instead and mis.js is
// not, so schools without mappings never load the table adapter (the content script stays small).
import { browser } from 'wxt/browser';
import { hasSavedMappings, MAPPINGS_KEY } from '../adapters/table/mapping-constants.ts';
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_ID, TABLE_CONTENT_SCRIPT_FILE, TABLE_CONTENT_SCRIPT_ID } from './extension-manifest.ts';

let queue: Promise<unknown> = Promise.resolve();

/** Brings the run-time registrations in line with the granted origins and the saved mappings; returns the origins they cover. */
export function syncContentScripts(): Promise<string[]> {
  // Serialised: a startup sync and a permissions.onAdded sync must not interleave unregister/register.
  const run = queue.then(doSync, doSync);
  queue = run.catch(() => {});
  return run;
}

/** Whether a storage.onChanged event changed the saved mappings (then the registration is synced again). */
export function mappingsChanged(changes: Record<string, unknown>, areaName: string): boolean {
  return areaName === 'local' && MAPPINGS_KEY in changes;
}

/** The content script that reads granted MIS pages now: mis-table.js while a mapping is saved, else mis.js. */
export async function readerScriptFile(): Promise<string> {
  return hasSavedMappings((await browser.storage.local.get(MAPPINGS_KEY))[MAPPINGS_KEY]) ? TABLE_CONTENT_SCRIPT_FILE : CONTENT_SCRIPT_FILE;
}

async function doSync(): Promise<string[]> {
  const granted = (await browser.permissions.getAll()).origins ?? [];
  const origins = granted.filter((o) => /^https?:\/\//.test(o)).sort();
  const table = (await readerScriptFile()) === TABLE_CONTENT_SCRIPT_FILE;
  // Origins already covered by mis.js declared in the manifest (the e2e build) must not get a second
  // copy of it. mis-table.js is never declared: where mis.js is declared it yields to it (entrypoints/mis.ts).
  const declared = new Set((browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []));
  const wanted = [
    { id: CONTENT_SCRIPT_ID, file: CONTENT_SCRIPT_FILE, matches: table ? [] : origins.filter((o) => !declared.has(o)) },
    { id: TABLE_CONTENT_SCRIPT_ID, file: TABLE_CONTENT_SCRIPT_FILE, matches: table ? origins : [] },
  ];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: wanted.map((w) => w.id) });
  const current = (id: string) => existing.find((e) => e.id === id);
  const changed = wanted.filter((w) => !sameList([...(current(w.id)?.matches ?? [])].sort(), w.matches));
  // Unregister every changed one before registering any, so an origin never has both readers.
  const stale = changed.filter((w) => current(w.id) !== undefined).map((w) => w.id);
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  const add = changed.filter((w) => w.matches.length > 0);
  if (add.length > 0) {
    await browser.scripting.registerContentScripts(
      add.map((w) => ({ id: w.id, matches: w.matches, js: [w.file], runAt: 'document_idle' as const, persistAcrossSessions: true })),
    );
  }
  return wanted.flatMap((w) => w.matches);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
