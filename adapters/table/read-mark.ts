// The mark a cell shows: the first non-empty value of the mapping's sources, in order (so an icon's
// class or alt text can be read before the cell's text).
import { extractValue } from './extract-value.ts';
import type { MarkMapping } from './mapping-schema.ts';

export function readMark(cell: Element, mark: MarkMapping): string {
  for (const source of mark.sources) {
    const v = extractValue(cell, source);
    if (v !== '') return v;
  }
  return '';
}
