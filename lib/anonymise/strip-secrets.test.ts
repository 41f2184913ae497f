import { expect, it } from 'vitest';
import { stripSecrets } from './strip-secrets.ts';

it('stripSecrets removes credential parameters and keeps the rest', () => {
  expect(stripSecrets('/register?form=4&week=2026-11-16')).toBe('/register?form=4&week=2026-11-16');
  expect(stripSecrets('/pupil/1?tab=att&sessionid=x#marks')).toBe('/pupil/1?tab=att#marks');
  expect(stripSecrets('https://mis.example/a?_token=1&JSESSIONID=2')).toBe('https://mis.example/a');
  expect(stripSecrets('/a?api%5Fkey=1&b=2')).toBe('/a?b=2');
  expect(stripSecrets('/plain')).toBe('/plain');
});
