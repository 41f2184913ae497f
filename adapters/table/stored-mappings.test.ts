import { describe, expect, it } from 'vitest';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { mappingFile, storedMappings, withMapping } from './stored-mappings.ts';
import { parseMapping } from './parse-mapping.ts';

describe('storedMappings', () => {
  it('loads valid mappings and reports (skips) the rest, naming entry and field', () => {
    const bad = { ...kestrelMapping, id: 'other', register: { ...kestrelMapping.register, headerLines: 'two' } };
    const r = storedMappings([kestrelMapping, bad, kestrelMapping, 'x']);
    expect(r.mappings.map((m) => m.id)).toEqual(['kestrel-mis']);
    expect(r.errors).toEqual([
      'mapping 2 ("other"): register.headerLines: Invalid input: expected number, received string',
      'mapping 3 ("kestrel-mis"): id "kestrel-mis" is used by an earlier mapping',
      'mapping 4: expected a mapping object',
    ]);
    expect(storedMappings(undefined)).toEqual({ mappings: [], errors: [] });
    expect(storedMappings({})).toEqual({ mappings: [], errors: ['tableMappings: expected a list of mappings'] });
  });

  it('exports a mapping as a file that imports back unchanged', () => {
    const parsed = parseMapping(kestrelMapping);
    if (!parsed.ok) throw new Error();
    const f = mappingFile(parsed.mapping);
    expect(f.fileName).toBe('kestrel-mis.mis-mapping.json');
    const back = parseMapping(f.text);
    expect(back.ok && back.mapping).toEqual(parsed.mapping);
  });

  it('withMapping adds a new id and replaces an existing one', () => {
    const parsed = parseMapping(kestrelMapping);
    if (!parsed.ok) throw new Error();
    const a = parsed.mapping;
    const renamed = { ...a, name: 'Kestrel (ours)' };
    expect(withMapping([], a)).toEqual([a]);
    expect(withMapping([a], renamed)).toEqual([renamed]);
    expect(withMapping([a], { ...a, id: 'b' }).map((m) => m.id)).toEqual(['kestrel-mis', 'b']);
  });
});
