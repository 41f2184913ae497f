// The IndexedDB schema (current version) and the shapes stored in it. Only storage/ opens the
// database (design.md). Every earlier version is described in open-db.ts with its migration.
import type { DBSchema } from 'idb';
import type { CaseEvent, Half, IsoDate, PupilAttributes, SessionKey } from '../engine/types.ts';
import type { YearRecord } from './year-record.ts';

export const DB_NAME = 'attendance';
export const DB_VERSION = 2;

export interface PupilRecord {
  /** The MIS's own pupil id. */
  id: string;
  name: string;
  attributes: PupilAttributes;
  /** ISO timestamps of the first and latest read that mentioned the pupil. */
  firstSeen: string;
  lastSeen: string;
  /** URL of the latest read that mentioned the pupil. */
  source: string;
  /** readAt of the latest pupil-page read whose attributes are kept (older reads never overwrite). */
  attributesAt?: string;
}

export interface AmendmentRecord {
  id?: number;
  pupilId: string;
  key: SessionKey;
  date: IsoDate;
  session: Half;
  oldCode: string;
  newCode: string;
  /** readAt of the read that saw the new code. */
  at: string;
  /** URL of that read ('' when only the old code's read arrived late and the new one is not known). */
  url: string;
}

export interface ProvenanceRecord {
  url: string;
  readAt: string;
  adapter: string;
  kind: 'register' | 'pupil';
  /** When the background stored it. */
  storedAt: string;
  pupils: number;
  marks: number;
  /** Session slots this read changed. */
  changed: number;
}

export interface CaseHistoryRecord {
  pupilId: string;
  events: CaseEvent[];
}

export interface SettingsRecord {
  id: 'settings';
  policyId: string;
  asOfOverride: IsoDate | null;
  /**
   * The user's edited policy, stored as given and validated with parsePolicy every time
   * it is loaded (storage/settings.ts): a stored policy that no longer validates is reported and not
   * used, but never deleted.
   */
  customPolicy?: unknown;
}

/**
 * The school calendar learned from pages, per academic year: `counts[slot]` = how many pupils have a
 * mark other than `#`/`-` in that session (domain.md §1, §8.6: such a session is a school session).
 * Kept by count, not flag, so an amended mark can make a session stop being a school session.
 */
export interface CalendarRecord {
  yearStart: IsoDate;
  counts: number[];
}

/** [pupilId, yearStart]. */
export type YearRecordKey = [string, string];

export interface AttendanceDB extends DBSchema {
  pupils: { key: string; value: PupilRecord };
  years: { key: YearRecordKey; value: YearRecord; indexes: { byYear: string } };
  amendments: { key: number; value: AmendmentRecord; indexes: { byPupil: string } };
  provenance: { key: [string, string]; value: ProvenanceRecord; indexes: { byReadAt: string } };
  caseHistory: { key: string; value: CaseHistoryRecord };
  settings: { key: string; value: SettingsRecord };
  calendar: { key: string; value: CalendarRecord };
}

export const INGEST_STORES = ['pupils', 'years', 'amendments', 'provenance', 'calendar'] as const;
