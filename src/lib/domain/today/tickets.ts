import type { Settings } from '../records/settings';
import type { TicketIndexRow } from '../tickets/index-row';
import { currentDue, urgencyOf, type SlaSettings } from '../tickets/sla';
import { addWorkingDays } from '../calendar/working-days';
import { startOfZonedDay } from '../calendar/zoned';
import { deskRoles, type DueItem, type DueState } from './items';

export type ReturnVisitSettings = Pick<
  Settings,
  'returnVisitWorkingDaysRepair' | 'returnVisitWorkingDaysComplaint' | 'timeZone'
>;

export interface ReturnVisitDue {
  /** The work was finished (repair done) or the department reported (complaint result) here. */
  from: number;
  dueAt: number;
  /** The calendar date of the deadline. */
  date: string;
}

/**
 * When a request's return visit 回访 is due, if it is waiting for one: a repair once done
 * (003 §3.4: the customer tries it and signs, then the return visit), a complaint once the
 * department reported its result (003 §3.3: the return visit asks whether the customer is
 * satisfied). The office sets the number of working days per kind (004 asks for 100 %
 * return visits; the manuals give no number of days, so the default is the office's).
 */
export function returnVisitDue(
  row: Pick<TicketIndexRow, 'kind' | 'status' | 'doneAt' | 'resultAt' | 'open'>,
  settings: ReturnVisitSettings
): ReturnVisitDue | undefined {
  if (row.open !== 1) return undefined;
  let from: number | undefined;
  let days: number;
  if (row.kind === 'repair' && (row.status === 'done' || row.status === 'signed')) {
    from = row.doneAt;
    days = settings.returnVisitWorkingDaysRepair;
  } else if (row.kind === 'complaint' && row.status === 'resulted') {
    from = row.resultAt;
    days = settings.returnVisitWorkingDaysComplaint;
  } else return undefined;
  if (from === undefined) return undefined;
  const due = addWorkingDays(from, days, settings.timeZone);
  return { from, dueAt: due.dueAt, date: due.date };
}

/** Overdue after the deadline; due today on its last day; otherwise not yet a line. */
export function dayState(dueAt: number, dueDate: string, now: number, timeZone: string) {
  if (now > dueAt) return 'overdue' as const;
  if (now >= startOfZonedDay(dueDate, timeZone)) return 'today' as const;
  return undefined;
}

const titleOf = (r: TicketIndexRow) =>
  [r.number, r.location, r.excerpt].filter((s) => s && s.trim()).join(' · ');

/**
 * Today's lines from the open requests: a deadline past or near (arrival, urgent same day,
 * complaint deadline: lib/domain/tickets/sla.ts), and return visits due or overdue.
 * `rows` are the open rows of the derived index (one indexed read; no events folded).
 */
export function requestDueItems(
  rows: readonly TicketIndexRow[],
  settings: SlaSettings & ReturnVisitSettings,
  now: number,
  href: (ticketId: string) => string
): DueItem[] {
  const out: DueItem[] = [];
  for (const r of rows) {
    if (r.open !== 1) continue;
    const due = currentDue(r, { ...r, open: true, ignored: [] }, settings);
    const urgency = urgencyOf(due, now);
    if (due && (urgency === 'overdue' || urgency === 'dueSoon')) {
      out.push({
        key: `request:${r.ticketId}`,
        source: 'request',
        labelKey: `today.request.${due.kind}`,
        title: titleOf(r),
        href: href(r.ticketId),
        state: urgency,
        dueAt: due.dueAt,
        audience: {
          roles: deskRoles,
          department: r.department ?? (r.kind === 'repair' ? 'engineering' : undefined),
          staffId: r.assigneeId
        }
      });
    }
    const visit = returnVisitDue(r, settings);
    if (visit) {
      const state: DueState | undefined = dayState(visit.dueAt, visit.date, now, settings.timeZone);
      if (state)
        out.push({
          key: `returnVisit:${r.ticketId}`,
          source: 'returnVisit',
          labelKey: `today.returnVisit.${r.kind}`,
          title: titleOf(r),
          href: href(r.ticketId),
          state,
          dueAt: visit.dueAt,
          // 003 §3.4, §3.3: the customer-service desk makes the return visits.
          audience: { roles: deskRoles }
        });
    }
  }
  return out;
}
