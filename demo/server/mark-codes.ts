// The register codes the demo MIS offers in its code picker, with the meanings it shows staff.
// Statutory codes from 19 Aug 2024 (domain.md §2, SI 2024/208 regulation 10). The category drives the
// MIS's own colours and its own simple attendance summary (see mis-summary.ts).

export type MarkCategory =
  | 'present'
  | 'aea'
  | 'authorised'
  | 'unauthorised'
  | 'not-counted'
  | 'admin'
  | 'legacy';

export interface MarkCodeInfo {
  code: string;
  meaning: string;
  category: MarkCategory;
  /** Offered in the code picker (withdrawn legacy codes are shown in history but not offered). */
  selectable: boolean;
}

const c = (code: string, meaning: string, category: MarkCategory, selectable = true): MarkCodeInfo => ({
  code,
  meaning,
  category,
  selectable,
});

export const markCodes: readonly MarkCodeInfo[] = [
  c('/', 'Present (AM)', 'present'),
  c('\\', 'Present (PM)', 'present'),
  c('L', 'Late (before register closed)', 'present'),
  c('B', 'Other approved educational activity', 'aea'),
  c('K', 'Provision arranged by the local authority', 'aea'),
  c('P', 'Approved sporting activity', 'aea'),
  c('V', 'Educational visit or trip', 'aea'),
  c('W', 'Work experience', 'aea'),
  c('C', 'Leave of absence: exceptional circumstances', 'authorised'),
  c('C1', 'Leave: regulated performance or employment abroad', 'authorised'),
  c('C2', 'Leave: part-time timetable', 'authorised'),
  c('E', 'Suspended or excluded, no alternative provision', 'authorised'),
  c('I', 'Illness (not medical appointments)', 'authorised'),
  c('J1', 'Leave to attend an interview', 'authorised'),
  c('M', 'Medical or dental appointment', 'authorised'),
  c('R', 'Religious observance', 'authorised'),
  c('S', 'Study leave', 'authorised'),
  c('T', 'Parent travelling for occupational purposes', 'authorised'),
  c('G', 'Holiday not granted by the school', 'unauthorised'),
  c('N', 'Reason not yet provided', 'unauthorised'),
  c('O', 'Absent in other or unknown circumstances', 'unauthorised'),
  c('U', 'Arrived after the register closed', 'unauthorised'),
  c('D', 'Dual registered: at another school', 'not-counted'),
  c('Q', 'Unable to attend: lack of LA access arrangements', 'not-counted'),
  c('X', 'Not required to attend: below compulsory school age', 'not-counted'),
  c('Y1', 'Unable to attend: transport not available', 'not-counted'),
  c('Y2', 'Unable to attend: widespread travel disruption', 'not-counted'),
  c('Y3', 'Unable to attend: part of premises closed', 'not-counted'),
  c('Y4', 'Unable to attend: whole school site closed', 'not-counted'),
  c('Y5', 'Unable to attend: criminal justice detention', 'not-counted'),
  c('Y6', 'Unable to attend: public health guidance or law', 'not-counted'),
  c('Y7', 'Unable to attend: any other unavoidable cause', 'not-counted'),
  c('Z', 'Pupil not on roll', 'admin'),
  c('#', 'Planned school closure', 'admin'),
  // Withdrawn codes that older history may still carry (domain.md §2): shown, never offered.
  c('H', 'Authorised holiday (withdrawn 2024)', 'legacy', false),
  c('F', 'Extended family holiday (withdrawn 2013)', 'legacy', false),
  c('J', 'Interview (withdrawn 2024)', 'legacy', false),
  c('Y', 'Enforced closure (withdrawn 2024)', 'legacy', false),
];

const byCode = new Map(markCodes.map((m) => [m.code, m]));

export function markCodeInfo(code: string): MarkCodeInfo | undefined {
  return byCode.get(code);
}
