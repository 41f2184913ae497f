// Beacon MIS client: how a mark is shown. MIS conventions: `/` and `\` for present, `-` for a school
// session with no mark, multi-character codes (C2, Y4, J1) as whole tokens, colour by category.

/** Map code → { code, meaning, category } from /api/codes. */
export function codeIndex(codes) {
  return new Map(codes.map((c) => [c.code, c]));
}

/** CSS class for a mark's category ('att-cat-unknown' for codes this MIS does not know). */
export function categoryClass(code, index) {
  if (code === '' || code === '-') return 'att-cat-nomark';
  const info = index.get(code);
  return `att-cat-${info ? info.category : 'unknown'}`;
}

/** The text a cell shows: the code itself, `-` on a school session with no mark, nothing otherwise. */
export function markText(code, status) {
  if (code === '' || code === '-') return status === 'open' ? '-' : '';
  return code;
}

export function markMeaning(code, index) {
  if (code === '' || code === '-') return 'No mark';
  return index.get(code)?.meaning ?? 'Unrecognised code';
}

export const CATEGORY_LABELS = {
  present: 'Present',
  aea: 'Approved educational activity',
  authorised: 'Authorised absence',
  unauthorised: 'Unauthorised absence',
  'not-counted': 'Not counted (attendance not possible)',
  admin: 'Administrative',
};

export function legend() {
  const items = [
    ['att-cat-present', '/', 'Present'],
    ['att-cat-aea', 'V', 'Approved activity'],
    ['att-cat-authorised', 'I', 'Authorised'],
    ['att-cat-unauthorised', 'O', 'Unauthorised'],
    ['att-cat-not-counted', 'Y4', 'Not counted'],
    ['att-cat-admin', '#', 'Closed / not on roll'],
    ['att-cat-nomark', '-', 'No mark'],
  ];
  const ul = document.createElement('ul');
  ul.className = 'att-legend';
  for (const [cls, code, label] of items) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = `att-chip ${cls}`;
    sw.textContent = code;
    li.append(sw, document.createTextNode(` ${label}`));
    ul.appendChild(li);
  }
  return ul;
}
