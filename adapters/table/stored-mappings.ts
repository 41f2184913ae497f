// The mappings a school has saved, as kept in extension storage under MAPPINGS_KEY: a
// list of mapping JSON values. Each is validated when loaded (design.md: validate stored settings);
// one that no longer validates is reported and skipped, never silently dropped from storage.
import type { TableMapping } from './mapping-schema.ts';
import { parseMapping } from './parse-mapping.ts';

import { MAPPINGS_KEY } from './mapping-constants.ts';
export { MAPPINGS_KEY };

export interface LoadedMappings {
  mappings: TableMapping[];
  /** One line per refused entry: `mapping 2 ("kestrel-mis"): register.table: …`. */
  errors: string[];
}

export function storedMappings(raw: unknown): LoadedMappings {
  if (raw === undefined || raw === null) return { mappings: [], errors: [] };
  if (!Array.isArray(raw)) return { mappings: [], errors: [`${MAPPINGS_KEY}: expected a list of mappings`] };
  const mappings: TableMapping[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  raw.forEach((entry, i) => {
    const label = `mapping ${i + 1}${entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string' ? ` ("${(entry as { id: string }).id}")` : ''}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      errors.push(`${label}: expected a mapping object`);
      return;
    }
    const r = parseMapping(entry);
    if (!r.ok) {
      for (const e of r.errors) errors.push(`${label}: ${e}`);
      return;
    }
    if (ids.has(r.mapping.id)) {
      errors.push(`${label}: id "${r.mapping.id}" is used by an earlier mapping`);
      return;
    }
    ids.add(r.mapping.id);
    mappings.push(r.mapping);
  });
  return { mappings, errors };
}

/** The list with `mapping` added, or replacing the one with the same id (import and save). */
export function withMapping(list: readonly TableMapping[], mapping: TableMapping): TableMapping[] {
  const i = list.findIndex((m) => m.id === mapping.id);
  return i < 0 ? [...list, mapping] : list.map((m, j) => (j === i ? mapping : m));
}

/** The file a mapping is exported as (pretty JSON, so a school can read and share it). */
export function mappingFile(mapping: TableMapping): { fileName: string; text: string } {
  return { fileName: `${mapping.id}.mis-mapping.json`, text: `${JSON.stringify(mapping, null, 2)}\n` };
}
