// The evidence behind a row's badge and chips: the data behind the band, the EPN
// window's dates and the sessions in it, the reasons for the stage, and how complete the history is.
// A non-modal dialog: Escape or the close button closes it and the owner returns focus to the
// control that opened it. Where the browser has the Popover API it is shown in the top layer, so
// an MIS table with overflow:hidden or a stacking context cannot clip it.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { keyDay, shortDate, weekdayOfDay } from '../../engine/dates.ts';
import type { PupilResult, SessionKey } from '../../engine/types.ts';
import { completenessText, type HistoryCompleteness } from './completeness.ts';
import { epnThreshold } from './epn-chip.tsx';
import { bandText } from '../../engine/policy/band-text.ts';
import { formatDate, formatPct, formatWeekSpan } from '../format.ts';
import { plural } from '../../engine/plural.ts';

export interface EvidencePopoverProps {
  id: string;
  result: PupilResult;
  completeness?: HistoryCompleteness;
  threshold?: number;
  weeks?: number;
  onClose: () => void;
  /** Element to place the popover under (top-layer positioning). */
  anchor?: () => Element | null;
}

const WD = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon 3 Nov AM+PM, Wed 5 Nov PM": the window's sessions grouped by day, oldest first. */
export function groupSessionsByDay(keys: SessionKey[]): string[] {
  const byDay = new Map<number, string[]>();
  for (const k of [...keys].sort((a, b) => a - b)) {
    const d = keyDay(k);
    const halves = byDay.get(d) ?? [];
    halves.push((k & 1) === 1 ? 'PM' : 'AM');
    byDay.set(d, halves);
  }
  return [...byDay].map(([d, h]) => `${WD[weekdayOfDay(d)]} ${shortDate(d)} ${h.join('+')}`);
}

export function BandEvidence({ result }: { result: PupilResult }) {
  const m = result.measures;
  return (
    <section class="att-sec" aria-label="Attendance band">
      <h3>
        Band: {bandText(result.band, m)}
        {m.attendancePct !== null && <> · {formatPct(m.attendancePct)}</>}
      </h3>
      <dl class="att-dl">
        <dt>Possible</dt>
        <dd>{m.possible}</dd>
        <dt>Attended</dt>
        <dd>
          {m.attended}
          {m.aea > 0 && <> (incl. {m.aea} approved activity)</>}
        </dd>
        <dt>Authorised</dt>
        <dd>{m.authorised}</dd>
        <dt>Unauthorised</dt>
        <dd>{m.unauthorised}</dd>
      </dl>
      {result.band.tooEarly && <p>Too early to band: only {plural(m.possible, 'possible session')} so far.</p>}
      {(m.persistent || m.severe) && (
        <p>
          <strong>{m.severe ? 'Severe absence' : 'Persistent absence'}</strong> (absence {m.severe ? '≥ 50%' : '≥ 10%'})
        </p>
      )}
    </section>
  );
}

export function EpnEvidence({ result, threshold, weeks }: { result: PupilResult; threshold?: number; weeks?: number }) {
  const e = result.epn;
  const t = epnThreshold(e, threshold);
  const days = groupSessionsByDay(e.currentKeys);
  const shown = days.slice(0, 15);
  return (
    <section class="att-sec" aria-label="Penalty-notice window">
      <h3>
        Penalty notice: {e.currentSessions} of {t} {e.met ? (e.provisional ? '(met, provisional)' : '(met)') : `(${e.sessionsToThreshold} to go)`}
      </h3>
      <p>
        Window: {formatWeekSpan(e.windowStartWeek, e.windowEndWeek)} ({weeks ?? 10} school weeks)
      </p>
      {e.provisional && (
        <p class="att-note">Provisional: met only because of {plural(e.currentN, 'N mark')}. Resolve the N before any action.</p>
      )}
      {shown.length > 0 && (
        <p class="att-sessions">
          Unauthorised sessions: {shown.join(', ')}
          {days.length > shown.length && <> and {days.length - shown.length} more days</>}
        </p>
      )}
      {e.firstMetWeek !== null && <p>First met in the week of {formatDate(e.firstMetWeek)}</p>}
    </section>
  );
}

export function StageEvidence({ result }: { result: PupilResult }) {
  const s = result.stage;
  if (s.id === null && s.currentStageId === null && s.reviewDue === null) return null;
  return (
    <section class="att-sec" aria-label="Stage">
      <h3>{s.id !== null ? `Suggested: ${s.label ?? s.id}` : 'No new stage suggested'}</h3>
      {s.reasons.length > 0 && (
        <ul>
          {s.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {s.currentStageId !== null && <p>Recorded stage: {s.currentStageId}</p>}
      {s.reviewDue !== null && <p>Review due {formatDate(s.reviewDue)}</p>}
    </section>
  );
}

export function CompletenessEvidence({ completeness }: { completeness?: HistoryCompleteness }) {
  const c = completenessText(completeness);
  return (
    <section class="att-sec" aria-label="History">
      <p class={c.complete ? 'att-ok' : 'att-note'}>
        <span aria-hidden="true">{c.complete ? '✓ ' : '⚠ '}</span>
        {c.headline}
      </p>
      {c.details.length > 0 && (
        <ul>
          {c.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function EvidencePopover({ id, result, completeness, threshold, weeks, onClose, anchor }: EvidencePopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const a = anchor?.();
    const view = el.ownerDocument.defaultView;
    let cleanup = () => {};
    if (typeof el.showPopover === 'function' && a && view) {
      const place = () => {
        const r = a.getBoundingClientRect();
        const w = el.offsetWidth || 340;
        const h = el.offsetHeight || 200;
        const left = Math.max(4, Math.min(r.left, view.innerWidth - w - 4));
        const below = r.bottom + 4;
        const top = below + h > view.innerHeight && r.top - h - 4 > 0 ? r.top - h - 4 : below;
        el.style.left = `${left}px`;
        el.style.top = `${top}px`;
      };
      try {
        // The attribute is set only here: a [popover] element that is not shown is display:none.
        el.setAttribute('popover', 'manual');
        el.showPopover();
        place();
        // Fixed in the top layer: follow the badge when the MIS page or its table scrolls.
        view.addEventListener('scroll', place, { capture: true, passive: true });
        view.addEventListener('resize', place, { passive: true });
        cleanup = () => {
          view.removeEventListener('scroll', place, { capture: true });
          view.removeEventListener('resize', place);
        };
      } catch {
        // No top layer (old browser or test DOM): the CSS places it under the badge instead.
        el.removeAttribute('popover');
      }
    }
    el.focus();
    return cleanup;
  }, []);
  const titleId = `${id}-title`;
  return (
    <div
      id={id}
      ref={ref}
      class="att-pop"
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-att-pupil={result.pupilId}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') {
          ev.stopPropagation();
          ev.preventDefault();
          onClose();
        }
      }}
    >
      <div class="att-pop-head">
        <h2 id={titleId}>{result.name}: attendance evidence</h2>
        <button type="button" class="att-close" aria-label="Close evidence" onClick={onClose}>
          ×
        </button>
      </div>
      <BandEvidence result={result} />
      <EpnEvidence result={result} threshold={threshold} weeks={weeks} />
      <StageEvidence result={result} />
      <CompletenessEvidence completeness={completeness} />
      {result.findings.length > 0 && (
        <section class="att-sec" aria-label="Data quality">
          <h3>Data quality</h3>
          <ul>
            {result.findings.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
