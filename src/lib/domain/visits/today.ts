/**
 * The visits line of 工作台 (Today): the month's quota against the counted visits so far
 * (001 §4.3: 每月访问 … 不少于), and the signed-in person's appointments due today or
 * already past without a visit. Pure: the caller reads the rows and gives the clock.
 */
import { startOfZonedDay, zonedDate } from '../calendar/zoned';
import { countsTowardQuota } from './quota';

export interface VisitsTodayInput {
  staffId: string;
  now: number;
  timeZone: string;
  /** The month's plans (every community): their quotas add up. */
  plans: readonly { quota: number; deleted?: boolean }[];
  /** Visit records from the start of the window (earlier months included for appointments). */
  records: readonly {
    unitId: string;
    visitedAt: number;
    returnVisit: boolean;
    appointmentId?: string;
    deleted?: boolean;
  }[];
  /** Start of the month (office zone): records before it are not this month's. */
  monthStart: number;
  appointments: readonly {
    id: string;
    unitId: string;
    visitorId: string;
    at: number;
    cancelled: boolean;
    deleted?: boolean;
  }[];
}

export interface VisitsToday {
  quota: number;
  /** Counted visits this month (return visits are not counted). */
  done: number;
  /** My appointments today not yet visited. */
  today: number;
  /** My appointments of earlier days with no visit since. */
  overdue: number;
}

export function visitsToday(input: VisitsTodayInput): VisitsToday {
  const records = input.records.filter((r) => !r.deleted);
  const quota = input.plans.filter((p) => !p.deleted).reduce((n, p) => n + p.quota, 0);
  const done = records.filter((r) => r.visitedAt >= input.monthStart && countsTowardQuota(r));
  const named = new Set(records.flatMap((r) => (r.appointmentId ? [r.appointmentId] : [])));
  const lastVisit = new Map<string, number>();
  for (const r of records)
    lastVisit.set(r.unitId, Math.max(lastVisit.get(r.unitId) ?? 0, r.visitedAt));
  const today = zonedDate(input.now, input.timeZone);
  let dueToday = 0;
  let overdue = 0;
  for (const a of input.appointments) {
    if (a.deleted || a.cancelled || a.visitorId !== input.staffId) continue;
    const day = zonedDate(a.at, input.timeZone);
    if (day > today) continue;
    // Kept: the record names it, or the household was visited on its day or later.
    const kept =
      named.has(a.id) || (lastVisit.get(a.unitId) ?? -1) >= startOfZonedDay(day, input.timeZone);
    if (kept) continue;
    if (day === today) dueToday++;
    else overdue++;
  }
  return { quota, done: done.length, today: dueToday, overdue };
}
