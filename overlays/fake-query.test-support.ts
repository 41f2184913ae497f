// Fakes at the edge for the overlay tests: a query that answers from hand-built PupilResults
// (test/pupil-results.ts) and records what it was asked.
import type { PupilResult } from '../engine/types.ts';
import type { PendingEdit, QueryPupilsReply } from '../messages/messages.ts';
import { completeHistory } from '../test/pupil-results.ts';
import type { OverlayQuery, OverlayQueryRequest } from './query.ts';

export interface FakeQuery {
  query: OverlayQuery;
  calls: OverlayQueryRequest[];
}

/**
 * `results`: what is stored per pupil. `ifSaved(result, edits)`: the would-be result for a pupil
 * with pending edits (the real background recomputes; here the test says what it would be).
 */
export function fakeQuery(
  results: Record<string, PupilResult>,
  ifSaved: (r: PupilResult, edits: PendingEdit[]) => PupilResult = (r) => r,
): FakeQuery {
  const calls: OverlayQueryRequest[] = [];
  const query: OverlayQuery = async (req) => {
    calls.push(structuredClone(req));
    const reply: QueryPupilsReply = {
      ok: true,
      asOf: '2025-11-14',
      policyId: 'dfe-support-first',
      pupils: req.pupilIds.map((id) => {
        const r = results[id] ?? null;
        const edits = (req.pending ?? []).filter((e) => e.pupilId === id);
        return {
          pupilId: id,
          result: r,
          ...(r !== null && edits.length > 0 ? { ifSaved: ifSaved(r, edits) } : {}),
          completeness: completeHistory,
        };
      }),
    };
    return reply;
  };
  return { query, calls };
}

/** A register table like the demo MIS's: one row per pupil, the name in a `th`. */
export function registerTable(doc: Document, ids: string[]): HTMLTableElement {
  const table = doc.createElement('table');
  const body = table.createTBody();
  for (const id of ids) body.append(registerRow(doc, id));
  doc.body.append(table);
  return table;
}

export function registerRow(doc: Document, id: string): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  tr.dataset.studentId = id;
  const th = doc.createElement('th');
  th.className = 'reg-student';
  const a = doc.createElement('a');
  a.textContent = `Pupil ${id}`;
  th.append(a);
  tr.append(th);
  for (let i = 0; i < 10; i++) tr.append(doc.createElement('td'));
  return tr;
}

export function rowAnchors(table: HTMLTableElement): { pupilId: string; hostAnchor: Element }[] {
  return [...table.querySelectorAll<HTMLTableRowElement>('tr[data-student-id]')].map((tr) => ({
    pupilId: tr.dataset.studentId!,
    hostAnchor: tr.querySelector('th')!,
  }));
}

/** The shadow content of the overlay host for a pupil's row. */
export function rowShadow(table: HTMLTableElement, id: string): ShadowRoot | null {
  const hosts = table.querySelectorAll(`[data-att-host="row:${id}"]`);
  if (hosts.length > 1) throw new Error(`${hosts.length} overlay hosts for pupil ${id}`);
  return hosts[0]?.shadowRoot ?? null;
}
