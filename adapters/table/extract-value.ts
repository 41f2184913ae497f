// Reads one value from the page as a mapping describes it (mapping-schema.ts ValueSource). Only ever
// reads: textContent and getAttribute, never innerHTML.
import type { ValueSource } from './mapping-schema.ts';

/** Thrown for a selector the browser refuses, so the read can name the mapping field. */
export class MappingSelectorError extends Error {}

export function queryOne(scope: ParentNode, selector: string): Element | null {
  try {
    return scope.querySelector(selector);
  } catch {
    throw new MappingSelectorError(`${JSON.stringify(selector)} is not a valid CSS selector`);
  }
}

export function queryAll(scope: ParentNode, selector: string): Element[] {
  try {
    return [...scope.querySelectorAll(selector)];
  } catch {
    throw new MappingSelectorError(`${JSON.stringify(selector)} is not a valid CSS selector`);
  }
}

const BREAKS = new Set(['BR', 'DIV', 'P', 'LI', 'TD', 'TH', 'TR', 'SECTION', 'HEADER', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * An element's text as it reads on screen: like textContent, but a line break or a block element
 * separates words ("Mon<br>12/01" → "Mon 12/01", not "Mon12/01"), while inline markup does not split
 * them ("<b>S</b>mith" → "Smith"). Whitespace collapsed, trimmed.
 */
export function textOf(el: Element): string {
  let out = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.nodeValue ?? '';
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
        const block = BREAKS.has(tag);
        if (block) out += ' ';
        walk(child);
        if (block) out += ' ';
      }
    }
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

/** The value (whitespace collapsed, trimmed), or '' when the element, attribute or pattern match is absent. */
export function extractValue(scope: Element | Document, source: ValueSource): string {
  // nodeType, not instanceof: a Document from another window (a capture, a test) has other classes.
  const el = source.selector ? queryOne(scope, source.selector) : scope.nodeType === 9 ? (scope as Document).documentElement : (scope as Element);
  if (!el) return '';
  let raw: string;
  if (source.from === 'text') raw = textOf(el);
  else if (source.from === 'href') raw = el.getAttribute('href') ?? '';
  else raw = el.getAttribute(source.attribute ?? '') ?? '';
  raw = raw.replace(/\s+/g, ' ').trim();
  if (source.pattern === undefined) return raw;
  const m = new RegExp(source.pattern).exec(raw);
  if (!m) return '';
  return (m[1] ?? m[0]).trim();
}

/** "Surname, Forename" → "Forename Surname" (the name order of the exports, domain.md §8.13). */
export function turnName(text: string): string {
  const comma = text.indexOf(',');
  return comma < 0 ? text : `${text.slice(comma + 1).trim()} ${text.slice(0, comma).trim()}`.trim();
}
