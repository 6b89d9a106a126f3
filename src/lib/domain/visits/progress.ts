import type { Role } from '../roles';
import type { Settings } from '../records/settings';
import { countsTowardQuota } from './quota';

export interface VisitorProgress {
  staffId: string;
  /** Counted visits this month (return visits not counted). */
  done: number;
  /** Assigned households, and at least 5 for the manager and the supervisor (001 §4.3). */
  target: number;
}

/**
 * Done / target per visitor for the plan's progress bars. 001 §4.3: 经理访问客户数量不得少于
 * 5户/月, 客服中心主管 … 不得少于5户/月 — their own visits, whatever they were assigned.
 */
export function visitorProgress(
  staff: readonly { id: string; role: Role }[],
  assignments: readonly { visitorId: string }[],
  records: readonly { visitorId: string; returnVisit: boolean; deleted?: boolean }[],
  settings: Pick<Settings, 'managerMonthlyVisits' | 'supervisorMonthlyVisits'>
): VisitorProgress[] {
  const assigned = new Map<string, number>();
  for (const a of assignments) assigned.set(a.visitorId, (assigned.get(a.visitorId) ?? 0) + 1);
  const done = new Map<string, number>();
  for (const r of records)
    if (countsTowardQuota(r)) done.set(r.visitorId, (done.get(r.visitorId) ?? 0) + 1);
  const list: VisitorProgress[] = [];
  for (const s of staff) {
    const minimum =
      s.role === 'manager'
        ? settings.managerMonthlyVisits
        : s.role === 'supervisor'
          ? settings.supervisorMonthlyVisits
          : 0;
    const target = Math.max(minimum, assigned.get(s.id) ?? 0);
    const d = done.get(s.id) ?? 0;
    if (target > 0 || d > 0) list.push({ staffId: s.id, done: d, target });
  }
  return list;
}
