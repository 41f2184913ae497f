import { expect, it } from 'vitest';
import { stripSecrets } from './strip-secrets.ts';

it('stripSecrets removes credential parameters and keeps the rest', () => {
  expect(stripSecrets('/register?form=4&week=2026-11-16')).toBe('/register?form=4&week=2026-11-16');
  expect(stripSecrets('/pupil/1?tab=att&sessionid=x#marks')).toBe('/pupil/1?tab=att#marks');
  expect(stripSecrets('https://mis.example/a?_token=1&JSESSIONID=2')).toBe('https://mis.example/a');
  expect(stripSecrets('/a?api%5Fkey=1&b=2')).toBe('/a?b=2');
  expect(stripSecrets('/plain')).toBe('/plain');
});

it('stripSecrets removes credential path parameters and fragment parameters too', () => {
  expect(stripSecrets('/app/pupil;jsessionid=ABC123?tab=att')).toBe('/app/pupil?tab=att');
  expect(stripSecrets('/app;JSESSIONID=ABC123;lang=en/pupil')).toBe('/app;lang=en/pupil');
  expect(stripSecrets('/cb#access_token=xyz&token_type=bearer&state=4')).toBe('/cb#state=4');
  expect(stripSecrets('/spa#/pupil/1?tab=att&auth=xyz')).toBe('/spa#/pupil/1?tab=att');
  expect(stripSecrets('/a?session=1#id_token=2')).toBe('/a');
  expect(stripSecrets('/pupil/1#marks')).toBe('/pupil/1#marks');
  expect(stripSecrets('/a;b?c=d#e=f')).toBe('/a;b?c=d#e=f');
});
