// What saving the pending edits would do to a pupil: compares the engine's result for the marks as
// stored (`before`) with its result for the marks including the unsaved edits (`after`). Pure: the
// background computes both results (query-pupils with pending edits), this only puts the difference
// into words, most serious first, so the row can say it before the MIS saves anything.
import type { PupilResult } from '../../engine/types.ts';
import { plural } from '../../engine/plural.ts';

export interface SaveWarningOptions {
  /** The policy's EPN threshold and window (domain.md §4; national default 10 sessions in 10 school weeks). */
  threshold?: number;
  weeks?: number;
}

function pct(p: number | null): string {
  return p === null ? 'no possible sessions' : `${p.toFixed(1)}%`;
}

/** Sessions from the threshold at which the EPN chip and this warning start to show (design choice: 3). */
export const EPN_APPROACH = 3;

export function saveWarnings(before: PupilResult, after: PupilResult, opts: SaveWarningOptions = {}): string[] {
  if (before.pupilId !== after.pupilId) {
    throw new Error(`saveWarnings: results are for different pupils (${before.pupilId} and ${after.pupilId})`);
  }
  const threshold = opts.threshold ?? 10;
  const weeks = opts.weeks ?? 10;
  const out: string[] = [];
  const b = before.epn;
  const a = after.epn;
  const window = `in the last ${weeks} school weeks`;

  // domain.md §4: met when the current window holds ≥ threshold G N O U sessions; provisional when
  // it is met only because of N, which must be resolved before any action.
  if (!b.met && a.met) {
    const base = `Saving this mark meets the penalty-notice threshold (${a.currentSessions} of ${threshold} ${window})`;
    out.push(a.provisional ? `${base}: provisional, it rests on ${plural(a.currentN, 'N mark')} (reason not yet provided)` : base);
  } else if (b.met && !a.met) {
    out.push(`Saving takes the pupil below the penalty-notice threshold (${a.currentSessions} of ${threshold} ${window})`);
  } else if (b.met && a.met) {
    if (b.provisional && !a.provisional) {
      out.push(`Saving makes the penalty-notice threshold firm: it no longer rests on N marks (${a.currentSessions} of ${threshold} ${window})`);
    } else if (!b.provisional && a.provisional) {
      out.push(`Saving leaves the penalty-notice threshold resting on N marks: provisional (${a.currentSessions} of ${threshold} ${window})`);
    } else if (a.currentSessions > b.currentSessions) {
      out.push(`Saving adds to a met penalty-notice threshold (${a.currentSessions} of ${threshold} ${window})`);
    }
  }

  // domain.md §3: severe absence ⇔ absence ≥ 50%; persistent ⇔ absence ≥ 10% (the engine compares exactly).
  const bm = before.measures;
  const am = after.measures;
  if (!bm.severe && am.severe) {
    out.push(`Saving moves the pupil to severe absence (attendance ${pct(am.attendancePct)})`);
  } else if (!bm.persistent && am.persistent) {
    out.push(`Saving moves the pupil to persistent absence (attendance ${pct(am.attendancePct)})`);
  }
  if (bm.severe && !am.severe) {
    out.push(`Saving takes the pupil out of severe absence (attendance ${pct(am.attendancePct)})`);
  } else if (bm.persistent && !am.persistent) {
    out.push(`Saving takes the pupil out of persistent absence (attendance ${pct(am.attendancePct)})`);
  }

  // domain.md §5: statutory returns to the local authority.
  if (!before.attendanceReturn && after.attendanceReturn) {
    out.push('Saving makes a 10-day attendance return to the local authority due (20 consecutive unauthorised sessions)');
  }
  if (!before.sicknessReturn && after.sicknessReturn) {
    out.push('Saving makes a 15-day sickness return to the local authority due');
  } else if (!before.sicknessWarning && after.sicknessWarning && !after.sicknessReturn) {
    out.push('Saving brings the pupil within 5 days of the 15-day sickness return');
  }

  if (before.band.id !== after.band.id && after.band.id !== null && after.band.label !== null) {
    out.push(
      before.band.label !== null && before.band.id !== null
        ? `Saving moves the pupil from band ${before.band.label} to ${after.band.label} (attendance ${pct(am.attendancePct)})`
        : `Saving puts the pupil in band ${after.band.label} (attendance ${pct(am.attendancePct)})`,
    );
  }

  if (after.stage.id !== null && after.stage.id !== before.stage.id) {
    out.push(`Saving suggests ${after.stage.label ?? after.stage.id}${after.stage.reasons[0] ? `: ${after.stage.reasons[0]}` : ''}`);
  }

  // Approaching (not yet met): shown from threshold − EPN_APPROACH, the same point the EPN chip appears.
  if (!a.met && a.currentSessions > b.currentSessions && a.sessionsToThreshold <= EPN_APPROACH) {
    out.push(
      `Saving brings the pupil within ${plural(a.sessionsToThreshold, 'session')} of the penalty-notice threshold (${a.currentSessions} of ${threshold} ${window})`,
    );
  }
  return out;
}
