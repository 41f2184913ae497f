// The demo school's data model, shared by the generator (demo/generate/) and the web MIS imitation
// (demo/server/). Marks use the engine's dense PupilHistory form.
import type { IsoDate, PupilHistory } from '../engine/types.ts';

export type SchoolSize = 'primary' | 'secondary' | 'large';

export interface DemoPupil {
  /** The MIS's own pupil id, used in its URLs, pages and exports (e.g. "1042"). */
  id: string;
  upn: string;
  forename: string;
  surname: string;
  dateOfBirth: IsoDate;
  sex: 'F' | 'M';
  yearGroup: string; // 'R', '1'..'6' (primary) or '7'..'11' (secondary)
  formId: string;
  sen: 'N' | 'K' | 'E'; // none, SEN support, EHCP
  fsm: boolean;
  pp: boolean;
  socialWorker: boolean;
  address: string;
  /** Set for the pupils built to sit on a boundary (documentation and tests). */
  boundary?: string;
  /** In-year joiner: first day on roll (sessions before it in that academic year are `Z`). */
  admissionDate?: IsoDate;
  /** Leaver: last day on roll (later school sessions up to today are `Z`; see demo/generate/marks.ts). */
  leavingDate?: IsoDate;
}

export interface DemoForm {
  id: string;
  name: string; // e.g. "7B" or "Year 3 Oak"
  yearGroup: string;
  teacher: string;
}

export interface DemoSchool {
  name: string;
  size: SchoolSize;
  seed: number;
  today: IsoDate;
  forms: DemoForm[];
  pupils: DemoPupil[];
  /** pupil id → mark history (codes are statutory codes; '' = no mark). */
  histories: Map<string, PupilHistory>;
  /** Dates the school is closed on a weekday (INSET `#`, bank holidays and holidays are simply unmarked weekdays). */
  insetDays: IsoDate[];
}
