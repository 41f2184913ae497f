// Which MIS content script the background registers, and for which origins (only those granted; the
// smaller reader where no table mapping needs the bigger one): mis.js for the granted origins while no table mapping is saved; mis-table.js instead
// (never both for an origin) once one is; back when the last is removed. Origins mis.js is declared
// for in the manifest (the e2e build) get no registered copy of it, but do get mis-table.js.
// `wxt/browser` (permissions, storage, scripting) is the only mock: a small in-memory registry.
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface Reg {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}
const state = {
  origins: [] as string[],
  stored: {} as Record<string, unknown>,
  declared: [] as { matches: string[]; js: string[] }[],
  registered: [] as Reg[],
  calls: [] as string[],
};

vi.mock('wxt/browser', () => ({
  browser: {
    permissions: { getAll: async () => ({ origins: [...state.origins] }) },
    storage: { local: { get: async (key: string) => (key in state.stored ? { [key]: state.stored[key] } : {}) } },
    runtime: { getManifest: () => ({ content_scripts: state.declared }) },
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => state.registered.filter((r) => ids.includes(r.id)).map((r) => ({ ...r })),
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        state.calls.push(`unregister ${ids.join(',')}`);
        state.registered = state.registered.filter((r) => !ids.includes(r.id));
      },
      registerContentScripts: async (list: Reg[]) => {
        state.calls.push(`register ${list.map((r) => r.id).join(',')}`);
        for (const r of list) {
          if (state.registered.some((x) => x.id === r.id)) throw new Error(`Duplicate script ID '${r.id}'`);
          state.registered.push({ ...r });
        }
      },
    },
  },
}));
const { mappingsChanged, readerScriptFile, syncContentScripts } = await import('./content-scripts.ts');

const MAPPING = { format: 'attendance-overlay/mis-mapping', version: 1, id: 'kestrel', name: 'Kestrel' };
const byId = () => Object.fromEntries(state.registered.map((r) => [r.id, { matches: r.matches, js: r.js }]));

beforeEach(() => {
  state.origins = [];
  state.stored = {};
  state.declared = [];
  state.registered = [];
  state.calls = [];
});

describe('syncContentScripts', () => {
  it('without saved mappings registers mis.js for the granted http(s) origins only', async () => {
    state.origins = ['https://mis.example.org/*', 'chrome-extension://abc/*', 'http://10.0.0.5/*'];
    expect(await syncContentScripts()).toEqual(['http://10.0.0.5/*', 'https://mis.example.org/*']);
    expect(byId()).toEqual({ mis: { matches: ['http://10.0.0.5/*', 'https://mis.example.org/*'], js: ['mis.js'] } });
    expect(state.registered[0]).toMatchObject({ runAt: 'document_idle', persistAcrossSessions: true });
  });

  it('with a saved mapping registers mis-table.js instead of mis.js, and switches back when the last is removed', async () => {
    state.origins = ['https://mis.example.org/*'];
    await syncContentScripts();
    expect(Object.keys(byId())).toEqual(['mis']);

    state.stored = { tableMappings: [MAPPING] };
    state.calls = [];
    expect(await syncContentScripts()).toEqual(['https://mis.example.org/*']);
    expect(byId()).toEqual({ 'mis-table': { matches: ['https://mis.example.org/*'], js: ['mis-table.js'] } });
    // mis.js is gone before mis-table.js is added: an origin never has both readers.
    expect(state.calls).toEqual(['unregister mis', 'register mis-table']);

    state.stored = { tableMappings: [] };
    state.calls = [];
    await syncContentScripts();
    expect(byId()).toEqual({ mis: { matches: ['https://mis.example.org/*'], js: ['mis.js'] } });
    expect(state.calls).toEqual(['unregister mis-table', 'register mis']);
  });

  it('changes nothing when the registration already fits, and updates the origins when a grant is added', async () => {
    state.origins = ['https://a.example/*'];
    state.stored = { tableMappings: [MAPPING] };
    await syncContentScripts();
    state.calls = [];
    await syncContentScripts();
    expect(state.calls).toEqual([]);

    state.origins = ['https://b.example/*', 'https://a.example/*'];
    await syncContentScripts();
    expect(state.calls).toEqual(['unregister mis-table', 'register mis-table']);
    expect(byId()['mis-table']!.matches).toEqual(['https://a.example/*', 'https://b.example/*']);
  });

  it('no granted origin: nothing registered, and a previous registration removed', async () => {
    state.origins = ['https://a.example/*'];
    await syncContentScripts();
    state.origins = [];
    expect(await syncContentScripts()).toEqual([]);
    expect(state.registered).toEqual([]);
  });

  it('origins declared for mis.js in the manifest (e2e build) get no second mis.js, but do get mis-table.js', async () => {
    state.declared = [{ matches: ['http://127.0.0.1/*', 'http://localhost/*'], js: ['mis.js'] }];
    state.origins = ['http://127.0.0.1/*', 'http://localhost/*', 'https://mis.example.org/*'];
    expect(await syncContentScripts()).toEqual(['https://mis.example.org/*']);
    expect(byId()).toEqual({ mis: { matches: ['https://mis.example.org/*'], js: ['mis.js'] } });

    state.stored = { tableMappings: [MAPPING] };
    await syncContentScripts();
    expect(byId()).toEqual({
      'mis-table': { matches: ['http://127.0.0.1/*', 'http://localhost/*', 'https://mis.example.org/*'], js: ['mis-table.js'] },
    });
  });

  it('concurrent syncs are serialised (no duplicate registration)', async () => {
    state.origins = ['https://a.example/*'];
    state.stored = { tableMappings: [MAPPING] };
    await Promise.all([syncContentScripts(), syncContentScripts(), syncContentScripts()]);
    expect(state.calls).toEqual(['register mis-table']);
  });
});

describe('readerScriptFile and mappingsChanged', () => {
  it('names mis-table.js only while the stored list holds a mapping', async () => {
    expect(await readerScriptFile()).toBe('mis.js');
    state.stored = { tableMappings: [] };
    expect(await readerScriptFile()).toBe('mis.js');
    state.stored = { tableMappings: 'not a list' };
    expect(await readerScriptFile()).toBe('mis.js');
    state.stored = { tableMappings: [MAPPING] };
    expect(await readerScriptFile()).toBe('mis-table.js');
  });

  it('a change of the mappings key in local storage triggers a sync; other keys and areas do not', () => {
    expect(mappingsChanged({ tableMappings: { newValue: [] } }, 'local')).toBe(true);
    expect(mappingsChanged({ captureStandIns: { newValue: {} } }, 'local')).toBe(false);
    expect(mappingsChanged({ tableMappings: { newValue: [] } }, 'session')).toBe(false);
  });
});
