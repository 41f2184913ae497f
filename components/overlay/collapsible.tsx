// A section that can be folded away (overlays stay out of the way). A real <button>
// with aria-expanded / aria-controls, so it works with the keyboard and is announced correctly.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';

export interface CollapsibleProps {
  title: ComponentChildren;
  /** Short text shown beside the title, also when folded (e.g. "7 of 10"). */
  summary?: ComponentChildren;
  defaultOpen?: boolean;
  class?: string;
  children: ComponentChildren;
}

export function Collapsible({ title, summary, defaultOpen = true, class: cls, children }: CollapsibleProps) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div class={`att-col${cls ? ` ${cls}` : ''}`}>
      <button type="button" class="att-col-head" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span class="att-caret" aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span class="att-col-title">{title}</span>
        {summary !== undefined && <span class="att-col-sum">{summary}</span>}
      </button>
      <div id={id} class="att-col-body" hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
