// "Read another MIS" in the options page: set up the table adapter without writing JSON.
// The user opens their MIS's register in a tab, presses "Pick the register table", clicks the table;
// the tab answers with an inferred mapping and the preview ("31 pupils × 10 sessions; 2 codes not
// mapped: I_F, ?"); each code not mapped gets a choice of statutory code, and the preview is re-read
// live as they are chosen; then Save. Saved mappings can be exported and imported as JSON files; an
// imported file is shown (name, id, pages it reads, codes) and saved only when the user says so, with
// a plain warning when it would replace a saved mapping of the same id.
// Talks to the browser only through `api` (design.md: components are props in, markup out).
import { useEffect, useState } from 'preact/hooks';
import { CODE_TABLE } from '../../engine/codes.ts';
import type { TableMapping } from '../../adapters/table/mapping-schema.ts';
import { kebabId } from '../../adapters/table/new-mapping.ts';
import { parseMapping } from '../../adapters/table/parse-mapping.ts';
import type { ReadPreview } from '../../adapters/table/preview-read.ts';
import { mappingFile } from '../../adapters/table/stored-mappings.ts';

type Err = { ok: false; error: string };

export interface MappingSetupApi {
  listMappings: () => Promise<TableMapping[]>;
  /** Starts the picker on the MIS tab; resolves once the user has clicked (or cancelled). */
  pickRegister: () => Promise<{ ok: true; mapping: TableMapping; preview: ReadPreview } | Err>;
  /** Re-reads the MIS tab with the mapping (live preview). */
  previewMapping: (mapping: TableMapping) => Promise<ReadPreview | Err>;
  saveMapping: (mapping: TableMapping) => Promise<{ ok: true } | Err>;
  removeMapping: (id: string) => Promise<void>;
  download: (fileName: string, text: string, mime: string) => void;
}

/** The statutory codes a local spelling can stand for, with their meanings (engine/codes.ts). */
const TARGETS: { value: string; label: string }[] = [
  { value: 'present', label: 'present (/ in the morning, \\ in the afternoon)' },
  ...CODE_TABLE.filter((c) => !c.legacy && c.code !== '/' && c.code !== '\\').map((c) => ({ value: c.code, label: `${c.code} — ${c.meaning}` })),
];

export function MappingSetup({ api }: { api: MappingSetupApi }) {
  const [saved, setSaved] = useState<TableMapping[]>([]);
  const [draft, setDraft] = useState<TableMapping | null>(null);
  const [preview, setPreview] = useState<ReadPreview | null>(null);
  /** Codes listed as not mapped when picked: their choices stay on screen after they are mapped. */
  const [toMap, setToMap] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  /** A checked mapping file waiting for Save or Cancel; `replaces` is the saved mapping with its id. */
  const [pendingImport, setPendingImport] = useState<{ mapping: TableMapping; fileName: string; replaces?: TableMapping } | null>(null);

  const refresh = async () => setSaved(await api.listMappings());
  useEffect(() => {
    void refresh();
  }, []);

  const pick = async () => {
    setBusy(true);
    setMessage(null);
    const r = await api.pickRegister();
    setBusy(false);
    if (!r.ok) return setMessage({ ok: false, text: r.error });
    if (!draft) {
      setDraft(r.mapping);
      setPreview(r.preview);
      setToMap(r.preview.unmapped);
      return;
    }
    // Picking again (e.g. on another week, to see codes this one did not show) keeps the name and the
    // codes already mapped (docs/mapping.md: "pick again on a week that shows them").
    const next: TableMapping = { ...r.mapping, id: draft.id, name: draft.name, codes: { ...draft.codes, ...r.mapping.codes } };
    setDraft(next);
    const p = await api.previewMapping(next);
    const shown = 'ok' in p ? r.preview : p;
    setPreview(shown);
    setToMap([...toMap, ...shown.unmapped.filter((c) => !toMap.includes(c))]);
  };

  const update = async (next: TableMapping) => {
    setDraft(next);
    const p = await api.previewMapping(next);
    if ('ok' in p) setMessage({ ok: false, text: p.error });
    else setPreview(p);
  };

  const setCode = (local: string, target: string) => {
    if (!draft) return;
    const codes = { ...draft.codes };
    if (target === '') delete codes[local];
    else codes[local] = target;
    void update({ ...draft, codes });
  };

  const save = async () => {
    if (!draft) return;
    const checked = parseMapping(draft);
    if (!checked.ok) return setMessage({ ok: false, text: checked.errors.join('; ') });
    const r = await api.saveMapping(checked.mapping);
    if (!r.ok) return setMessage({ ok: false, text: r.error });
    setMessage({ ok: true, text: `Saved "${checked.mapping.name}". Reload the MIS tab to read it with this mapping.` });
    setDraft(null);
    setPreview(null);
    await refresh();
  };

  const importFile = async (file: File) => {
    setImportErrors([]);
    setPendingImport(null);
    const r = parseMapping(await file.text());
    if (!r.ok) return setImportErrors(r.errors.map((e) => `${file.name}: ${e}`));
    // Not saved yet: a file from elsewhere decides which pages are read and what their marks mean,
    // and saving replaces a mapping with the same id, so the user sees both first.
    const replaces = (await api.listMappings()).find((m) => m.id === r.mapping.id);
    setPendingImport({ mapping: r.mapping, fileName: file.name, ...(replaces ? { replaces } : {}) });
  };

  const saveImport = async () => {
    if (!pendingImport) return;
    const { mapping, fileName } = pendingImport;
    const s = await api.saveMapping(mapping);
    if (!s.ok) return setImportErrors([s.error]);
    setPendingImport(null);
    setMessage({ ok: true, text: `Imported "${mapping.name}" from ${fileName}.` });
    await refresh();
  };

  const unmapped = preview?.unmapped ?? [];
  return (
    <section class="pn-card mapping-setup" aria-labelledby="mapping-setup-title">
      <h2 id="mapping-setup-title">Read another MIS</h2>
      <p>Open your MIS's class register in a tab, then pick its table. Nothing is sent anywhere: the extension only reads the page.</p>
      <button type="button" class="mapping-pick" disabled={busy} onClick={() => void pick()}>
        {busy ? 'Click the register table in your MIS tab…' : draft ? 'Pick the register table again (keeps the codes mapped)' : 'Pick the register table'}
      </button>

      {draft && preview && (
        <div class="mapping-draft">
          <p class="mapping-preview" role="status">
            {preview.summary}
          </p>
          <label>
            Name of your MIS{' '}
            <input
              class="mapping-name"
              value={draft.name}
              onInput={(e) => {
                const name = (e.currentTarget as HTMLInputElement).value;
                setDraft({ ...draft, name, id: kebabId(name) });
              }}
            />
          </label>
          {toMap.length > 0 && (
            <table class="mapping-codes">
              <caption>What your MIS's marks mean</caption>
              <thead>
                <tr>
                  <th scope="col">Your MIS shows</th>
                  <th scope="col">Statutory code</th>
                </tr>
              </thead>
              <tbody>
                {toMap.map((local) => (
                  <tr key={local}>
                    <th scope="row">
                      <code>{local}</code>
                    </th>
                    <td>
                      <select
                        aria-label={`Statutory code for ${local}`}
                        value={draft.codes[local] ?? ''}
                        onChange={(e) => setCode(local, (e.currentTarget as HTMLSelectElement).value)}
                      >
                        <option value="">— not mapped (kept as an unknown code) —</option>
                        {TARGETS.map((t) => (
                          <option key={t.value} value={t.value}>
                            {t.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" class="mapping-save" onClick={() => void save()}>
            {unmapped.length > 0 ? `Save (${unmapped.length} still not mapped)` : 'Save'}
          </button>{' '}
          <button type="button" onClick={() => (setDraft(null), setPreview(null))}>
            Discard
          </button>
        </div>
      )}

      {message && (
        <p class={message.ok ? 'mapping-ok' : 'mapping-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}

      <h3>Saved mappings</h3>
      {saved.length === 0 ? (
        <p class="mapping-none">None yet.</p>
      ) : (
        <ul class="mapping-list">
          {saved.map((m) => (
            <li key={m.id}>
              {m.name} <code>{m.id}</code>{' '}
              <button
                type="button"
                onClick={() => {
                  const f = mappingFile(m);
                  api.download(f.fileName, f.text, 'application/json');
                }}
              >
                Export
              </button>{' '}
              <button type="button" onClick={() => void api.removeMapping(m.id).then(refresh)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        Import a mapping (JSON){' '}
        <input
          type="file"
          class="mapping-import"
          accept=".json,application/json"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const f = input.files?.[0];
            input.value = ''; // so choosing the same file again (after Cancel) is seen
            if (f) void importFile(f);
          }}
        />
      </label>
      {pendingImport && <ImportPreview pending={pendingImport} onSave={() => void saveImport()} onCancel={() => setPendingImport(null)} />}
      {importErrors.length > 0 && (
        <ul class="mapping-error" role="alert">
          {importErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What an imported mapping file will save: its name and id, the pages it reads, its codes. */
function ImportPreview({ pending, onSave, onCancel }: { pending: { mapping: TableMapping; fileName: string; replaces?: TableMapping }; onSave: () => void; onCancel: () => void }) {
  const { mapping: m, fileName, replaces } = pending;
  const codes = Object.keys(m.codes).length;
  const pages = [
    ...(m.register ? [`register pages (address matching ${m.register.url})`] : []),
    ...(m.pupil ? [`pupil pages (address matching ${m.pupil.url})`] : []),
  ];
  return (
    <div class="mapping-import-preview" role="group" aria-label={`Import ${fileName}`}>
      <p>
        {fileName} holds the mapping "{m.name}" (<code>{m.id}</code>). It reads {pages.length > 0 ? pages.join(' and ') : 'no pages'} on pages
        showing <code>{m.detect.selector}</code>, and maps {codes} code{codes === 1 ? '' : 's'} of your MIS.
      </p>
      {replaces && (
        <p class="mapping-error mapping-import-replaces" role="alert">
          This replaces your saved mapping "{replaces.name}" ({replaces.id}): it has the same id. Export that one first to keep a copy.
        </p>
      )}
      <button type="button" class="mapping-import-save" onClick={onSave}>
        {replaces ? `Save, replacing "${replaces.name}"` : 'Save'}
      </button>{' '}
      <button type="button" class="mapping-import-cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
