// One pupil in the side panel: the evidence (the overlay's PupilCard: band, EPN window,
// spells, pattern, returns, suggested stage with reasons, data quality, completeness), amendments the
// MIS showed over time, and the case record that drives the next suggestion.
import type { Policy } from '../../engine/policy/schema.ts';
import type { CaseEvent, IsoDate, PupilResult } from '../../engine/types.ts';
import type { Completeness, StoredPupil } from '../../messages/messages.ts';
import { formatDate } from '../format.ts';
import { PupilCard } from '../overlay/pupil-card.tsx';
import { CaseRecord } from '../documents/case-record.tsx';
import { yearLabel } from './panel-data.ts';

export interface PupilViewProps {
  result: PupilResult;
  completeness?: Completeness;
  stored?: StoredPupil;
  policy: Policy;
  asOf: IsoDate;
  onBack: () => void;
  onAddEvent: (event: CaseEvent) => Promise<string | null>;
}

export function PupilView({ result, completeness, stored, policy, asOf, onBack, onAddEvent }: PupilViewProps) {
  const a = result.attributes ?? {};
  const facts = [
    a.yearGroup !== undefined && yearLabel(a.yearGroup),
    a.className && `class ${a.className}`,
    a.upn && `UPN ${a.upn}`,
    a.sen && a.sen !== 'N' && `SEN ${a.sen}`,
    a.fsm && 'FSM',
    a.pp && 'Pupil premium',
    a.socialWorker && 'Social worker',
  ].filter(Boolean);
  return (
    <article aria-label={`Pupil ${result.name}`} data-testid="pupil-view">
      <button type="button" class="pn-btn pn-no-print" onClick={onBack}>
        ← All pupils
      </button>
      <h1>{result.name}</h1>
      <p class="pn-sub">
        {result.pupilId}
        {facts.length > 0 && ` · ${facts.join(' · ')}`}
      </p>
      <div class="pn-card" data-testid="suggestion">
        <b>Suggested next step: </b>
        {result.stage.label ?? 'none'}
        {result.stage.reasons.length > 0 && (
          <ul>
            {result.stage.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        )}
        {result.stage.reviewDue !== null && <div>Review due: {formatDate(result.stage.reviewDue)}</div>}
      </div>
      <div class="att-root pn-card">
        <PupilCard result={result} completeness={completeness} threshold={policy.epn.threshold} weeks={policy.epn.weeks} />
      </div>
      <CaseRecord
        events={stored?.caseHistory ?? []}
        stages={policy.stages.map((s) => ({ id: s.id, label: s.label }))}
        today={asOf}
        suggestedStageId={result.stage.id}
        attendanceNow={{ attended: result.measures.attended, possible: result.measures.possible }}
        onAdd={onAddEvent}
      />
      {stored !== undefined && stored.amendments.length > 0 && (
        <section aria-label="Amendments">
          <h2>Marks amended in the MIS</h2>
          <ul>
            {stored.amendments.slice(-20).map((m, i) => (
              <li key={i}>
                {formatDate(m.date)} {m.session}: {m.oldCode} → {m.newCode} (seen {m.at.slice(0, 10)})
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
