// docs/mapping.md's complete example must stay a valid mapping, and the one the tests use.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { parseMapping } from './parse-mapping.ts';

it('docs/mapping.md: the example parses and is the Kestrel mapping', () => {
  const md = readFileSync(resolve(import.meta.dirname, '..', '..', 'docs', 'mapping.md'), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(md)?.[1];
  expect(block).toBeDefined();
  const r = parseMapping(block!);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  expect(JSON.parse(block!)).toEqual(kestrelMapping);
});
