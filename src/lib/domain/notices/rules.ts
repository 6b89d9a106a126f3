import type { NoticeKind } from '../records/notice';
import type { Settings } from '../records/settings';
import { shiftWorkingDays, type WorkCalendar } from './working-days';
import { addDays, daysBetween, wallTime, zonedToEpoch } from './zoned-time';

const HOUR = 3_600_000;

/** The settings the notice rules read (001 §4.2), so callers may pass a partial record. */
export type NoticeRuleSettings = Pick<
  Settings,
  | 'pestControlDeptLeadHours'
  | 'pestControlOwnerLeadHours'
  | 'pestControlNoWeekend'
  | 'utilityDeptLeadHours'
  | 'utilityOwnerLeadHours'
  | 'worksLeadDays'
  | 'eventLeadWorkingDays'
  | 'resultsPublishWorkingDays'
  | 'timeZone'
>;

/** What the rules look at in a notice. */
export interface NoticeTiming {
  kind: NoticeKind;
  startsAt?: number;
  deptToldAt?: number;
  analysedAt?: number;
}

export type NoticeRule =
  | 'startRequired'
  | 'analysedRequired'
  | 'startPassed'
  | 'pestControlWeekend'
  | 'pestControlOwnerLead'
  | 'pestControlDeptLead'
  | 'utilityOwnerLead'
  | 'utilityDeptLead'
  | 'worksLead'
  | 'eventLead'
  | 'resultsDeadline';

/** A rule a notice breaks, with what the message needs (`notices.rule.<rule>`). */
export interface RuleBreach {
  rule: NoticeRule;
  params: Record<string, number | string>;
}

const utilities: readonly NoticeKind[] = ['waterCut', 'powerCut'];
const results: readonly NoticeKind[] = ['financialReport', 'surveyResults'];
/** Kinds about something that happens at a time: owners must be told before it. */
const timed: readonly NoticeKind[] = ['pestControl', 'waterCut', 'powerCut', 'works', 'event'];

export function needsStart(kind: NoticeKind): boolean {
  return timed.includes(kind);
}
export function needsDeptTold(kind: NoticeKind): boolean {
  return kind === 'pestControl' || utilities.includes(kind);
}
export function needsAnalysed(kind: NoticeKind): boolean {
  return results.includes(kind);
}

/**
 * The latest moment owners may be told, or undefined when the notice has no deadline
 * (general, fire-safety) or lacks the time its rule counts from.
 */
export function publishDeadline(
  notice: NoticeTiming,
  settings: NoticeRuleSettings,
  calendar: WorkCalendar
): number | undefined {
  const zone = settings.timeZone;
  const { startsAt, analysedAt } = notice;
  switch (notice.kind) {
    // 001 §4.2 item 1: 客服中心在消杀作业前12小时通知业户 — plain clock hours: 001 writes
    // 小时 here and 工作日 wherever it means working days.
    case 'pestControl':
      return startsAt === undefined
        ? undefined
        : startsAt - settings.pestControlOwnerLeadHours * HOUR;
    // 001 §4.2 item 2: 维修公司开始前24小时前告知业户
    case 'waterCut':
    case 'powerCut':
      return startsAt === undefined ? undefined : startsAt - settings.utilityOwnerLeadHours * HOUR;
    // 001 §4.2 item 6: 提前1天通知业户
    case 'works':
      return startsAt === undefined ? undefined : startsAt - settings.worksLeadDays * 24 * HOUR;
    // 001 §4.2 item 3: 提前N个工作日通知业户 — by the end of the Nth working day before the event day.
    case 'event': {
      if (startsAt === undefined) return undefined;
      const eventDay = wallTime(startsAt, zone).date;
      const lastDay = shiftWorkingDays(calendar, eventDay, -settings.eventLeadWorkingDays);
      return endOfDay(lastDay, zone);
    }
    // 001 §4.2 item 5: 统计分析后5个工作日内公布
    case 'financialReport':
    case 'surveyResults': {
      if (analysedAt === undefined) return undefined;
      const day = wallTime(analysedAt, zone).date;
      return endOfDay(shiftWorkingDays(calendar, day, settings.resultsPublishWorkingDays), zone);
    }
    default:
      return undefined;
  }
}

function endOfDay(date: string, zone: string): number {
  const start = zonedToEpoch(date, zone) ?? 0;
  return start + 24 * HOUR - 1;
}

/**
 * Every rule of 001 §4.2 the notice breaks when owners are told at `publishAt`. Empty when
 * it may go out. The editor shows them as warnings; the manager may publish anyway with a
 * reason (kept with the original).
 */
export function checkNotice(
  notice: NoticeTiming,
  publishAt: number,
  settings: NoticeRuleSettings,
  calendar: WorkCalendar
): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const zone = settings.timeZone;
  const { kind, startsAt, deptToldAt, analysedAt } = notice;

  if (needsStart(kind) && startsAt === undefined) return [{ rule: 'startRequired', params: {} }];
  if (needsAnalysed(kind) && analysedAt === undefined)
    return [{ rule: 'analysedRequired', params: {} }];

  if (startsAt !== undefined && needsStart(kind) && startsAt <= publishAt)
    breaches.push({ rule: 'startPassed', params: {} });

  const hoursBefore = (from: number) =>
    startsAt === undefined ? Infinity : (startsAt - from) / HOUR;
  const round1 = (n: number) => Math.round(n * 10) / 10;

  if (kind === 'pestControl' && startsAt !== undefined) {
    // 001 §4.2 item 1: 周六、周日公休日不安排作业 — the office's rest days: a weekend that
    // is not a 调休 workday, or a public holiday (the calendar knows both).
    if (settings.pestControlNoWeekend && !calendar.isWorkingDay(wallTime(startsAt, zone).date))
      breaches.push({ rule: 'pestControlWeekend', params: {} });
    // 24 h / 12 h are clock hours (001 writes 小时, not 工作日).
    const lead = startsAt > publishAt ? hoursBefore(publishAt) : -1;
    if (lead >= 0 && lead < settings.pestControlOwnerLeadHours)
      breaches.push({
        rule: 'pestControlOwnerLead',
        params: { hours: settings.pestControlOwnerLeadHours, actual: round1(lead) }
      });
    if (deptToldAt !== undefined && hoursBefore(deptToldAt) < settings.pestControlDeptLeadHours)
      breaches.push({
        rule: 'pestControlDeptLead',
        params: {
          hours: settings.pestControlDeptLeadHours,
          actual: round1(hoursBefore(deptToldAt))
        }
      });
  }

  if (utilities.includes(kind) && startsAt !== undefined) {
    const lead = hoursBefore(publishAt);
    if (lead >= 0 && lead < settings.utilityOwnerLeadHours)
      breaches.push({
        rule: 'utilityOwnerLead',
        params: { hours: settings.utilityOwnerLeadHours, actual: round1(lead) }
      });
    if (deptToldAt !== undefined && hoursBefore(deptToldAt) < settings.utilityDeptLeadHours)
      breaches.push({
        rule: 'utilityDeptLead',
        params: { hours: settings.utilityDeptLeadHours, actual: round1(hoursBefore(deptToldAt)) }
      });
  }

  if (kind === 'works' && startsAt !== undefined) {
    const lead = hoursBefore(publishAt);
    if (lead >= 0 && lead < settings.worksLeadDays * 24)
      breaches.push({ rule: 'worksLead', params: { days: settings.worksLeadDays } });
  }

  if (kind === 'event' && startsAt !== undefined && startsAt > publishAt) {
    const deadline = publishDeadline(notice, settings, calendar);
    if (deadline !== undefined && publishAt > deadline)
      breaches.push({
        rule: 'eventLead',
        params: {
          days: settings.eventLeadWorkingDays,
          actual: countWorkingDaysBetween(
            calendar,
            wallTime(publishAt, zone).date,
            wallTime(startsAt, zone).date
          )
        }
      });
  }

  if (needsAnalysed(kind)) {
    const deadline = publishDeadline(notice, settings, calendar);
    if (deadline !== undefined && publishAt > deadline)
      breaches.push({
        rule: 'resultsDeadline',
        params: {
          days: settings.resultsPublishWorkingDays,
          deadline: wallTime(deadline, zone).date
        }
      });
  }
  return breaches;
}

/** The kinds whose rules count working days or rest days of the calendar. */
const calendarKinds: readonly NoticeKind[] = ['pestControl', 'event', ...results];

/**
 * The years a notice's rules would read from the calendar but the calendar does not know
 * yet (its data ends before them): working days there are assumed to be Monday–Friday, and
 * the editor says so, as the complaint dialog does for a deadline.
 */
export function unknownCalendarYears(
  notice: NoticeTiming,
  publishAt: number,
  settings: Pick<NoticeRuleSettings, 'timeZone'>,
  calendar: WorkCalendar
): number[] {
  if (!calendar.knowsYear || !calendarKinds.includes(notice.kind)) return [];
  const moments = [publishAt, notice.startsAt, notice.analysedAt].filter(
    (m): m is number => m !== undefined
  );
  const years = new Set(
    moments.map((m) => Number(wallTime(m, settings.timeZone).date.slice(0, 4)))
  );
  // Results are published up to some working days later: that may cross into a new year.
  if (needsAnalysed(notice.kind)) for (const y of [...years]) years.add(y + 1);
  const known = calendar.knowsYear;
  return [...years].filter((y) => !known(y)).sort();
}

/** Working days strictly between two dates: "told N working days ahead". */
function countWorkingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  let count = 0;
  for (let i = 1; i < daysBetween(from, to); i++) {
    if (calendar.isWorkingDay(addDays(from, i))) count++;
  }
  return count;
}
