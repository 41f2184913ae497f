// Wires the options page's MIS tools (components/mapping/mis-tools.tsx) to the browser: the MIS tabs
// the extension may see, requests to the tab (messages/mapping-messages.ts, answered by
// entrypoints/mis.content/mapping-bridge.ts, injected on use as /mis-tools.js), the saved mappings in browser.storage.local (validated
// with parseMapping on every load, save and import: the content script, kept free of zod, relies on
// that) and files saved with a download. Rendered below the settings by main.tsx.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { MAPPINGS_KEY, storedMappings, withMapping } from '../../adapters/table/stored-mappings.ts';
import { downloadText } from '../../components/panel/download-text.ts';
import { mappingSetupCss } from '../../components/mapping/mapping-setup-css.ts';
import type { MappingSetupApi } from '../../components/mapping/mapping-setup.tsx';
import { MisTools, type MisToolsApi } from '../../components/mapping/mis-tools.tsx';
import type { KnownPupil } from '../../adapters/capture/anonymise.ts';
import { newStandInMap, type StandInMap } from '../../adapters/capture/stand-ins.ts';
import type { MappingReplies, MappingRequest } from '../../messages/mapping-messages.ts';
import { sendPanelMessage } from '../../messages/panel-messages.ts';
import { sendMessage } from '../../messages/send-message.ts';
import { CAPTURE_STAND_INS_KEY } from '../../storage/local-keys.ts';

async function ask<T extends MappingRequest['type']>(tabId: number, msg: Extract<MappingRequest, { type: T }>): Promise<MappingReplies[T] | { ok: false; error: string }> {
  try {
    // The tools are not part of the content script (they are needed only here): inject them on use.
    // Allowed on the sites granted under "MIS sites" (host permission); they start once per page.
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/mis-tools.js'] });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `The extension may not read that tab (${why}). Check its site is allowed under "MIS sites".` };
  }
  try {
    const r = (await browser.tabs.sendMessage(tabId, msg, { frameId: 0 })) as MappingReplies[T] | undefined;
    return r ?? { ok: false, error: 'The MIS tab did not answer: reload it and try again.' };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: `The MIS tab did not answer (${why}). Reload it and try again.`,
    };
  }
}

async function loadMappings() {
  const raw = (await browser.storage.local.get(MAPPINGS_KEY))[MAPPINGS_KEY];
  const r = storedMappings(raw);
  for (const e of r.errors) console.warn(`[attendance-overlay] saved mapping refused: ${e}`);
  return r.mappings;
}

/**
 * The background registers mis-table.js (the reader with the saved mappings) instead of mis.js while a
 * mapping is saved (background/content-scripts.ts). It re-syncs on the storage change by itself; asking here
 * too means the MIS pages opened once the save is confirmed already get the right script.
 */
async function syncReaders(): Promise<void> {
  const r = await sendMessage({ type: 'sync-content-scripts' }).catch((e: unknown) => ({ ok: false as const, error: String(e) }));
  if (!r.ok) console.warn(`[attendance-overlay] the MIS content script could not be updated: ${r.error}`);
}

const storage: Omit<MappingSetupApi, 'pickRegister' | 'previewMapping'> = {
  listMappings: loadMappings,
  async saveMapping(mapping) {
    await browser.storage.local.set({ [MAPPINGS_KEY]: withMapping(await loadMappings(), mapping) });
    await syncReaders();
    return { ok: true };
  },
  async removeMapping(id) {
    await browser.storage.local.set({ [MAPPINGS_KEY]: (await loadMappings()).filter((m) => m.id !== id) });
    await syncReaders();
  },
  download: downloadText,
};

async function loadStandIns(): Promise<StandInMap> {
  const v = (await browser.storage.local.get(CAPTURE_STAND_INS_KEY))[CAPTURE_STAND_INS_KEY] as StandInMap | undefined;
  return v && typeof v === 'object' && v.pupils && typeof v.pupils === 'object' ? v : newStandInMap();
}

const originOf = (url: string | undefined): string | null => {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
};

/**
 * Pupils the extension has read on `origin` (the chosen tab's site): their names and ids are replaced
 * wherever they appear on its pages. Only that site's: a capture must not hand one MIS's pupils to a
 * page of another site. A pupil known only from a file import has no site and is not sent; the page's
 * own read (adapter or mapping) still names the pupils it shows.
 */
async function knownPupils(origin: string | null): Promise<KnownPupil[]> {
  if (origin === null) return [];
  const r = await sendPanelMessage({ type: 'pupils-on-site', origin });
  return r.ok ? r.pupils : [];
}

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export const misToolsApi: MisToolsApi = {
  async listTabs() {
    const tabs = await browser.tabs.query({});
    // Without the "tabs" permission a tab's address is visible only on the sites the user granted.
    return tabs
      .filter((t) => t.id !== undefined && t.url !== undefined && /^https?:/.test(t.url))
      .map((t) => ({ id: t.id!, title: t.title ?? t.url!, url: t.url! }));
  },
  noTab: {
    ...storage,
    pickRegister: async () => ({ ok: false, error: 'Open your MIS in a tab first, then choose it above.' }),
    previewMapping: async () => ({ ok: false, error: 'No MIS tab chosen.' }),
  },
  forTab(tabId) {
    return {
      mapping: {
        ...storage,
        async pickRegister() {
          // The user clicks in the MIS tab: bring it forward, and come back here once they have.
          const self = await browser.tabs.getCurrent();
          await browser.tabs.update(tabId, { active: true }).catch(() => undefined);
          const r = await ask(tabId, { type: 'mapping:pick-register', name: 'My MIS' });
          if (self?.id !== undefined) await browser.tabs.update(self.id, { active: true }).catch(() => undefined);
          return r;
        },
        async previewMapping(mapping) {
          const r = await ask(tabId, { type: 'mapping:preview', mapping });
          return r.ok ? r.preview : r;
        },
      },
      capture: {
        async capture() {
          const tab = await browser.tabs.get(tabId).catch(() => undefined);
          const [pupils, standIns] = await Promise.all([knownPupils(originOf(tab?.url)), loadStandIns()]);
          const r = await ask(tabId, { type: 'mapping:capture', pupils, standIns, capturedOn: localToday() });
          if (!r.ok) return r;
          await browser.storage.local.set({ [CAPTURE_STAND_INS_KEY]: r.standIns });
          return { ok: true, capture: r.capture, misName: r.misName, url: r.url };
        },
        download: downloadText,
      },
    };
  },
};

/** Renders the MIS tools into their own element after the settings (#app). */
export function renderMisTools(doc: Document): void {
  const style = doc.createElement('style');
  style.textContent = `${mappingSetupCss}
.mis-tools{padding:0 12px;max-width:1100px}
.capture-preview .capture-summary{font-weight:600;padding:6px 8px;background:#eef3fd;border-left:3px solid #1a56db;margin:8px 0}
.capture-preview .capture-text{max-height:240px;overflow:auto;background:#f6f8fa;padding:6px;white-space:pre-wrap;font-size:12px}
.capture-section .mapping-ok{color:#14532d;background:#e7f6ec;padding:4px 8px}
.capture-section .mapping-error{color:#7a1010;background:#fde2e1;padding:4px 8px}
.capture-section .mapping-codes{border-collapse:collapse;margin:8px 0}
.capture-section .mapping-codes caption{text-align:left;font-weight:600;margin-bottom:4px;white-space:nowrap}
.capture-section .mapping-codes th,.capture-section .mapping-codes td{border:1px solid #d5d9de;padding:3px 8px;text-align:left}`;
  doc.head.append(style);
  const root = doc.createElement('div');
  root.id = 'mis-tools';
  doc.body.append(root);
  render(<MisTools api={misToolsApi} />, root);
}
