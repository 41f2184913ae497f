// Injected by the options page into the chosen MIS tab (browser.scripting.executeScript, files:
// ['/mis-tools.js']) when the user picks a register table, previews a mapping or captures a page
//: answers those requests there (mis.content/mapping-bridge.ts). Runs in the same
// isolated world as the content script, never in the page's; injected again on each request, it
// starts only once per page.
import { adapters } from '../adapters/registry.ts';
import { mappingBridge } from './mis.content/mapping-bridge.ts';
import { storedAdapters } from './mis.content/stored-adapters.ts';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => {
  const w = window as Window & { __attendanceMisTools?: true };
  if (w.__attendanceMisTools) return;
  w.__attendanceMisTools = true;
  // The saved mappings are read at each capture: one saved after the injection counts too.
  mappingBridge({ win: window, signal: new AbortController().signal, adapters: async () => [...adapters, ...(await storedAdapters())] });
});
