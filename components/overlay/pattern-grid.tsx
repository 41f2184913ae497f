// Weekday × AM/PM absence pattern (domain.md §3) as a small table people read at a glance: each
// cell shows its number, shaded by its share of the busiest cell, and the busiest cells are marked
// with a bold outline and an asterisk, so the pattern does not rest on colour alone.
export interface PatternGridProps {
  /** pattern[weekday 0=Mon..4=Fri][0=AM,1=PM] = absence sessions. */
  pattern: number[][];
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
const LONG = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** Shade 0–4 for a count relative to the largest count. */
export function shade(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((4 * n) / max));
}

export function PatternGrid({ pattern }: PatternGridProps) {
  const cell = (d: number, h: number) => pattern[d]?.[h] ?? 0;
  let max = 0;
  for (let d = 0; d < 5; d++) for (let h = 0; h < 2; h++) max = Math.max(max, cell(d, h));
  return (
    <table class="att-grid">
      <caption class="att-visually-hidden">Absence sessions by weekday and session</caption>
      <thead>
        <tr>
          <td />
          {DAYS.map((d, i) => (
            <th scope="col" key={d}>
              <abbr title={LONG[i]}>{d}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(['AM', 'PM'] as const).map((half, h) => (
          <tr key={half}>
            <th scope="row">{half}</th>
            {DAYS.map((d, i) => {
              const n = cell(i, h);
              const top = max > 0 && n === max;
              return (
                <td key={d} class={`att-h${shade(n, max)}${top ? ' att-top' : ''}`} data-att-cell={`${d}-${half}`}>
                  {n}
                  {top && <span aria-label=" (most)">*</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
