import { describe, expect, it } from 'vitest';
import { senderAllowed } from './sender-allowed.ts';

const EXT = 'chrome-extension://abcdef/';

describe('senderAllowed', () => {
  it("accepts every request from the extension's own pages", () => {
    for (const type of ['query-summary', 'export-backup', 'restore-backup', 'remove-all-data', 'ingest-page'])
      expect(senderAllowed(type, { url: `${EXT}sidepanel.html` }, EXT)).toBe(true);
  });

  it('accepts only ingest-page and query-pupils from a content script on an MIS page', () => {
    const page = { url: 'https://mis.example.org/register?form=4' };
    expect(senderAllowed('ingest-page', page, EXT)).toBe(true);
    expect(senderAllowed('query-pupils', page, EXT)).toBe(true);
    for (const type of ['query-summary', 'get-stored', 'export-backup', 'restore-backup', 'remove-all-data', 'set-settings', 'import-export', 'ingest-pages', 'add-case-event'])
      expect(senderAllowed(type, page, EXT)).toBe(false);
  });

  it('a page whose URL merely contains the extension origin, or no URL at all, is a content script', () => {
    expect(senderAllowed('export-backup', { url: `https://evil.example/?x=${EXT}` }, EXT)).toBe(false);
    expect(senderAllowed('export-backup', {}, EXT)).toBe(false);
    expect(senderAllowed(undefined, {}, EXT)).toBe(false);
    expect(senderAllowed('export-backup', { url: 'chrome-extension://other-id/page.html' }, EXT)).toBe(false);
  });
});
