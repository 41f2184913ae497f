// Suggested stage chip: the next step the policy suggests (domain.md §7: a suggestion with reasons,
// a person records what was done). Nothing is shown when no stage is suggested.
import type { Ref } from 'preact';
import type { StageSuggestion } from '../../engine/types.ts';

export interface StageChipProps {
  pupilId: string;
  stage: StageSuggestion;
  onActivate?: () => void;
  expanded?: boolean;
  controls?: string;
  buttonRef?: Ref<HTMLButtonElement>;
}

export function StageChip({ pupilId, stage, onActivate, expanded, controls, buttonRef }: StageChipProps) {
  if (stage.id === null) return null;
  const name = stage.label ?? stage.id;
  const label = `Suggested stage: ${name}${stage.reasons[0] ? `, because ${stage.reasons[0]}` : ''}`;
  const common = { class: 'att-chip att-stage', 'data-att-pupil': pupilId, 'data-att-stage': stage.id, title: name };
  const inner = (
    <>
      <span class="att-arrow" aria-hidden="true">→</span>
      <span class="att-stage-label">{name}</span>
    </>
  );
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
