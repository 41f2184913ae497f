// Editing the policy's thresholds and stages: a form for the numbers a non-technical
// attendance lead changes (band bounds and labels, the EPN threshold, minimum sessions for banding,
// stage review intervals and entry thresholds), and "advanced: edit as JSON" for everything else.
// Every change is validated as it is typed with the same checks the background applies when it
// stores the policy (messages/messages.ts customPolicySchema → engine/policy/parse-policy.ts), and each
// problem is shown beside its field. Nothing is stored until "Save"; "Preview" shows what changes.
import { useMemo, useState } from 'preact/hooks';
import type { Band, Clause, Policy } from '../../engine/policy/schema.ts';
import { presetById } from '../../engine/policy/presets/index.ts';
import { customPolicySchema } from '../../messages/messages.ts';

/** Validation of an edited policy: one message per problem, each starting with its field path. */
export function policyEditorErrors(draft: unknown): string[] {
  const r = customPolicySchema.safeParse(draft);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

/** A copy of `base` to edit, with an id of its own (a custom policy may not reuse a preset's id). */
export function customCopy(base: Policy): Policy {
  const copy = structuredClone(base);
  if (presetById(copy.id) !== undefined) {
    copy.id = `${copy.id}-custom`;
    copy.name = `${copy.name} (edited)`;
  }
  return copy;
}

type BoundKind = 'gte' | 'gt' | 'lte' | 'lt';
function boundKind(b: Band): BoundKind {
  if (b.lowerBound !== undefined) return b.inclusive ? 'gte' : 'gt';
  return b.inclusive ? 'lte' : 'lt';
}
const BOUND_TEXT: Record<BoundKind, string> = { gte: 'at least (≥)', gt: 'above (>)', lte: 'at most (≤)', lt: 'below (<)' };
const OP_TEXT: Record<string, string> = { lt: 'below', lte: 'at or below', gt: 'more than', gte: 'at least' };

/** "12", "96.5" → number; anything else → NaN (the validation then names the field). */
function toNumber(text: string): number {
  const t = text.trim();
  return t === '' || !/^-?\d+(\.\d+)?$/.test(t) ? Number.NaN : Number(t);
}

/** A number typed as text, so "96." can be typed on the way to "96.5" (the draft gets NaN until valid). */
function NumField(props: { value: number | undefined; onValue: (v: number) => void; label: string; path: string; width?: string }) {
  const [text, setText] = useState(props.value === undefined || Number.isNaN(props.value) ? '' : String(props.value));
  return (
    <input
      type="text"
      inputMode="decimal"
      aria-label={props.label}
      data-field={props.path}
      value={text}
      style={{ width: props.width ?? '5em' }}
      onInput={(e) => {
        const t = (e.target as HTMLInputElement).value;
        setText(t);
        props.onValue(toNumber(t));
      }}
    />
  );
}

export interface PolicyEditorProps {
  /** The policy to start from (already a custom copy: customCopy). */
  initial: Policy;
  /** Raw JSON of a stored policy that failed validation, to fix in the JSON editor. */
  initialJson?: string;
  preview: (policy: Policy) => Promise<void>;
  save: (policy: Policy) => Promise<void>;
  cancel: () => void;
}

export function PolicyEditor({ initial, initialJson, preview, save, cancel }: PolicyEditorProps) {
  const [draft, setDraft] = useState<Policy>(initial);
  // Bumped when the draft is replaced from JSON, so every number field re-reads its value.
  const [generation, setGeneration] = useState(0);
  const [json, setJson] = useState<string | null>(initialJson ?? null);
  const [jsonErrors, setJsonErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const errors = useMemo(() => policyEditorErrors(draft), [draft]);

  const edit = (change: (p: Policy) => void) => {
    const next = structuredClone(draft);
    change(next);
    setDraft(next);
  };
  /** Problems whose field path is `path` or inside it. */
  const at = (path: string) => errors.filter((e) => e.startsWith(`${path}:`) || e.startsWith(`${path}.`) || e.startsWith(`${path}[`));
  const fieldErrors = (path: string) => {
    const list = at(path);
    return list.length === 0 ? null : (
      <div class="pn-error pn-field-error" data-error-for={path}>
        {list.map((e) => (
          <div key={e}>{e}</div>
        ))}
      </div>
    );
  };
  const num = (label: string, path: string, value: number | undefined, set: (p: Policy, v: number) => void, width?: string) => (
    <NumField key={`${generation}:${path}`} label={label} path={path} value={value} width={width} onValue={(v) => edit((p) => set(p, v))} />
  );

  const applyJson = () => {
    if (json === null) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      setJsonErrors([`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`]);
      return;
    }
    const problems = policyEditorErrors(parsed);
    setJsonErrors(problems);
    if (problems.length > 0) return;
    setDraft(parsed as Policy);
    setGeneration((g) => g + 1);
    setJson(null);
  };

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };

  /** One entry condition, with its numbers editable (stage i, group "all"/"any", clause j). */
  const clauseRow = (c: Clause, i: number, group: 'all' | 'any', j: number) => {
    const path = `stages[${i}].entry.${group}[${j}]`;
    // The same clause in the copy being edited (same kind: only numbers change here).
    const at = <K extends Clause['kind']>(p: Policy, _kind: K) => p.stages[i]!.entry[group]![j] as Extract<Clause, { kind: K }>;
    switch (c.kind) {
      case 'attendance':
        return (
          <span>
            attendance {OP_TEXT[c.op]} {num('attendance %', `${path}.pct`, c.pct, (p, v) => (at(p, 'attendance').pct = v))} %
          </span>
        );
      case 'unauthorisedInWindow':
        return (
          <span>
            unauthorised sessions in the EPN window {OP_TEXT[c.op]} {num('sessions', `${path}.sessions`, c.sessions, (p, v) => (at(p, 'unauthorisedInWindow').sessions = v))}
          </span>
        );
      case 'brokenWeeks':
        return (
          <span>
            broken weeks at least {num('broken weeks', `${path}.atLeast`, c.atLeast, (p, v) => (at(p, 'brokenWeeks').atLeast = v))}
            {c.percentOfSchoolWeeks !== undefined && (
              <> and at least {num('% of school weeks', `${path}.percentOfSchoolWeeks`, c.percentOfSchoolWeeks, (p, v) => (at(p, 'brokenWeeks').percentOfSchoolWeeks = v))} % of school weeks</>
            )}
          </span>
        );
      case 'daysLost':
        return (
          <span>
            days lost {OP_TEXT[c.op]} {num('days lost', `${path}.days`, c.days, (p, v) => (at(p, 'daysLost').days = v))}
          </span>
        );
      case 'currentAbsenceDays':
        return (
          <span>
            absent now for at least {num('days', `${path}.atLeast`, c.atLeast, (p, v) => (at(p, 'currentAbsenceDays').atLeast = v))} days
          </span>
        );
      case 'daysSinceStage':
        return (
          <span>
            at least {num('days', `${path}.atLeast.days`, c.atLeast.days, (p, v) => (at(p, 'daysSinceStage').atLeast.days = v))} {c.atLeast.unit} days since “{c.stage}”
          </span>
        );
      case 'stageRecorded':
        return <span>“{c.stage}” recorded</span>;
      case 'attendanceSinceStage':
        return <span>attendance {c.change === 'decreased' ? 'decreased' : 'not improved'} since “{c.stage}”</span>;
    }
  };

  return (
    <div class="pn-editor" data-testid="policy-editor">
      <h3>Edit thresholds and stages</h3>
      <p class="pn-sub">
        Changes are checked as you type; nothing is stored until you save. The edited policy is kept beside the presets under its own id.
      </p>
      <div class="pn-form">
        <label for="pe-name">Name</label>
        <div>
          <input id="pe-name" type="text" data-field="name" value={draft.name} style={{ width: '100%' }} onInput={(e) => edit((p) => (p.name = (e.target as HTMLInputElement).value))} />
          {fieldErrors('name')}
        </div>
        <label for="pe-id">Id</label>
        <div>
          <input id="pe-id" type="text" data-field="id" value={draft.id} style={{ width: '100%' }} onInput={(e) => edit((p) => (p.id = (e.target as HTMLInputElement).value))} />
          {fieldErrors('id')}
        </div>
      </div>

      <h4>Bands (best to worst)</h4>
      <table class="pn-table" data-testid="edit-bands">
        <thead>
          <tr>
            <th>Label</th>
            <th>Attendance</th>
            <th>Bound %</th>
          </tr>
        </thead>
        <tbody>
          {draft.bands.map((b, i) => (
            <tr key={`${generation}:${i}`}>
              <td>
                <input type="text" aria-label={`band ${i + 1} label`} data-field={`bands[${i}].label`} value={b.label} onInput={(e) => edit((p) => ((p.bands[i] as Band).label = (e.target as HTMLInputElement).value))} />
                {fieldErrors(`bands[${i}]`)}
              </td>
              <td>
                <select
                  aria-label={`band ${i + 1} comparison`}
                  data-field={`bands[${i}].comparison`}
                  value={boundKind(b)}
                  onChange={(e) =>
                    edit((p) => {
                      const band = p.bands[i] as Band;
                      const v = band.lowerBound ?? band.upperBound;
                      const k = (e.target as HTMLSelectElement).value as BoundKind;
                      delete band.lowerBound;
                      delete band.upperBound;
                      if (k === 'gte' || k === 'gt') band.lowerBound = v;
                      else band.upperBound = v;
                      band.inclusive = k === 'gte' || k === 'lte';
                    })
                  }
                >
                  {(Object.keys(BOUND_TEXT) as BoundKind[]).map((k) => (
                    <option key={k} value={k}>
                      {BOUND_TEXT[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {num(`band ${i + 1} bound`, `bands[${i}].bound`, b.lowerBound ?? b.upperBound, (p, v) => {
                  const band = p.bands[i] as Band;
                  if (band.lowerBound !== undefined) band.lowerBound = v;
                  else band.upperBound = v;
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div class="pn-form">
        <label>Minimum possible sessions before banding</label>
        <div>
          {num('minimum sessions for banding', 'minSessionsForBanding', draft.minSessionsForBanding, (p, v) => (p.minSessionsForBanding = v))}
          {fieldErrors('minSessionsForBanding')}
        </div>
      </div>

      <h4>Penalty-notice (EPN) threshold</h4>
      <div class="pn-actions" style={{ alignItems: 'center' }}>
        <span>Met when unauthorised sessions are</span>
        <select
          aria-label="EPN comparison"
          data-field="epn.comparison"
          value={draft.epn.comparison}
          onChange={(e) => edit((p) => (p.epn.comparison = (e.target as HTMLSelectElement).value as 'gte' | 'gt'))}
        >
          <option value="gte">at least</option>
          <option value="gt">more than</option>
        </select>
        {num('EPN threshold (sessions)', 'epn.threshold', draft.epn.threshold, (p, v) => (p.epn.threshold = v))}
        <span>in</span>
        {num('EPN window (school weeks)', 'epn.weeks', draft.epn.weeks, (p, v) => (p.epn.weeks = v))}
        <span>school weeks (codes {draft.epn.codes.join(', ')})</span>
      </div>
      {fieldErrors('epn')}

      <h4>Stages</h4>
      {draft.stages.length === 0 && <p class="pn-sub">This policy has no stages.</p>}
      {draft.stages.map((s, i) => (
        <div class="pn-stage" key={`${generation}:${i}`} data-stage={s.id}>
          <div class="pn-actions" style={{ alignItems: 'center' }}>
            <input type="text" aria-label={`stage ${i + 1} label`} data-field={`stages[${i}].label`} value={s.label} onInput={(e) => edit((p) => (p.stages[i]!.label = (e.target as HTMLInputElement).value))} />
            <span>review after</span>
            {num(`stage ${i + 1} review after (days)`, `stages[${i}].reviewAfter.days`, s.reviewAfter?.days, (p, v) => {
              const st = p.stages[i]!;
              st.reviewAfter = Number.isNaN(v) ? null : { days: v, unit: st.reviewAfter?.unit ?? 'school' };
            })}
            <select
              aria-label={`stage ${i + 1} review unit`}
              value={s.reviewAfter?.unit ?? 'school'}
              disabled={s.reviewAfter === null}
              onChange={(e) =>
                edit((p) => {
                  const st = p.stages[i]!;
                  if (st.reviewAfter !== null) st.reviewAfter.unit = (e.target as HTMLSelectElement).value as 'school' | 'calendar';
                })
              }
            >
              <option value="school">school days</option>
              <option value="calendar">calendar days</option>
            </select>
            <span class="pn-sub">{s.reviewAfter === null ? '(blank: no review)' : ''}</span>
          </div>
          <ul class="pn-clauses">
            {(['all', 'any'] as const).flatMap((group) =>
              (s.entry[group] ?? []).map((c, j) => (
                <li key={`${group}${j}`}>
                  <small>{group === 'all' ? 'needs' : 'or any of'}:</small> {clauseRow(c, i, group, j)}
                </li>
              )),
            )}
          </ul>
          {fieldErrors(`stages[${i}]`)}
        </div>
      ))}

      <details
        class="pn-json"
        open={json !== null}
        onToggle={(e) => {
          const open = (e.target as HTMLDetailsElement).open;
          if (open && json === null) setJson(JSON.stringify(draft, null, 2));
          if (!open) setJson(null);
        }}
      >
        <summary>Advanced: edit as JSON</summary>
        {json !== null && (
          <div>
            <textarea data-testid="policy-json" rows={16} style={{ width: '100%', fontFamily: 'monospace', fontSize: '12px' }} value={json} onInput={(e) => setJson((e.target as HTMLTextAreaElement).value)} />
            <div class="pn-actions">
              <button type="button" class="pn-btn" data-action="apply-json" onClick={applyJson}>
                Check and use this JSON
              </button>
            </div>
            {jsonErrors.length > 0 && (
              <ul class="pn-error" data-testid="json-errors">
                {jsonErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </details>

      {errors.length > 0 ? (
        <div class="pn-error" role="alert" data-testid="policy-errors">
          <b>{errors.length === 1 ? '1 problem' : `${errors.length} problems`} to fix before previewing or saving:</b>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="pn-ok" data-testid="policy-valid">
          The edited policy is valid.
        </p>
      )}
      <div class="pn-actions">
        <button type="button" class="pn-btn" data-action="preview-custom" disabled={errors.length > 0 || busy} onClick={() => void run(() => preview(draft))}>
          Preview the change
        </button>
        <button type="button" class="pn-btn pn-btn-primary" data-action="save-custom" disabled={errors.length > 0 || busy} onClick={() => void run(() => save(draft))}>
          Save and use this policy
        </button>
        <button type="button" class="pn-btn" onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
