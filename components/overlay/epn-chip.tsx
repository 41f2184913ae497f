// Penalty-notice chip: the current 10-school-week window count against the threshold (domain.md §4),
// e.g. "EPN 7/10". Shown from threshold − 3 (EPN_APPROACH: close enough that one more week of
// absence could meet it, far enough not to flag every pupil with a few unauthorised sessions)
// and whenever met. "provisional" when the threshold is met only because of N marks.
import type { Ref } from 'preact';
import type { EpnResult } from '../../engine/types.ts';
import { EPN_APPROACH } from './save-warnings.ts';

export interface EpnChipProps {
  pupilId: string;
  epn: EpnResult;
  /** The policy threshold; derived from the result when not met, else 10 (national). */
  threshold?: number;
  onActivate?: () => void;
  expanded?: boolean;
  controls?: string;
  buttonRef?: Ref<HTMLButtonElement>;
}

export function epnThreshold(epn: EpnResult, threshold?: number): number {
  if (threshold !== undefined) return threshold;
  return epn.met ? 10 : epn.currentSessions + epn.sessionsToThreshold;
}

/** Whether the chip shows at all. */
export function epnChipShown(epn: EpnResult): boolean {
  return epn.met || epn.sessionsToThreshold <= EPN_APPROACH;
}

export function EpnChip({ pupilId, epn, threshold, onActivate, expanded, controls, buttonRef }: EpnChipProps) {
  if (!epnChipShown(epn)) return null;
  const t = epnThreshold(epn, threshold);
  const state = epn.met ? (epn.provisional ? 'provisional' : 'met') : 'approaching';
  const label =
    `Penalty-notice threshold: ${epn.currentSessions} of ${t} unauthorised sessions in the current window` +
    (epn.met ? (epn.provisional ? ', met provisionally: rests on N marks' : ', met') : `, ${epn.sessionsToThreshold} to go`);
  const inner = (
    <>
      {epn.met && <span aria-hidden="true" class="att-icon">!</span>}
      <span>EPN {epn.currentSessions}/{t}</span>
      {epn.provisional && <span class="att-prov">provisional</span>}
    </>
  );
  const common = {
    class: `att-chip att-epn att-epn-${state}`,
    'data-att-pupil': pupilId,
    'data-att-epn': String(epn.currentSessions),
  };
  if (onActivate === undefined) {
    return (
      <span {...common} role="img" aria-label={label}>
        {inner}
      </span>
    );
  }
  return (
    <button
      {...common}
      type="button"
      ref={buttonRef}
      aria-label={`${label}. Show evidence`}
      aria-expanded={expanded ?? false}
      aria-controls={controls}
      onClick={onActivate}
    >
      {inner}
    </button>
  );
}
