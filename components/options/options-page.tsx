// Settings: the policy preset with a preview of what a change does, the MIS sites the
// extension may read (granted at run time), importing a CTF or marks CSV (preview, then confirm),
// backup and restore (validated JSON), data retention and "remove all data". Talks to the browser
// only through `api`.
import { useEffect, useState } from 'preact/hooks';
import { PRESETS } from '../../engine/policy/presets/index.ts';
import type { Policy } from '../../engine/policy/schema.ts';
import type { ImportReply, PreviewPolicyReply } from '../../messages/panel-messages.ts';
import type { Settings, SettingsReply } from '../../messages/messages.ts';
import { formatDate } from '../format.ts';
import { PolicyEditor, customCopy } from './policy-editor.tsx';

type Err = { ok: false; error: string };

export interface OptionsApi {
  getSettings: () => Promise<SettingsReply | Err>;
  setPolicy: (policyId: string) => Promise<{ ok: true; settings: Settings } | Err>;
  previewPolicy: (policyId: string) => Promise<PreviewPolicyReply | Err>;
  /** Preview an edited policy (validated again by the background). */
  previewCustomPolicy: (policy: Policy) => Promise<PreviewPolicyReply | Err>;
  /** Store the edited policy and use it. */
  saveCustomPolicy: (policy: Policy) => Promise<{ ok: true; settings: Settings } | Err>;
  listOrigins: () => Promise<string[]>;
  /** Asks the browser for access (must run in the click handler); true when granted. */
  grantOrigin: (pattern: string) => Promise<boolean>;
  removeOrigin: (pattern: string) => Promise<boolean>;
  exportBackup: () => Promise<{ ok: true; backup: unknown } | Err>;
  restoreBackup: (backup: unknown) => Promise<{ ok: true; counts: Record<string, number> } | Err>;
  removeAll: () => Promise<{ ok: true; pupils: number } | Err>;
  retention: (days: number, dryRun: boolean) => Promise<{ ok: true; pupils: number } | Err>;
  importFile: (fileName: string, text: string, commit: boolean) => Promise<ImportReply | Err>;
  /** Automatic retention: remove pupils not seen for this many days whenever the side panel opens. */
  getAutoRetention: () => Promise<number | null>;
  setAutoRetention: (days: number | null) => Promise<void>;
  download: (fileName: string, text: string, mime: string) => void;
  /** Asks the user to confirm a destructive action. */
  confirm: (question: string) => boolean;
}

/**
 * `https://mis.example.org/anything` or `mis.example.org` → `https://mis.example.org/*`; null if not one
 * site. A wildcard (`*`, `*.school.uk`) is refused: the extension may read the one MIS the user names
 * (least permissions), never every site or a whole domain.
 */
export function sitePattern(input: string): string | null {
  const t = input.trim();
  if (t === '' || t.includes('*')) return null;
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//i.test(t) ? t : `https://${t}`);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return `${u.protocol}//${u.hostname}/*`;
}

function readFile(file: File): Promise<string> {
  return file.text();
}

export function OptionsPage({ api }: { api: OptionsApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [choice, setChoice] = useState('');
  const [preview, setPreview] = useState<PreviewPolicyReply | null>(null);
  const [origins, setOrigins] = useState<string[]>([]);
  const [site, setSite] = useState('');
  const [msg, setMsg] = useState<Record<string, { ok: boolean; text: string }>>({});
  const [imp, setImp] = useState<{ name: string; text: string; reply: ImportReply } | null>(null);
  const [restore, setRestore] = useState<{ name: string; backup: unknown; summary: string } | null>(null);
  const [days, setDays] = useState(400);
  const [auto, setAuto] = useState(false);
  /** The policy being edited (null: editor closed), and a stored policy that failed validation. */
  const [editing, setEditing] = useState<{ policy: Policy; json?: string; key: number } | null>(null);
  const [stored, setStored] = useState<{ problem: string; raw: unknown } | null>(null);

  const say = (section: string, ok: boolean, text: string) => setMsg((m) => ({ ...m, [section]: { ok, text } }));

  useEffect(() => {
    void (async () => {
      const s = await api.getSettings();
      if (s.ok) {
        setSettings(s.settings);
        setChoice(s.settings.policyId);
        if (s.customPolicyProblem !== undefined) setStored({ problem: s.customPolicyProblem, raw: s.storedCustomPolicy });
      } else say('policy', false, s.error);
      setOrigins(await api.listOrigins());
      const a = await api.getAutoRetention();
      if (a !== null) {
        setAuto(true);
        setDays(a);
      }
    })();
  }, []);

  const choose = async (id: string) => {
    setChoice(id);
    setPreview(null);
    if (settings === null || id === settings.policyId) return;
    const r = await api.previewPolicy(id);
    if (r.ok) setPreview(r);
    else say('policy', false, r.error);
  };

  const apply = async () => {
    const r = await api.setPolicy(choice);
    if (!r.ok) return say('policy', false, r.error);
    setSettings(r.settings);
    setPreview(null);
    say('policy', true, `Policy set to ${policyNamed(choice)?.name ?? choice}.`);
  };

  const custom = settings?.customPolicy ?? null;
  /** A preset or the stored custom policy. */
  const policyNamed = (id: string): Policy | undefined => (custom !== null && custom.id === id ? custom : PRESETS[id]);
  const chosen = policyNamed(choice);

  const startEditing = () => {
    if (chosen === undefined) return;
    setPreview(null);
    setEditing({ policy: customCopy(chosen), key: Date.now() });
  };
  const fixStored = () => {
    if (stored === null) return;
    setPreview(null);
    setEditing({ policy: customCopy(chosen ?? (PRESETS['dfe-support-first'] as Policy)), json: JSON.stringify(stored.raw, null, 2), key: Date.now() });
  };
  const previewCustom = async (policy: Policy) => {
    setPreview(null);
    const r = await api.previewCustomPolicy(policy);
    if (r.ok) setPreview(r);
    else say('policy', false, r.error);
  };
  const saveCustom = async (policy: Policy) => {
    const r = await api.saveCustomPolicy(policy);
    if (!r.ok) return say('policy', false, r.error);
    setSettings(r.settings);
    setChoice(r.settings.policyId);
    setEditing(null);
    setStored(null);
    setPreview(null);
    say('policy', true, `Saved "${policy.name}" and set it as the policy in use.`);
  };
  const previewName = (id: string) => (editing !== null && editing.policy.id === id ? 'the edited policy' : (policyNamed(id)?.name ?? id));

  const grant = async () => {
    const pattern = sitePattern(site);
    if (pattern === null) return say('sites', false, 'Enter the address of your one MIS site, e.g. https://mis.example.org (not a wildcard such as *).');
    const ok = await api.grantOrigin(pattern);
    setOrigins(await api.listOrigins());
    say('sites', ok, ok ? `The extension may now read ${pattern}.` : `Access to ${pattern} was not granted.`);
  };

  const onImportFile = async (file: File | undefined) => {
    setImp(null);
    if (file === undefined) return;
    const text = await readFile(file);
    const r = await api.importFile(file.name, text, false);
    if (!r.ok) return say('import', false, r.error);
    setImp({ name: file.name, text, reply: r });
    say('import', true, 'Nothing has been stored yet: check the preview and confirm.');
  };

  const commitImport = async () => {
    if (imp === null) return;
    const r = await api.importFile(imp.name, imp.text, true);
    setImp(null);
    if (!r.ok) return say('import', false, r.error);
    say('import', true, `Imported ${imp.name}: ${r.added} sessions added, ${r.changed} changed, ${r.newPupils} new pupils.`);
  };

  const backup = async () => {
    const r = await api.exportBackup();
    if (!r.ok) return say('backup', false, r.error);
    const name = `attendance-backup-${new Date().toISOString().slice(0, 10)}.json`;
    api.download(name, JSON.stringify(r.backup), 'application/json');
    say('backup', true, `Backup saved as ${name}.`);
  };

  const onRestoreFile = async (file: File | undefined) => {
    setRestore(null);
    if (file === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file));
    } catch (e) {
      return say('backup', false, `${file.name}: not a JSON file (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`);
    }
    const b = parsed as { exportedAt?: unknown; stores?: { pupils?: unknown[]; caseHistory?: unknown[] } };
    const summary =
      typeof b === 'object' && b !== null && Array.isArray(b.stores?.pupils)
        ? `${file.name}: ${b.stores.pupils.length} pupils, ${b.stores.caseHistory?.length ?? 0} case records, made ${String(b.exportedAt ?? 'at an unknown time')}.`
        : `${file.name}`;
    setRestore({ name: file.name, backup: parsed, summary });
    say('backup', true, 'Restoring replaces everything stored now. Check the file and confirm.');
  };

  const doRestore = async () => {
    if (restore === null) return;
    const r = await api.restoreBackup(restore.backup);
    setRestore(null);
    if (!r.ok) return say('backup', false, r.error);
    say('backup', true, `Restored ${r.counts.pupils ?? 0} pupils and ${r.counts.caseHistory ?? 0} case records.`);
  };

  const removeAll = async () => {
    if (!api.confirm('Remove every pupil, mark and case record stored by this extension? This cannot be undone (make a backup first).')) return;
    const r = await api.removeAll();
    say('data', r.ok, r.ok ? `Removed all data (${r.pupils} pupils).` : r.error);
  };

  const applyRetention = async () => {
    const dry = await api.retention(days, true);
    if (!dry.ok) return say('data', false, dry.error);
    if (dry.pupils === 0) return say('data', true, `No pupil has gone unseen for more than ${days} days.`);
    if (!api.confirm(`Remove ${dry.pupils} pupils not seen for more than ${days} days?`)) return;
    const r = await api.retention(days, false);
    say('data', r.ok, r.ok ? `Removed ${r.pupils} pupils not seen for more than ${days} days.` : r.error);
  };

  const note = (section: string) => {
    const m = msg[section];
    return m === undefined ? null : (
      <p class={m.ok ? 'pn-ok' : 'pn-error'} role={m.ok ? 'status' : 'alert'} data-msg={section}>
        {m.text}
      </p>
    );
  };

  const previewBlock = preview !== null && (
          <div data-testid="policy-preview">
            <p>
              <b>
                {preview.bandChanges} of {preview.pupils} pupils change band
              </b>
              , {preview.stageChanges} get a different suggested stage, {preview.epnChanges} change EPN status (as of {formatDate(preview.asOf)}).
            </p>
            <p class="pn-sub">
              {editing !== null
                ? 'A pupil counts as changed when they move to another band. How pupils move:'
                : 'A band counts as changed when its attendance range changes, not only its name. How each band maps:'}
            </p>
            <table class="pn-table">
              <thead>
                <tr>
                  <th>Band now</th>
                  <th>Band with {previewName(preview.toPolicyId)}</th>
                  <th class="num">Pupils</th>
                </tr>
              </thead>
              <tbody>
                {preview.transitions.map((t) => (
                  <tr key={`${t.from}>${t.to}`}>
                    <td>{t.from}</td>
                    <td>{t.to}</td>
                    <td class="num">{t.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
  );

  return (
    <main class="pn">
      <h1>Attendance overlay — settings</h1>
      <p class="pn-sub">Everything is stored on this device only.</p>

      <section class="pn-card" aria-label="Policy">
        <h2>Attendance policy</h2>
        <label>
          Policy preset{' '}
          <select data-testid="policy" value={choice} onChange={(e) => void choose((e.target as HTMLSelectElement).value)}>
            {Object.values(PRESETS).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {custom !== null && (
              <option key={custom.id} value={custom.id}>
                {custom.name} (edited)
              </option>
            )}
          </select>
        </label>
        {chosen !== undefined && <p class="pn-sub">{chosen.description} Source: {chosen.source}</p>}
        {stored !== null && (
          <div class="pn-error" role="alert" data-testid="stored-policy-problem">
            {stored.problem}{' '}
            <button type="button" class="pn-btn" onClick={fixStored}>
              Fix it in the editor
            </button>
          </div>
        )}
        {editing === null && previewBlock}
        <div class="pn-actions">
          <button type="button" class="pn-btn pn-btn-primary" data-action="apply-policy" disabled={settings === null || choice === settings.policyId} onClick={() => void apply()}>
            Use this policy
          </button>
          {editing === null && (
            <button type="button" class="pn-btn" data-action="edit-policy" disabled={chosen === undefined} onClick={startEditing}>
              Edit thresholds and stages…
            </button>
          )}
        </div>
        {note('policy')}
        {editing !== null && (
          <PolicyEditor
            key={editing.key}
            initial={editing.policy}
            initialJson={editing.json}
            preview={previewCustom}
            save={saveCustom}
            cancel={() => {
              setEditing(null);
              setPreview(null);
            }}
          />
        )}
        {editing !== null && previewBlock}
      </section>

      <section class="pn-card" aria-label="MIS sites">
        <h2>MIS sites the extension may read</h2>
        {origins.length === 0 ? (
          <p class="pn-sub">None yet.</p>
        ) : (
          <ul data-testid="origins">
            {origins.map((o) => (
              <li key={o}>
                {o}{' '}
                <button
                  type="button"
                  class="pn-btn"
                  onClick={() =>
                    void (async () => {
                      await api.removeOrigin(o);
                      setOrigins(await api.listOrigins());
                    })()
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div class="pn-actions">
          <input type="text" aria-label="MIS address" placeholder="https://mis.example.org" value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
          <button type="button" class="pn-btn" onClick={() => void grant()}>
            Allow this site
          </button>
        </div>
        {note('sites')}
      </section>

      <section class="pn-card" aria-label="Import">
        <h2>Fill the history from an MIS export</h2>
        <p class="pn-sub">A DfE Common Transfer File (CTF, XML) or a marks CSV (pupil_id,date,session,code,…). Nothing is stored until you confirm.</p>
        <input type="file" data-testid="import-file" accept=".xml,.csv,.txt" onChange={(e) => void onImportFile((e.target as HTMLInputElement).files?.[0])} />
        {imp !== null && (
          <div data-testid="import-preview">
            <p>
              {imp.name} ({imp.reply.format === 'ctf' ? 'CTF' : 'marks CSV'}): {imp.reply.pupils} pupils ({imp.reply.newPupils} new),{' '}
              {imp.reply.added} sessions added, {imp.reply.changed} changed, {imp.reply.unchanged} already stored
              {imp.reply.firstDate !== null && imp.reply.lastDate !== null && `, ${formatDate(imp.reply.firstDate)} – ${formatDate(imp.reply.lastDate)}`}.
            </p>
            <button type="button" class="pn-btn pn-btn-primary" data-action="confirm-import" onClick={() => void commitImport()}>
              Import
            </button>{' '}
            <button type="button" class="pn-btn" onClick={() => setImp(null)}>
              Cancel
            </button>
          </div>
        )}
        {note('import')}
      </section>

      <section class="pn-card" aria-label="Backup">
        <h2>Backup and restore</h2>
        <div class="pn-actions">
          <button type="button" class="pn-btn" data-action="backup" onClick={() => void backup()}>
            Save a backup (JSON)
          </button>
          <label>
            Restore from a backup: <input type="file" data-testid="restore-file" accept=".json,application/json" onChange={(e) => void onRestoreFile((e.target as HTMLInputElement).files?.[0])} />
          </label>
        </div>
        {restore !== null && (
          <div data-testid="restore-preview">
            <p>{restore.summary}</p>
            <button type="button" class="pn-btn pn-btn-danger" data-action="confirm-restore" onClick={() => void doRestore()}>
              Replace everything stored with this backup
            </button>{' '}
            <button type="button" class="pn-btn" onClick={() => setRestore(null)}>
              Cancel
            </button>
          </div>
        )}
        {note('backup')}
      </section>

      <section class="pn-card" aria-label="Data">
        <h2>Data retention</h2>
        <div class="pn-actions">
          <label>
            Remove pupils not seen for more than{' '}
            <input type="number" min={1} max={3650} value={days} style={{ width: '6em' }} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value) || 1)} /> days
          </label>
          <button type="button" class="pn-btn" onClick={() => void applyRetention()}>
            Remove now
          </button>
        </div>
        <label>
          <input
            type="checkbox"
            data-testid="auto-retention"
            checked={auto}
            onChange={(e) => {
              const on = (e.target as HTMLInputElement).checked;
              setAuto(on);
              void api.setAutoRetention(on ? days : null).then(() =>
                say('data', true, on ? `Pupils not seen for more than ${days} days will be removed whenever the side panel opens.` : 'Automatic removal is off.'),
              );
            }}
          />{' '}
          Remove them automatically (checked whenever the side panel opens)
        </label>
        <div class="pn-actions">
          <button type="button" class="pn-btn pn-btn-danger" data-action="remove-all" onClick={() => void removeAll()}>
            Remove all data
          </button>
        </div>
        {note('data')}
      </section>
    </main>
  );
}
