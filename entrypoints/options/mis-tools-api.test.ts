// The options page's capture sends the MIS tab only the pupils read from that tab's site: another
// MIS's pupils (or a file import's, whose site is unknown) never go to it: it asks the background for
// the pupils of the tab's origin. `wxt/browser` is the only
// mock: the extension's messaging edge (the background's replies and the tab's).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MappingRequest } from '../../messages/mapping-messages.ts';

const sentToTab: MappingRequest[] = [];
const asked: string[] = [];
let tabUrl = 'https://mis.school-a.example/pupil/1042';
const stored = [
  { id: '1042', name: 'Amy Smith', upn: 'A123456789012', source: 'https://mis.school-a.example/register?form=4' },
  { id: '2001', name: 'Ben Jones', source: 'https://other-mis.example/reg' },
  { id: '3001', name: 'Cara Lee', source: 'import:export.csv' },
];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      sendMessage: async (msg: { type: string; origin?: string }) => {
        // The background's answer (background/handle-panel-message.ts, tested there): the pupils last read on that origin.
        if (msg.type === 'pupils-on-site') {
          const origin = msg.origin ?? '';
          asked.push(origin);
          return { ok: true, pupils: stored.filter((p) => p.source.startsWith(`${origin}/`)).map((p) => ({ id: p.id, name: p.name, ...(p.upn ? { upn: p.upn } : {}) })) };
        }
        return { ok: false, error: `unexpected ${msg.type}` };
      },
    },
    tabs: {
      get: async (id: number) => ({ id, url: tabUrl }),
      sendMessage: async (_tabId: number, msg: MappingRequest) => {
        sentToTab.push(msg);
        return { ok: true, capture: {}, standIns: { pupils: {} }, misName: 'x', url: tabUrl };
      },
    },
    scripting: { executeScript: async () => [] },
    storage: { local: { get: async () => ({}), set: async () => undefined } },
  },
}));
const { misToolsApi } = await import('./mis-tools-api.tsx');

beforeEach(() => {
  sentToTab.length = 0;
});

describe('capture from the options page', () => {
  it("sends only the pupils read from the chosen tab's site", async () => {
    const r = await misToolsApi.forTab(7).capture.capture();
    expect(r.ok).toBe(true);
    const msg = sentToTab.find((m) => m.type === 'mapping:capture');
    expect(msg?.type === 'mapping:capture' && msg.pupils).toEqual([{ id: '1042', name: 'Amy Smith', upn: 'A123456789012' }]);
    expect(asked.at(-1)).toBe('https://mis.school-a.example');
  });

  it('sends no pupil to a tab on a site no pupil was read from', async () => {
    tabUrl = 'https://elsewhere.example/page';
    await misToolsApi.forTab(7).capture.capture();
    const msg = sentToTab.find((m) => m.type === 'mapping:capture');
    expect(msg?.type === 'mapping:capture' && msg.pupils).toEqual([]);
  });
});
