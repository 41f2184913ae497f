// What an adapter reads from a page (design.md "Adapters": plain data out), and where the read came
// from. The content script sends it as the `ingest-page` message (messages/messages.ts), whose zod
// schema is built from these, so the background checks every page read before it touches storage.
// Adapters import only the types: the content script carries no zod.
import { z } from 'zod';
import { isValidIsoDate } from '../engine/dates.ts';

// ---- Building blocks -----------------------------------------------------------------------------

// One check (format and calendar): this runs for every mark of every page read.
export const isoDateSchema = z.string().refine(isValidIsoDate, 'expected a real calendar date as YYYY-MM-DD');
export const halfSchema = z.enum(['AM', 'PM']);
/** The MIS's own pupil id (what it uses in its URLs and pages), not the UPN. */
export const pupilIdSchema = z.string().min(1).max(64);

/** A session column shown on a register page. */
export const sessionRefSchema = z.object({ date: isoDateSchema, session: halfSchema });

/**
 * One mark as read from a page. `code` is the statutory code the adapter translated the cell to
 * (domain.md §2: adapters translate local variants and keep the original); `original` is the text or
 * icon name the MIS showed. Codes the engine does not know are kept raw (domain.md §2: never guessed).
 * - A session the MIS shows with NO saved mark (e.g. a mark that was cleared): send code `-`. It
 *   replaces a stored mark, and the change is recorded as an amendment.
 * - code `''` means "nothing read" and never changes what is stored (like domain.md §8.11); sessions
 *   the MIS cannot have marked yet (after today) are best left out.
 */
export const markReadSchema = z.object({
  date: isoDateSchema,
  session: halfSchema,
  code: z.string().max(16),
  original: z.string().max(64),
});

export const pupilAttributesSchema = z.object({
  upn: z.string().max(32).optional(),
  yearGroup: z.string().max(16).optional(),
  className: z.string().max(64).optional(),
  sex: z.string().max(16).optional(),
  sen: z.string().max(16).optional(),
  fsm: z.boolean().optional(),
  pp: z.boolean().optional(),
  socialWorker: z.boolean().optional(),
});

export const registerPupilSchema = z.object({
  pupilId: pupilIdSchema,
  name: z.string().max(200),
  /** SAVED marks only: these go into the history. */
  marks: z.array(markReadSchema).max(2000),
  /** Unsaved edits on screen: never stored, only used for "if saved" warnings. */
  pending: z.array(markReadSchema).max(2000),
});

export const registerPageSchema = z.object({
  kind: z.literal('register'),
  formId: z.string().max(64).optional(),
  formName: z.string().max(200).optional(),
  /** Monday of the week shown. */
  weekStart: isoDateSchema,
  /** The session columns shown on the page (teaches the background the school calendar). */
  sessions: z.array(sessionRefSchema).max(2000),
  pupils: z.array(registerPupilSchema).max(5000),
});

export const pupilPageSchema = z.object({
  kind: z.literal('pupil'),
  pupilId: pupilIdSchema,
  name: z.string().max(200),
  attributes: pupilAttributesSchema,
  /** Saved marks shown on the pupil's attendance page. */
  marks: z.array(markReadSchema).max(5000),
});

export const pageReadSchema = z.discriminatedUnion('kind', [registerPageSchema, pupilPageSchema]);

export const sourceSchema = z.object({
  url: z.string().min(1).max(2048),
  /** When the content script read the page (ISO timestamp, e.g. new Date().toISOString()). */
  readAt: z.iso.datetime({ offset: true }),
  /** Adapter id, e.g. 'demo'. */
  adapter: z.string().min(1).max(64),
});

export type SessionRef = z.infer<typeof sessionRefSchema>;
export type MarkRead = z.infer<typeof markReadSchema>;
export type RegisterPageRead = z.infer<typeof registerPageSchema>;
export type PupilPageRead = z.infer<typeof pupilPageSchema>;
export type PageRead = z.infer<typeof pageReadSchema>;
export type ReadSource = z.infer<typeof sourceSchema>;
