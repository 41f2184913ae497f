// @vitest-environment happy-dom
// The detector matrix (design.md "Conventions", after github-url-detection): each page kind is
// recognised on its own saved pages and on no other page in test/fixtures.
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../test/fixtures/load-fixtures.ts';
import { detect } from './detect.ts';

const OWN: Record<'register' | 'pupil', string[]> = {
  register: [
    'demo/register-this-week.html',
    'demo/register-previous-week.html',
    'demo/register-half-term.html',
    'demo/register-future-week.html',
    'demo/register-pending.html',
    'demo/register-multichar.html',
    // Still a register while loading, and when malformed: the READ then refuses it, with a reason.
    'demo/register-loading.html',
    'demo/malformed-register-no-header.html',
    'demo/malformed-register-short-row.html',
    'demo/malformed-register-unknown-week.html',
  ],
  pupil: ['demo/pupil.html', 'demo/pupil-loading.html', 'demo/malformed-pupil-no-id.html'],
};

const fixtures = loadFixtures();

describe('demo detect: matrix over every fixture', () => {
  it('knows every fixture it claims (no stale names)', () => {
    const files = new Set(fixtures.map((f) => f.file));
    for (const f of [...OWN.register, ...OWN.pupil]) expect(files, f).toContain(f);
    // The matrix is only meaningful with pages of other kinds in it.
    expect(fixtures.length).toBeGreaterThan(OWN.register.length + OWN.pupil.length + 3);
  });

  for (const kind of ['register', 'pupil'] as const) {
    for (const f of fixtures) {
      const mine = OWN[kind].includes(f.file);
      it(`${kind}: ${mine ? 'true' : 'false'} for ${f.file}`, () => {
        expect(detect(f.url, f.doc()) === kind).toBe(mine);
      });
    }
  }

  it('needs the address and the page to agree', () => {
    const reg = fixtures.find((f) => f.file === 'demo/register-this-week.html')!;
    // The register's document at the home address is not a register page.
    expect(detect(new URL('/', reg.url), reg.doc())).toBeNull();
    expect(detect(new URL('/pupils', reg.url), reg.doc())).toBeNull();
    expect(detect(new URL('/pupils/1080', reg.url), reg.doc())).toBe('pupil');
  });
});
