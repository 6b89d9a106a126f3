import type { TicketKind } from '../records/ticket';
import { monthRange } from '../calendar/zoned';
import type { TicketSummary } from './fold';
import { arrivalDue, sameDayDue, type SlaSettings } from './sla';

/** A request as the statistics see it: what was written at intake and its derived summary. */
export interface StatsTicket {
  id: string;
  kind: TicketKind;
  category: string;
  urgent: boolean;
  summary: TicketSummary;
}

export interface Targets {
  targetRepairTimelinessPct: number;
  targetRepairQualityPct: number;
  targetRepairReturnVisitPct: number;
  targetComplaintsPerMille: number;
  targetComplaintHandlingPct: number;
}

export interface MonthlyInput {
  /** "2026-10" */
  month: string;
  settings: Pick<SlaSettings, 'repairArrivalMinutes' | 'urgentRepairSameDay' | 'timeZone'>;
  /** 004 入住总人数: people living in the community this month. */
  residents: number;
  /** Requests of the month and (for the 12-month complaint rate) of the eleven before. */
  tickets: readonly StatsTicket[];
}

export interface CategoryCount {
  category: string;
  count: number;
}

export interface MonthlyStatistics {
  month: string;
  byKind: Record<TicketKind, number>;
  repairs: {
    total: number;
    byCategory: CategoryCount[];
    urgent: number;
    done: number;
    timely: number;
    /** 004 repair timeliness: on-time repairs ÷ all repairs (target ≥ 99 %). */
    timelinessPct: number | null;
    passed: number;
    /** 004 quality pass rate: passed orders ÷ orders done (target 100 %). */
    qualityPct: number | null;
    visited: number;
    /** 004 return-visit rate: repairs visited ÷ repairs done (target 100 %). */
    returnVisitPct: number | null;
    /** Ids of the repairs that were late, for the monthly analysis. */
    lateIds: string[];
    unsatisfiedIds: string[];
  };
  complaints: {
    /** Effective complaints: not marked malicious (001), not cancelled. */
    total: number;
    malicious: number;
    handled: number;
    /** 004 handling rate: handled ÷ complaints (target 100 %). */
    handlingPct: number | null;
    /** 004: complaints ÷ residents × 1000, this month and over the last 12 months (target ≤ 2 ‰ a year). */
    perMille: number | null;
    perMille12: number | null;
    byCategory: CategoryCount[];
  };
  paidServices: { total: number; revenue: number };
  ratings: { count: number; average: number | null };
}

const pct = (n: number, d: number) => (d === 0 ? null : (n / d) * 100);

function countBy(list: readonly StatsTicket[]): CategoryCount[] {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t.category || '—', (counts.get(t.category || '—') ?? 0) + 1);
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category, 'zh-Hans-CN'));
}

/**
 * Whether a repair was on time (004 零修急修及时率): the engineer arrived within the
 * arrival time of the round in which anyone first arrived, and an urgent repair was done
 * the same day (急修不过夜). A repair nobody has reached yet is not on time.
 */
export function repairOnTime(t: StatsTicket, settings: MonthlyInput['settings']): boolean {
  const s = t.summary;
  if (s.firstArrivedAt === undefined || s.firstDispatchedAt === undefined) return false;
  if (s.firstArrivedAt > arrivalDue(s.firstDispatchedAt, s.firstAppointmentAt, settings))
    return false;
  if (t.urgent && settings.urgentRepairSameDay && s.recordedAt !== undefined) {
    if (s.firstDoneAt === undefined) return false;
    if (s.firstDoneAt > sameDayDue(s.recordedAt, settings.timeZone)) return false;
  }
  return true;
}

/**
 * A month's service statistics with the formulas of 004 (DOMAIN "Quality indicators").
 * A request belongs to the month it was recorded in (office time zone); cancelled ones
 * (duplicates, mistakes) are not counted.
 */
export function monthlyStatistics(input: MonthlyInput): MonthlyStatistics {
  const { settings } = input;
  const [start, end] = monthRange(input.month, settings.timeZone);
  const yearStart = monthRange(shiftMonth(input.month, -11), settings.timeZone)[0];
  const inRange = (t: StatsTicket, from: number) =>
    t.summary.recordedAt !== undefined &&
    t.summary.recordedAt >= from &&
    t.summary.recordedAt < end &&
    t.summary.status !== 'cancelled';
  const month = input.tickets.filter((t) => inRange(t, start));

  const byKind: Record<TicketKind, number> = {
    repair: 0,
    complaint: 0,
    inquiry: 0,
    suggestion: 0,
    paidService: 0,
    praise: 0
  };
  for (const t of month) byKind[t.kind]++;

  const repairs = month.filter((t) => t.kind === 'repair');
  const done = repairs.filter((t) => t.summary.firstDoneAt !== undefined);
  const timely = repairs.filter((t) => repairOnTime(t, settings));
  const passed = done.filter(
    (t) => t.summary.reopenCount === 0 && t.summary.lastVisitSatisfied !== false
  );
  const visited = done.filter((t) => t.summary.returnVisits > 0);

  const complaintsAll = month.filter((t) => t.kind === 'complaint');
  const effective = complaintsAll.filter((t) => !t.summary.malicious);
  const handled = effective.filter((t) => t.summary.resultAt !== undefined || !t.summary.open);
  const year = input.tickets.filter(
    (t) => t.kind === 'complaint' && !t.summary.malicious && inRange(t, yearStart)
  );

  const paid = month.filter((t) => t.kind === 'paidService');
  const rated = month.filter((t) => t.summary.rating !== undefined);
  const perMille = (n: number) => (input.residents > 0 ? (n / input.residents) * 1000 : null);

  return {
    month: input.month,
    byKind,
    repairs: {
      total: repairs.length,
      byCategory: countBy(repairs),
      urgent: repairs.filter((t) => t.urgent).length,
      done: done.length,
      timely: timely.length,
      timelinessPct: pct(timely.length, repairs.length),
      passed: passed.length,
      qualityPct: pct(passed.length, done.length),
      visited: visited.length,
      returnVisitPct: pct(visited.length, done.length),
      lateIds: repairs.filter((t) => !repairOnTime(t, settings)).map((t) => t.id),
      unsatisfiedIds: repairs
        .filter((t) => t.summary.reopenCount > 0 || t.summary.lastVisitSatisfied === false)
        .map((t) => t.id)
    },
    complaints: {
      total: effective.length,
      malicious: complaintsAll.length - effective.length,
      handled: handled.length,
      handlingPct: pct(handled.length, effective.length),
      perMille: perMille(effective.length),
      perMille12: perMille(year.length),
      byCategory: countBy(effective)
    },
    paidServices: {
      total: paid.length,
      revenue: paid.reduce((sum, t) => sum + (t.summary.paidAmount ?? 0), 0)
    },
    ratings: {
      count: rated.length,
      average: rated.length
        ? rated.reduce((sum, t) => sum + (t.summary.rating ?? 0), 0) / rated.length
        : null
    }
  };
}

/** "2026-03" shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** 004: the supervisor's analysis of last month's repairs is due before this day of the month. */
export function repairAnalysisDue(month: string, dueDay: number): string {
  return `${shiftMonth(month, 1)}-${String(dueDay).padStart(2, '0')}`;
}

/** 004: the month the report opens on (today as "YYYY-MM-DD" in the office's zone): until last
 *  month's analysis is due, last month; after, this month. */
export function reportMonth(today: string, dueDay: number): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) <= dueDay ? shiftMonth(month, -1) : month;
}
