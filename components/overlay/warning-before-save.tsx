// The row's "what saving would do" message, from saveWarnings(). role="alert" so a
// screen reader announces it as soon as the pending edit produces it, before anything is saved.
// In a register row (`compact`) only the most serious warning is shown in full, the rest behind a
// "+n more" toggle, so the row stays close to its usual height.
import { useState } from 'preact/hooks';

export interface WarningBeforeSaveProps {
  pupilId: string;
  warnings: string[];
  compact?: boolean;
}

export function WarningBeforeSave({ pupilId, warnings, compact = false }: WarningBeforeSaveProps) {
  const [more, setMore] = useState(false);
  if (warnings.length === 0) return null;
  const shown = compact && !more ? warnings.slice(0, 1) : warnings;
  const hidden = warnings.length - shown.length;
  return (
    <div class={`att-warn${compact ? ' att-warn-compact' : ''}`} role="alert" data-att-pupil={pupilId} data-att-warning={String(warnings.length)}>
      <span class="att-warn-icon" aria-hidden="true">!</span>
      <span class="att-visually-hidden">Before you save: </span>
      <span class="att-warn-body">
        {shown.length === 1 ? (
          <span>{shown[0]}</span>
        ) : (
          <ul>
            {shown.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        {compact && warnings.length > 1 && (
          <button type="button" class="att-more" aria-expanded={more} onClick={() => setMore(!more)}>
            {more ? 'fewer' : `+${hidden} more`}
          </button>
        )}
      </span>
    </div>
  );
}
