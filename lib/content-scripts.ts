// Registers the MIS content script for exactly the origins the user granted (issue 4 §5). Run at
// every service-worker start, and when permissions are added or removed; the registration persists
// across browser sessions, and re-running it is harmless.
import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_ID } from './extension-manifest.ts';

let queue: Promise<unknown> = Promise.resolve();

/** Brings the run-time registration in line with the granted origins; returns the origins it covers. */
export function syncContentScripts(): Promise<string[]> {
  // Serialised: a startup sync and a permissions.onAdded sync must not interleave unregister/register.
  const run = queue.then(doSync, doSync);
  queue = run.catch(() => {});
  return run;
}

async function doSync(): Promise<string[]> {
  const granted = (await browser.permissions.getAll()).origins ?? [];
  // Origins already covered by a content script declared in the manifest (the e2e build) must not get
  // a second copy of the script.
  const declared = new Set((browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []));
  const wanted = granted.filter((o) => /^https?:\/\//.test(o) && !declared.has(o)).sort();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  const current = existing[0];
  if (current !== undefined && sameList([...(current.matches ?? [])].sort(), wanted)) return wanted;
  if (current !== undefined) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (wanted.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: CONTENT_SCRIPT_ID, matches: wanted, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return wanted;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
