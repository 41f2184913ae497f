// How "Kestrel MIS" (the second demo MIS) shows a statutory code: deliberately unlike Beacon
// MIS, the way real MIS differ — icons for present and late, local sub-codes for illness and
// unexplained absence (as SIMS sub-codes do), `?` for "reason not yet provided". Returned as HTML built
// from our own constants only (no page or user text).

/** The local spellings a mapping must translate (the complete Kestrel code map, docs/mapping.md). */
export const KESTREL_LOCAL_CODES: Readonly<Record<string, string>> = {
  '✓': 'present',
  late: 'L',
  'Late after close': 'U',
  I_F: 'I',
  O_T: 'O',
  '?': 'N',
};

export function altMark(code: string): string {
  switch (code) {
    case '':
      return '';
    case '/':
    case '\\':
      return '<span class="k-tick">✓</span>';
    case 'L':
      // The clock glyph is drawn by CSS (::before), so the cell has no text: only the icon's class says "late".
      return '<i class="icon-late" title="Late"></i>';
    case 'U':
      return '<img class="k-icon" src="/alt/late-closed.svg" alt="Late after close" width="14" height="14">';
    case 'I':
      return '<span class="k-code">I_F</span>';
    case 'O':
      return '<span class="k-code">O_T</span>';
    case 'N':
      return '<span class="k-code">?</span>';
    default:
      return `<span class="k-code">${code.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`;
  }
}
