// @vitest-environment happy-dom
// The saved mappings as the content script loads them (no zod there): a valid one reads Kestrel pages;
// an entry that is not a mapping is skipped with a warning; a mapping that passes the envelope check
// but does not fit (a pattern that does not compile, a selector that throws) refuses the page instead
// of throwing into the reader. `wxt/browser` (extension storage) is the only mock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseMapping } from '../../adapters/table/parse-mapping.ts';
import { altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';

let stored: Record<string, unknown> = {};
vi.mock('wxt/browser', () => ({
  browser: { storage: { local: { get: async (key: string) => (key in stored ? { [key]: stored[key] } : {}) } } },
}));
const { storedAdapters } = await import('./stored-adapters.ts');

const school = generateSchool();
const form = school.forms[3]!;
const url = new URL(`http://127.0.0.1:5190/alt/register?form=${form.id}&week=2026-11-16`);
const doc = parseHtml(altRegisterPage(school, form.id, '2026-11-16')!);
const kestrel = parseMapping(kestrelMapping);
if (!kestrel.ok) throw new Error(kestrel.errors.join('\n'));

afterEach(() => {
  stored = {};
  vi.restoreAllMocks();
});

describe('storedAdapters', () => {
  it('nothing saved: no adapters', async () => {
    expect(await storedAdapters()).toEqual([]);
  });

  it('a saved mapping reads the page; a non-mapping entry is skipped with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    stored = { tableMappings: [{ hello: 1 }, kestrel.mapping] };
    const list = await storedAdapters();
    expect(list.map((a) => a.id)).toEqual(['table:kestrel-mis']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('saved MIS mapping 1 is not a mapping'));
    expect(list[0]!.detect(url, doc)).toBe('register');
    const r = list[0]!.readRegister(doc, url);
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.pupils).toHaveLength(school.pupils.filter((p) => p.formId === form.id).length);
  });

  it('a mapping that does not compile recognises nothing and refuses reads, never throws', async () => {
    stored = { tableMappings: [{ ...kestrel.mapping, register: { ...kestrel.mapping.register!, url: '(' } }] };
    const [a] = await storedAdapters();
    expect(() => a!.detect(url, doc)).not.toThrow();
    expect(a!.detect(url, doc)).toBeNull();
    const bad = await (async () => {
      stored = { tableMappings: [{ ...kestrel.mapping, register: { ...kestrel.mapping.register!, table: '[[' } }] };
      return (await storedAdapters())[0]!;
    })();
    const r = bad.readRegister(doc, url);
    expect(r.ok).toBe(false);
  });
});
