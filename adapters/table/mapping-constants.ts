// The values of the mapping format that the readers need at run time, kept apart from the zod schema
// (mapping-schema.ts) so the content script can read pages through a mapping without bundling zod
// (~450 KB; the content script must stay under 60 KB). Types only are imported from the schema.
import type { DateFormat } from './mapping-schema.ts';

/** The `format` every mapping file carries (docs/mapping.md). */
export const MAPPING_FORMAT = 'attendance-overlay/mis-mapping';

/** browser.storage.local key of the saved mappings: a list of mapping JSON values (stored-mappings.ts). */
export const MAPPINGS_KEY = 'tableMappings';

/** The default spellings of the two sessions (docs/mapping.md `sessions.halves`). */
export const DEFAULT_HALVES = { AM: ['AM'], PM: ['PM'] } as const;

/** Formats whose dates carry no year (or no date at all): they need the page's week. */
export function needsWeek(format: DateFormat): boolean {
  return format === 'd/m' || format === 'd mon' || format === 'weekday';
}

/**
 * Whether the stored value under MAPPINGS_KEY holds any saved mapping: decides which MIS content script
 * the background registers (background/content-scripts.ts: mis-table with the mappings, else the smaller mis).
 */
export function hasSavedMappings(raw: unknown): boolean {
  return Array.isArray(raw) && raw.length > 0;
}
