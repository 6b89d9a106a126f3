import type { Settings } from '../records/settings';
import { addDays, endOfZonedDay, startOfZonedDay, zonedDate } from '../calendar/zoned';
import { addWorkingDays, type WorkingDayDue } from '../calendar/working-days';
import { nextMonth } from './special-care';

/**
 * 001 §4.3: 每日访问结束后, 访员最迟不超过第二日将访问记录提交 — a record is handed in by the
 * end of the day after the visit (in the office's zone); later ones are flagged.
 */
export function handInDue(
  visitedAt: number,
  settings: Pick<Settings, 'visitRecordDueDays' | 'timeZone'>
): number {
  const day = zonedDate(visitedAt, settings.timeZone);
  return endOfZonedDay(addDays(day, settings.visitRecordDueDays), settings.timeZone);
}

export function isHandedInLate(
  record: { visitedAt: number; handedInAt: number },
  settings: Pick<Settings, 'visitRecordDueDays' | 'timeZone'>
): boolean {
  return record.handedInAt > handInDue(record.visitedAt, settings);
}

/**
 * 001 §4.3: 于每月5日前汇总上月访问记录 — the summary of a month is due before the 5th of the
 * next month: late from the first moment of that day.
 */
export function summaryDue(
  month: string,
  settings: Pick<Settings, 'visitSummaryDueDay' | 'timeZone'>
): number {
  const day = String(settings.visitSummaryDueDay).padStart(2, '0');
  return startOfZonedDay(`${nextMonth(month)}-${day}`, settings.timeZone) - 1;
}

/**
 * 001 §4.3: 物业服务中心经理于2个工作日内完成审批 — counted in Chinese working days with 调休
 * from the day the supervisor submits it.
 */
export function approvalDue(
  submittedAt: number,
  settings: Pick<Settings, 'visitApprovalWorkingDays' | 'timeZone'>
): WorkingDayDue {
  return addWorkingDays(submittedAt, settings.visitApprovalWorkingDays, settings.timeZone);
}

/** When the summary of a month may be drafted: from the first moment of the next month. */
export function monthEnded(month: string, now: number, timeZone: string): boolean {
  return now >= startOfZonedDay(`${nextMonth(month)}-01`, timeZone);
}

/** Whether a role on a unit (dates YYYY-MM-DD) held at some time during a month ('2026-12'). */
export function duringMonth(o: { from: string; to?: string }, month: string): boolean {
  return o.from.slice(0, 7) <= month && (o.to === undefined || o.to.slice(0, 7) >= month);
}

/**
 * `isHandedInLate` for many records of a period at once: the day boundaries of the period are
 * worked out once (a summary checks hundreds of records; Intl in a zone per record is slow).
 */
export function handInChecker(
  from: number,
  to: number,
  settings: Pick<Settings, 'visitRecordDueDays' | 'timeZone'>
): (record: { visitedAt: number; handedInAt: number }) => boolean {
  const zone = settings.timeZone;
  const first = zonedDate(from, zone);
  const starts: number[] = [];
  const days: string[] = [];
  for (let day = first; ; day = addDays(day, 1)) {
    const start = startOfZonedDay(day, zone);
    starts.push(start);
    days.push(day);
    if (start > to) break;
  }
  const dueOf = new Map<string, number>();
  return (record) => {
    const at = record.visitedAt;
    if (at < starts[0] || at >= starts[starts.length - 1]) return isHandedInLate(record, settings);
    let lo = 0;
    let hi = starts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid;
    }
    const day = days[lo];
    let due = dueOf.get(day);
    if (due === undefined) {
      due = endOfZonedDay(addDays(day, settings.visitRecordDueDays), zone);
      dueOf.set(day, due);
    }
    return record.handedInAt > due;
  };
}
