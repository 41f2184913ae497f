// A whole mapping from a register mapping the picker inferred (infer-register.ts): the page is
// recognised by its register table until the user names a better landmark (docs/mapping.md "detect").
import type { RegisterMapping, TableMapping } from './mapping-schema.ts';

/** "Kestrel MIS (Ashbrook)" → "kestrel-mis-ashbrook". */
export function kebabId(name: string): string {
  const id = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return id === '' ? 'my-mis' : id;
}

export function newMapping(name: string, register: RegisterMapping, codes: TableMapping['codes'] = {}): TableMapping {
  return {
    format: 'attendance-overlay/mis-mapping',
    version: 1,
    id: kebabId(name),
    name: name.trim() === '' ? 'My MIS' : name.trim(),
    detect: { selector: register.table },
    register,
    codes,
  };
}
