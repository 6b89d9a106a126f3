import type { Role } from '../roles';
import type { Settings } from '../records/settings';
import type { VisitRecord, VisitTopic } from '../records/visit-record';
import type { VisitSummaryFigures } from '../records/visit-summary';
import { countsTowardQuota } from './quota';
import { handInChecker } from './deadlines';
import { visitorProgress } from './progress';

export interface SummaryInput {
  /** The month's plan: its quota and households (none when the month was not planned). */
  plan?: { quota: number; units: readonly string[] };
  /** The month's visit records. */
  records: readonly VisitRecord[];
  /** Routed items: `recordId/itemId` → the request it became. */
  routes: ReadonlyMap<string, string>;
  staff: readonly { id: string; role: Role }[];
  assignments: readonly { visitorId: string }[];
  settings: Pick<
    Settings,
    'managerMonthlyVisits' | 'supervisorMonthlyVisits' | 'visitRecordDueDays' | 'timeZone'
  >;
}

/**
 * 月度客户访问工作总结 (001 §4.3), drafted from the month's records: coverage against the
 * quota, visits per visitor and method, how often each of the eleven topics came up, and every
 * issue raised with the request it became (its state is read live when shown).
 */
export function draftSummaryFigures(input: SummaryInput): VisitSummaryFigures {
  const live = input.records.filter((r) => !r.deleted);
  const counted = live.filter(countsTowardQuota);
  const planned = new Set(input.plan?.units ?? []);
  const visitedUnits = new Set(counted.map((r) => r.unitId));
  const topics: Partial<Record<VisitTopic, number>> = {};
  const byMethod: Record<string, number> = {};
  const issues: VisitSummaryFigures['issues'] = [];
  let late = 0;
  let refused = 0;
  const ordered = [...live].sort((a, b) => a.visitedAt - b.visitedAt || (a.id < b.id ? -1 : 1));
  const lateCheck = handInChecker(
    ordered[0]?.visitedAt ?? 0,
    ordered[ordered.length - 1]?.visitedAt ?? 0,
    input.settings
  );
  for (const r of ordered) {
    byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
    if (lateCheck(r)) late++;
    if (r.signatureRefused) refused++;
    for (const item of r.items) {
      topics[item.topic] = (topics[item.topic] ?? 0) + 1;
      const ticketId = input.routes.get(`${r.id}/${item.id}`);
      issues.push({
        recordId: r.id,
        itemId: item.id,
        unitId: r.unitId,
        topic: item.topic,
        kind: item.kind,
        text: item.text,
        ...(ticketId ? { ticketId } : {})
      });
    }
  }
  let plannedVisited = 0;
  for (const id of planned) if (visitedUnits.has(id)) plannedVisited++;
  return {
    quota: input.plan?.quota ?? 0,
    visited: counted.length,
    returnVisits: live.length - counted.length,
    plannedVisited,
    planned: planned.size,
    late,
    signatureRefused: refused,
    byVisitor: visitorProgress(input.staff, input.assignments, live, input.settings),
    byMethod,
    topics,
    issues
  };
}

export type SummaryState = 'draft' | 'submitted' | 'approved';

export function summaryState(s: { submittedAt?: number; approvedAt?: number }): SummaryState {
  if (s.approvedAt !== undefined) return 'approved';
  if (s.submittedAt !== undefined) return 'submitted';
  return 'draft';
}
