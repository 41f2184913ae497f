// The side panel's and options page's own requests to the background, beside the shared
// ones in messages.ts. Validated with zod in the background before anything touches storage
// (design.md: validate at every boundary); a bad request gets `{ ok: false, error }` naming the field.
//
// zod's JIT must be off before any schema is built (MV3 CSP forbids `new Function`): zod-config first.
import './zod-config.ts';
import { z } from 'zod';
import { browser } from 'wxt/browser';
import type { IsoDate } from '../engine/types.ts';
import type { ImportReply } from '../storage/import-marks.ts';
import type { ErrorReply } from './messages.ts';

export type { ImportPupilPreview, ImportReply } from '../storage/import-marks.ts';

z.config({ jitless: true });

/** Compare the stored results under the current policy with those under another preset. */
export const previewPolicySchema = z.object({
  type: z.literal('preview-policy'),
  policyId: z.string().min(1).max(64),
  /** An edited policy to preview instead of the preset (validated with parsePolicy in the handler). */
  policy: z.unknown().optional(),
});

/** Everything stored, as a backup file's content (storage/backup.ts). */
export const exportBackupSchema = z.object({ type: z.literal('export-backup') });

/** Replace everything stored with a backup. The backup itself is validated in storage/backup.ts. */
export const restoreBackupSchema = z.object({
  type: z.literal('restore-backup'),
  backup: z.unknown(),
});

/** Remove every stored pupil, mark, amendment, case record, read and the calendar (settings kept). */
export const removeAllDataSchema = z.object({
  type: z.literal('remove-all-data'),
  /** Must be the literal word, so a stray message cannot wipe the data. */
  confirm: z.literal('REMOVE'),
});

/** Data retention: remove pupils not seen (in any page read) for more than `days` days. */
export const applyRetentionSchema = z.object({
  type: z.literal('apply-retention'),
  days: z.number().int().min(1).max(3650),
  /** Only count what would be removed. */
  dryRun: z.boolean().optional(),
});

/** An MIS export (CTF XML or marks CSV) to import: `commit: false` previews, `true` stores. */
export const importExportSchema = z.object({
  type: z.literal('import-export'),
  fileName: z.string().min(1).max(260),
  text: z.string().max(200_000_000),
  commit: z.boolean(),
});

/** Fill the history: the pupil pages to read (stored pupils on an MIS whose pupil pages have an address). */
export const crawlTargetsSchema = z.object({ type: z.literal('crawl-targets') });

/** When the pupil was last read from any page (the crawl waits for this to move past its visit). */
export const pupilSeenSchema = z.object({ type: z.literal('pupil-seen'), pupilId: z.string().min(1).max(64) });

/** Capture: the stored pupils last read on one site (origin), to replace on its pages. */
export const pupilsOnSiteSchema = z.object({ type: z.literal('pupils-on-site'), origin: z.string().url().max(300) });

export const panelMessageSchema = z.discriminatedUnion('type', [
  crawlTargetsSchema,
  pupilsOnSiteSchema,
  pupilSeenSchema,
  previewPolicySchema,
  exportBackupSchema,
  restoreBackupSchema,
  removeAllDataSchema,
  applyRetentionSchema,
  importExportSchema,
]);

export type PanelMessage = z.infer<typeof panelMessageSchema>;
export type PreviewPolicyMessage = z.infer<typeof previewPolicySchema>;

/** browser.storage.local key: days for automatic retention (options page), applied when the side panel opens. */
export const AUTO_RETENTION_KEY = 'autoRetentionDays';

export const PANEL_MESSAGE_TYPES: readonly string[] = [
  'crawl-targets',
  'pupils-on-site',
  'pupil-seen',
  'preview-policy',
  'export-backup',
  'restore-backup',
  'remove-all-data',
  'apply-retention',
  'import-export',
];

/** True when the raw message is addressed to the panel handler (by its `type`; validated there). */
export function isPanelMessage(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('type' in raw)) return false;
  const type = (raw as { type: unknown }).type;
  return typeof type === 'string' && PANEL_MESSAGE_TYPES.includes(type);
}

// ---- Replies -------------------------------------------------------------------------------------

export interface BandChange {
  pupilId: string;
  name: string;
  /** Band label (or "Too early to band" / "No possible sessions") before and after. */
  from: string;
  to: string;
}

export interface PreviewPolicyReply {
  ok: true;
  asOf: IsoDate;
  fromPolicyId: string;
  toPolicyId: string;
  pupils: number;
  /** Pupils whose band changes: its attendance range, not only its name (bandRanges in handle-panel-message.ts). */
  bandChanges: number;
  /** Pupils whose suggested stage changes (by label). */
  stageChanges: number;
  /** Pupils whose EPN "met" changes (the policy's EPN settings differ). */
  epnChanges: number;
  /** Up to 200 pupils whose band changes, for the preview. */
  examples: BandChange[];
  /** Counts per band label under the new policy. */
  bandsAfter: { label: string; count: number }[];
  /**
   * Pupils per (band before → band after), largest first. Presets name their bands differently, so
   * this table, not the bare count, shows what a change of preset really does.
   */
  transitions: { from: string; to: string; count: number }[];
}

export interface BackupReply {
  ok: true;
  backup: unknown;
}

export interface RestoreReply {
  ok: true;
  /** Records restored per store. */
  counts: Record<string, number>;
}

export interface RemovedReply {
  ok: true;
  /** Pupils removed (or, for a dry run, that would be). */
  pupils: number;
}

export interface CrawlTarget {
  pupilId: string;
  name: string;
  url: string;
}

export interface CrawlTargetsReply {
  ok: true;
  targets: CrawlTarget[];
  /** Stored pupils whose MIS has no known pupil-page address (import an export for them). */
  unsupported: number;
}

export interface PupilsOnSiteReply {
  ok: true;
  /** Each stored pupil whose latest read came from a page of the origin. */
  pupils: { id: string; name: string; upn?: string }[];
}

export interface PupilSeenReply {
  ok: true;
  /** ISO time of the latest read that mentioned the pupil, or null when not stored. */
  lastSeen: string | null;
}

export interface PanelReplyMap {
  'crawl-targets': CrawlTargetsReply;
  'pupils-on-site': PupilsOnSiteReply;
  'pupil-seen': PupilSeenReply;
  'preview-policy': PreviewPolicyReply;
  'export-backup': BackupReply;
  'restore-backup': RestoreReply;
  'remove-all-data': RemovedReply;
  'apply-retention': RemovedReply;
  'import-export': ImportReply;
}

export type PanelReplyFor<M extends PanelMessage> = PanelReplyMap[M['type']] | ErrorReply;

/** Sends a panel request to the background; never throws (a transport failure becomes `{ ok: false }`). */
export async function sendPanelMessage<M extends PanelMessage>(msg: M): Promise<PanelReplyFor<M>> {
  try {
    const reply = (await browser.runtime.sendMessage(msg)) as PanelReplyFor<M> | undefined;
    if (reply === undefined || reply === null) return { ok: false, error: `The extension's background did not answer "${msg.type}".` };
    return reply;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `Could not reach the extension's background for "${msg.type}": ${why}` };
  }
}
