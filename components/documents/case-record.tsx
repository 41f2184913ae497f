// The case record: what people actually did for a pupil — stages started, letters,
// meetings, contracts, Notices to Improve, penalty notices (per parent), referrals, outcomes — each
// with a date and a note. The engine's next suggestion and review dates use it (domain.md §7).
import { useState } from 'preact/hooks';
import { isValidIsoDate } from '../../engine/dates.ts';
import type { CaseEvent, CaseEventKind, IsoDate } from '../../engine/types.ts';
import { formatDate } from '../format.ts';

export const EVENT_LABELS: Record<CaseEventKind, string> = {
  'stage-started': 'Stage started',
  'letter-sent': 'Letter sent',
  'meeting-held': 'Meeting held',
  'contract-signed': 'Contract signed',
  'notice-to-improve': 'Notice to Improve issued',
  'penalty-notice': 'Penalty notice issued',
  referral: 'Referral made',
  outcome: 'Outcome',
  note: 'Note',
};

export interface CaseRecordProps {
  events: readonly CaseEvent[];
  /** The policy's stages (id, label), for "stage started". */
  stages: readonly { id: string; label: string }[];
  /** Default date for a new entry (the as-of date). */
  today: IsoDate;
  /** The suggested stage, preselected for "stage started". */
  suggestedStageId: string | null;
  /** Attendance now: stored with a started stage so "not improved since" can be judged later. */
  attendanceNow?: { attended: number; possible: number };
  /** Resolves to an error message, or null when stored. */
  onAdd: (event: CaseEvent) => Promise<string | null>;
}

/** Checks a new entry; returns the problems in words (empty when valid). */
export function validateCaseEvent(e: CaseEvent): string[] {
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date) || !isValidIsoDate(e.date)) problems.push('Date: enter a real date.');
  if (e.kind === 'stage-started' && !e.stageId) problems.push('Stage: choose which stage was started.');
  if (e.kind === 'penalty-notice' && !e.parent?.trim()) problems.push('Parent: a penalty notice is issued to one parent (escalation is per parent).');
  if ((e.note ?? '').length > 2000) problems.push('Note: at most 2,000 characters.');
  return problems;
}

export function CaseRecord(props: CaseRecordProps) {
  const [kind, setKind] = useState<CaseEventKind>('stage-started');
  const [date, setDate] = useState<string>(props.today);
  const [stageId, setStageId] = useState<string>(props.suggestedStageId ?? props.stages[0]?.id ?? '');
  const [parent, setParent] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const stageLabel = (id: string | undefined) => props.stages.find((s) => s.id === id)?.label ?? id ?? '';

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const event: CaseEvent = { kind, date };
    if (kind === 'stage-started') {
      event.stageId = stageId;
      if (props.attendanceNow) event.attendance = props.attendanceNow;
    }
    if (kind === 'penalty-notice') event.parent = parent.trim();
    if (note.trim() !== '') event.note = note.trim();
    const problems = validateCaseEvent(event);
    if (problems.length > 0) {
      setMessage({ ok: false, text: problems.join(' ') });
      return;
    }
    setBusy(true);
    const error = await props.onAdd(event);
    setBusy(false);
    if (error !== null) setMessage({ ok: false, text: error });
    else {
      setMessage({ ok: true, text: `Recorded: ${EVENT_LABELS[kind]} on ${formatDate(date)}.` });
      setNote('');
    }
  };

  const sorted = [...props.events].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <section aria-label="Case record" data-testid="case-record">
      <h2>Case record</h2>
      {sorted.length === 0 ? (
        <p class="pn-sub">Nothing recorded yet.</p>
      ) : (
        <ul class="pn-events">
          {sorted.map((e, i) => (
            <li key={i} data-kind={e.kind}>
              <b>{formatDate(e.date)}</b> — {EVENT_LABELS[e.kind]}
              {e.kind === 'stage-started' && `: ${stageLabel(e.stageId)}`}
              {e.parent !== undefined && ` (to ${e.parent})`}
              {e.note !== undefined && <div>{e.note}</div>}
            </li>
          ))}
        </ul>
      )}
      <form class="pn-form pn-no-print" onSubmit={submit} aria-label="Record what was done">
        <label for="ce-kind">What was done</label>
        <select id="ce-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as CaseEventKind)}>
          {(Object.keys(EVENT_LABELS) as CaseEventKind[]).map((k) => (
            <option key={k} value={k}>
              {EVENT_LABELS[k]}
            </option>
          ))}
        </select>
        <label for="ce-date">Date</label>
        <input id="ce-date" type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        {kind === 'stage-started' && (
          <>
            <label for="ce-stage">Stage</label>
            <select id="ce-stage" value={stageId} onChange={(e) => setStageId((e.target as HTMLSelectElement).value)}>
              {props.stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </>
        )}
        {kind === 'penalty-notice' && (
          <>
            <label for="ce-parent">Parent</label>
            <input id="ce-parent" type="text" value={parent} maxLength={200} onInput={(e) => setParent((e.target as HTMLInputElement).value)} />
          </>
        )}
        <label for="ce-note">Note</label>
        <textarea id="ce-note" rows={2} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        <span />
        <button type="submit" class="pn-btn pn-btn-primary" disabled={busy}>
          Record
        </button>
      </form>
      {message !== null && (
        <p class={message.ok ? 'pn-ok' : 'pn-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
