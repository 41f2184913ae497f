// Band badge: the policy band's label AND the attendance %, with the band colour only as a swatch
// (not colour alone). A pupil with no possible sessions or below the policy's minimum
// sessions says so instead of showing a band (domain.md §3, §8.4).
import type { Ref } from 'preact';
import type { BandResult, PupilMeasures } from '../../engine/types.ts';
import { bandText } from '../../engine/policy/band-text.ts';
import { bandAttr, formatPct } from '../format.ts';

export interface BandBadgeProps {
  pupilId: string;
  band: BandResult;
  measures: PupilMeasures;
  /** When given the badge is a button that opens the evidence. */
  onActivate?: () => void;
  expanded?: boolean;
  controls?: string;
  buttonRef?: Ref<HTMLButtonElement>;
  /** Show the attendance % in the badge (the pupil card shows it large beside it instead). */
  showPct?: boolean;
}

export function BandBadge({ pupilId, band, measures, onActivate, expanded, controls, buttonRef, showPct = true }: BandBadgeProps) {
  const text = bandText(band, measures);
  const banded = measures.possible > 0 && !band.tooEarly && band.id !== null;
  const pct = measures.attendancePct;
  const inner = (
    <>
      <span class="att-swatch" aria-hidden="true" style={banded && band.colour ? { background: band.colour } : undefined} />
      <span class="att-band-label">{text}</span>
      {pct !== null && showPct && <span class="att-pct">{formatPct(pct)}</span>}
    </>
  );
  const label =
    `Attendance band: ${text}` +
    (pct !== null ? `, attendance ${formatPct(pct)}` : '') +
    (band.tooEarly ? ` (${measures.possible} possible sessions so far)` : '');
  const common = {
    // The label may be cut short with an ellipsis in a register row: the full text is in the title.
    title: text,
    class: `att-badge${banded ? '' : ' att-badge-none'}`,
    'data-att-pupil': pupilId,
    'data-att-band': bandAttr(band, measures),
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
