// The pupil page summary card: attendance and band, PA / SA, the EPN window, broken
// weeks, spells, the weekday × AM/PM pattern, statutory returns, the suggested stage, data-quality
// warnings and history completeness. Every section folds away; the whole card folds to one line.
import { sessionLabel } from '../../engine/dates.ts';
import type { PupilResult, Spell } from '../../engine/types.ts';
import { BandBadge } from './band-badge.tsx';
import { Collapsible } from './collapsible.tsx';
import { completenessText, type HistoryCompleteness } from './completeness.ts';
import { epnThreshold } from './epn-chip.tsx';
import { BandEvidence, CompletenessEvidence, EpnEvidence, StageEvidence } from './evidence-popover.tsx';
import { bandText } from '../../engine/policy/band-text.ts';
import { bandAttr, formatPct } from '../format.ts';
import { plural } from '../../engine/plural.ts';
import { PatternGrid } from './pattern-grid.tsx';
import { saveWarnings } from './save-warnings.ts';
import { WarningBeforeSave } from './warning-before-save.tsx';

export interface PupilCardProps {
  result: PupilResult;
  completeness?: HistoryCompleteness;
  ifSaved?: PupilResult;
  threshold?: number;
  weeks?: number;
}

/** domain.md §5: the sickness return is due at 30 sessions (15 days) of I in the school year. */
const SICKNESS_SESSIONS = 30;

function spellText(s: Spell): string {
  const codes = [...new Set(s.codes)].join(' ');
  const sameDay = Math.floor(s.startKey / 2) === Math.floor(s.endKey / 2);
  const span =
    s.startKey === s.endKey
      ? sessionLabel(s.startKey)
      : sameDay
        ? `${sessionLabel(s.startKey)}+PM`
        : `${sessionLabel(s.startKey)} – ${sessionLabel(s.endKey)}`;
  return `${span}: ${plural(s.sessions, 'session')} (${codes})`;
}

function Flag({ on, text }: { on: boolean; text: string }) {
  return on ? <span class="att-flag">{text}</span> : null;
}

export function PupilCard({ result, completeness, ifSaved, threshold, weeks }: PupilCardProps) {
  const m = result.measures;
  const e = result.epn;
  const t = epnThreshold(e, threshold);
  const warnings = ifSaved ? saveWarnings(result, ifSaved, { threshold, weeks }) : [];
  const spells = [...m.spells].sort((a, b) => b.sessions - a.sessions || b.startKey - a.startKey);
  const longest = spells[0];
  const returnsDue = (result.attendanceReturn ? 1 : 0) + (result.sicknessReturn ? 1 : 0);
  const quality = result.findings.length;
  const comp = completenessText(completeness);
  const stageAttr = result.stage.id !== null ? { 'data-att-stage': result.stage.id } : {};
  const summary = `${bandText(result.band, m)}${m.attendancePct !== null ? ` · ${formatPct(m.attendancePct)}` : ''}`;
  return (
    <section
      class="att-card"
      aria-label={`Attendance summary for ${result.name}`}
      data-att-pupil={result.pupilId}
      data-att-band={bandAttr(result.band, m)}
      data-att-epn={String(e.currentSessions)}
      {...stageAttr}
    >
      <Collapsible title="Attendance" summary={summary} class="att-card-main">
        <div class="att-card-top">
          <span class="att-big">{formatPct(m.attendancePct)}</span>
          <BandBadge pupilId={result.pupilId} band={result.band} measures={m} showPct={false} />
          <Flag on={m.severe} text="Severe absence (SA)" />
          <Flag on={m.persistent && !m.severe} text="Persistent absence (PA)" />
          <span class="att-muted">
            {m.daysLost} days lost · {plural(m.lates, 'late')}
            {m.latesAfterClose > 0 && <> · {m.latesAfterClose} after close (U)</>}
          </span>
        </div>
        <WarningBeforeSave pupilId={result.pupilId} warnings={warnings} />

        <Collapsible title="Band data" summary={`${m.attended} of ${m.possible} attended`}>
          <BandEvidence result={result} />
        </Collapsible>

        <Collapsible
          title="Penalty-notice window"
          summary={
            <span data-att-epn={String(e.currentSessions)}>
              {e.currentSessions}/{t}
              {e.met ? (e.provisional ? ' met, provisional' : ' met') : ` · ${e.sessionsToThreshold} to go`}
            </span>
          }
        >
          <EpnEvidence result={result} threshold={threshold} weeks={weeks} />
          <p>Highest in any window: {e.maxInAnyWindow}</p>
          {e.firstMetWeek === null && <p>Not met in any window so far.</p>}
        </Collapsible>

        <Collapsible title="Weeks and spells" summary={`${m.brokenWeeks} of ${m.schoolWeeks} weeks broken`}>
          <p>
            Broken weeks: <strong>{m.brokenWeeks}</strong> of {plural(m.schoolWeeks, 'school week')} had an absence.
          </p>
          <p>
            {plural(m.spells.length, 'spell')} of absence
            {longest && <>; longest {plural(longest.sessions, 'session')}</>}
          </p>
          {spells.length > 0 && (
            <ul class="att-list">
              {spells.slice(0, 3).map((s) => (
                <li key={s.startKey}>{spellText(s)}</li>
              ))}
            </ul>
          )}
        </Collapsible>

        <Collapsible title="Pattern" summary={`${m.absenceSessions} absence sessions`}>
          <PatternGrid pattern={m.pattern} />
        </Collapsible>

        <Collapsible title="Returns to the local authority" summary={returnsDue > 0 ? `${returnsDue} due` : 'none due'}>
          <ul class="att-list">
            <li>
              10-day attendance return: <strong>{result.attendanceReturn ? 'due' : 'not due'}</strong> (longest run of unauthorised
              sessions: {m.longestUnauthorisedRun} of 20)
            </li>
            <li>
              15-day sickness return:{' '}
              <strong>{result.sicknessReturn ? 'due' : result.sicknessWarning ? 'within 5 days' : 'not due'}</strong> (illness
              sessions this year: {m.illnessSessions} of {SICKNESS_SESSIONS}; longest run {m.longestIllnessRun})
            </li>
          </ul>
        </Collapsible>

        <Collapsible title="Stage" summary={result.stage.id !== null ? (result.stage.label ?? result.stage.id) : 'none suggested'}>
          <StageEvidence result={result} />
          {result.stage.id === null && result.stage.currentStageId === null && <p>No stage suggested or recorded.</p>}
        </Collapsible>

        <Collapsible title="Data quality" summary={quality > 0 ? plural(quality, 'warning') : 'no problems'} defaultOpen={quality > 0}>
          {quality === 0 ? (
            <p>No missing marks, stale N or unknown codes found.</p>
          ) : (
            <ul class="att-list">
              {result.findings.map((f, i) => (
                <li key={i} data-att-finding={f.kind}>
                  {f.message}
                </li>
              ))}
            </ul>
          )}
        </Collapsible>

        <Collapsible title="History read" summary={comp.complete ? 'complete' : 'incomplete'} defaultOpen={!comp.complete}>
          <CompletenessEvidence completeness={completeness} />
        </Collapsible>
      </Collapsible>
    </section>
  );
}
