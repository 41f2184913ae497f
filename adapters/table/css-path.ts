// A CSS selector for an element the user picked (the element picker), short and stable:
// an id when the page has it once (and it does not look generated), else classes and tag names from
// the nearest such ancestor, with :nth-of-type only where siblings would otherwise be confused.
// The result always selects exactly the picked element in the document it came from.

/** Ids and classes with long digit runs or hashes are usually generated per render: not stable. */
const UNSTABLE = /\d{3,}|[a-f0-9]{8,}|^(?:css|sc|jsx|ember|ng|react|svelte)-/i;

const cssEscape = (s: string) => s.replace(/([^\w-])/g, '\\$1').replace(/^(\d)/, '\\3$1 ');

function stableClasses(el: Element): string[] {
  return [...el.classList].filter((c) => !UNSTABLE.test(c)).slice(0, 2);
}

function step(el: Element): string {
  const tag = el.tagName.toLowerCase();
  const classes = stableClasses(el).map((c) => `.${cssEscape(c)}`).join('');
  const parent = el.parentElement;
  if (!parent) return tag + classes;
  const same = [...parent.children].filter((c) => c.tagName === el.tagName && (classes === '' || c.matches(tag + classes)));
  if (same.length <= 1) return tag + classes;
  const nth = [...parent.children].filter((c) => c.tagName === el.tagName).indexOf(el) + 1;
  return `${tag}${classes}:nth-of-type(${nth})`;
}

export function cssPath(el: Element): string {
  const doc = el.ownerDocument;
  const unique = (sel: string) => {
    try {
      const all = doc.querySelectorAll(sel);
      return all.length === 1 && all[0] === el;
    } catch {
      return false;
    }
  };
  const parts: string[] = [];
  for (let cur: Element | null = el; cur && cur !== doc.documentElement; cur = cur.parentElement) {
    if (cur.id && !UNSTABLE.test(cur.id) && doc.querySelectorAll(`#${cssEscape(cur.id)}`).length === 1) {
      parts.unshift(`#${cssEscape(cur.id)}`);
      break;
    }
    parts.unshift(step(cur));
    // Stop as soon as the path so far is unique (short selectors survive layout changes better).
    const sel = parts.join(' > ');
    if (unique(sel)) return sel;
  }
  const sel = parts.join(' > ');
  return unique(sel) ? sel : `html > ${sel}`;
}
