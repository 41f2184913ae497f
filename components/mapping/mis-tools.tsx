// The options page's tools for an MIS the extension has no adapter for: choose the tab
// where the MIS is open, then set up a mapping from it ("Read another MIS", mapping-setup.tsx) or
// capture an anonymised copy of its page (capture-section.tsx). The tab list is the tabs whose address
// the extension may see, i.e. those of the MIS sites granted in "MIS sites".
import { useEffect, useState } from 'preact/hooks';
import { CaptureSection, type CaptureSectionApi } from './capture-section.tsx';
import { MappingSetup, type MappingSetupApi } from './mapping-setup.tsx';

export interface MisTab {
  id: number;
  title: string;
  url: string;
}

export interface MisToolsApi {
  listTabs: () => Promise<MisTab[]>;
  /** The two sections' APIs, talking to one tab. */
  forTab: (tabId: number) => { mapping: MappingSetupApi; capture: CaptureSectionApi };
  /** When no tab is chosen yet: the saved mappings can still be listed, exported and imported. */
  noTab: MappingSetupApi;
}

export function MisTools({ api }: { api: MisToolsApi }) {
  const [tabs, setTabs] = useState<MisTab[]>([]);
  const [tabId, setTabId] = useState<number | null>(null);

  const refresh = async () => {
    const list = await api.listTabs();
    setTabs(list);
    setTabId((cur) => (cur !== null && list.some((t) => t.id === cur) ? cur : (list[0]?.id ?? null)));
  };
  useEffect(() => {
    void refresh();
  }, []);

  const bound = tabId === null ? null : api.forTab(tabId);
  return (
    <div class="mis-tools">
      <section class="pn-card" aria-labelledby="mis-tab-title">
        <h2 id="mis-tab-title">Your MIS tab</h2>
        <p>Open your MIS in a tab (on a site allowed under "MIS sites"), then choose that tab here: the two sections below work on it.</p>
        <label>
          MIS tab{' '}
          <select class="mis-tab" value={tabId === null ? '' : String(tabId)} onChange={(e) => setTabId(Number((e.currentTarget as HTMLSelectElement).value))}>
            {tabs.length === 0 && <option value="">— no MIS tab open —</option>}
            {tabs.map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.title} — {t.url}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" class="mis-tab-refresh" onClick={() => void refresh()}>
          Refresh the list
        </button>
      </section>
      <MappingSetup key={tabId ?? -1} api={bound?.mapping ?? api.noTab} />
      {bound ? (
        <CaptureSection key={tabId ?? -1} api={bound.capture} />
      ) : (
        <CaptureSection api={{ capture: async () => ({ ok: false, error: 'Open your MIS in a tab first.' }), download: () => {} }} disabled />
      )}
    </div>
  );
}
