// Everything shown beside one pupil on a register page: the band badge, the EPN chip
// when approaching or met, the suggested stage, the evidence popover any of them opens, and the
// warning of what saving the pending edits would do. Props in, markup out: the overlay layer
// (overlays/register-overlay.ts) fetches the results and re-renders only rows whose data changed.
import { useRef, useState } from 'preact/hooks';
import type { PupilResult } from '../../engine/types.ts';
import type { HistoryCompleteness } from './completeness.ts';
import { BandBadge } from './band-badge.tsx';
import { EpnChip } from './epn-chip.tsx';
import { EvidencePopover } from './evidence-popover.tsx';
import { bandAttr } from '../format.ts';
import { saveWarnings } from './save-warnings.ts';
import { StageChip } from './stage-chip.tsx';
import { WarningBeforeSave } from './warning-before-save.tsx';

export interface RegisterRowProps {
  pupilId: string;
  /** Null when nothing is stored for this pupil yet; undefined while loading. */
  result: PupilResult | null | undefined;
  /** The result as it would be if the pending edits on screen were saved. */
  ifSaved?: PupilResult;
  completeness?: HistoryCompleteness;
  threshold?: number;
  weeks?: number;
  /** A query error to show instead of the badge. */
  error?: string;
}

type Trigger = 'band' | 'epn' | 'stage';

export function RegisterRow({ pupilId, result, ifSaved, completeness, threshold, weeks, error }: RegisterRowProps) {
  const [open, setOpen] = useState<Trigger | null>(null);
  const refs = {
    band: useRef<HTMLButtonElement>(null),
    epn: useRef<HTMLButtonElement>(null),
    stage: useRef<HTMLButtonElement>(null),
  };
  const rootRef = useRef<HTMLSpanElement>(null);
  if (error !== undefined) {
    return (
      <span class="att-row" data-att-pupil={pupilId} data-att-error="">
        <span class="att-badge att-badge-none" title={error}>
          Attendance unavailable
        </span>
      </span>
    );
  }
  if (result === undefined || result === null) {
    return (
      <span class="att-row" data-att-pupil={pupilId} data-att-band="none">
        <span class="att-badge att-badge-none">{result === null ? 'No marks read yet' : 'Loading…'}</span>
      </span>
    );
  }
  const popId = `att-pop-${pupilId}`;
  const toggle = (t: Trigger) => () => setOpen(open === t ? null : t);
  const close = () => {
    const t = open;
    setOpen(null);
    // Return focus to the control that opened the popover (keyboard users keep their place).
    if (t !== null) refs[t].current?.focus();
  };
  // Light dismiss: focus (or a click) leaving the row closes the popover, without moving focus back.
  const onFocusOut = (ev: FocusEvent) => {
    const to = ev.relatedTarget;
    if (open !== null && !(to instanceof Node && rootRef.current?.contains(to))) setOpen(null);
  };
  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape' && open !== null) {
      ev.preventDefault();
      close();
    }
  };
  const warnings = ifSaved ? saveWarnings(result, ifSaved, { threshold, weeks }) : [];
  const stageAttr = result.stage.id !== null ? { 'data-att-stage': result.stage.id } : {};
  return (
    <span
      class="att-row"
      ref={rootRef}
      data-att-pupil={pupilId}
      data-att-band={bandAttr(result.band, result.measures)}
      data-att-epn={String(result.epn.currentSessions)}
      {...stageAttr}
      onFocusOut={onFocusOut}
      onKeyDown={onKeyDown}
    >
      <span class="att-chips">
        <BandBadge
          pupilId={pupilId}
          band={result.band}
          measures={result.measures}
          onActivate={toggle('band')}
          expanded={open === 'band'}
          controls={popId}
          buttonRef={refs.band}
        />
        <EpnChip
          pupilId={pupilId}
          epn={result.epn}
          threshold={threshold}
          onActivate={toggle('epn')}
          expanded={open === 'epn'}
          controls={popId}
          buttonRef={refs.epn}
        />
        <StageChip
          pupilId={pupilId}
          stage={result.stage}
          onActivate={toggle('stage')}
          expanded={open === 'stage'}
          controls={popId}
          buttonRef={refs.stage}
        />
        {open !== null && (
          <EvidencePopover
            id={popId}
            result={result}
            completeness={completeness}
            threshold={threshold}
            weeks={weeks}
            onClose={close}
            anchor={() => rootRef.current}
          />
        )}
      </span>
      <WarningBeforeSave pupilId={pupilId} warnings={warnings} compact />
    </span>
  );
}
