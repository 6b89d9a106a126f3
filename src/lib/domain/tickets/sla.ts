import type { Settings } from '../records/settings';
import type { TicketKind } from '../records/ticket';
import { endOfZonedDay, zonedDate } from '../calendar/zoned';
import { addWorkingDays, type WorkingDayDue } from '../calendar/working-days';
import type { TicketSummary } from './fold';

/** The settings the service-level rules read (DOMAIN: every number is the office's to change). */
export type SlaSettings = Pick<
  Settings,
  'repairArrivalMinutes' | 'urgentRepairSameDay' | 'complaintDeadlineWorkingDays' | 'timeZone'
>;

export type DueKind = 'arrival' | 'sameDay' | 'complaint';

export interface Due {
  kind: DueKind;
  /** The clock started here… */
  from: number;
  /** …and the step is late from the next millisecond. */
  dueAt: number;
}

/** "Due soon" once this share of the allowed time has gone (an arrival of 10 minutes: after 7.5). */
export const DUE_SOON_SHARE = 0.75;

const MINUTE = 60_000;

/** 004: the engineer arrives within 10 minutes of the order, or by the agreed appointment. */
export function arrivalDue(
  dispatchedAt: number,
  appointmentAt: number | undefined,
  settings: Pick<SlaSettings, 'repairArrivalMinutes'>
): number {
  return appointmentAt ?? dispatchedAt + settings.repairArrivalMinutes * MINUTE;
}

/**
 * 003 §3.3.4 item 2: the desk gives the department a deadline; by default the office's
 * number of Chinese working days (with 调休) after the day the complaint is assigned.
 */
export function complaintDeadline(
  from: number,
  settings: Pick<SlaSettings, 'complaintDeadlineWorkingDays' | 'timeZone'>
): WorkingDayDue {
  return addWorkingDays(from, settings.complaintDeadlineWorkingDays, settings.timeZone);
}

/** 004 急修不过夜: an urgent repair is done before the end of the day it was reported. */
export function sameDayDue(recordedAt: number, timeZone: string): number {
  return endOfZonedDay(zonedDate(recordedAt, timeZone), timeZone);
}

/**
 * The deadline a request is working against now, if any: the engineer's arrival, an
 * urgent repair's end of day, or a complaint's deadline in working days (set when it was
 * assigned, with 调休: lib/domain/calendar).
 */
export function currentDue(
  ticket: { kind: TicketKind; urgent: boolean },
  s: TicketSummary,
  settings: SlaSettings
): Due | undefined {
  if (!s.open || s.recordedAt === undefined) return undefined;
  if (ticket.kind === 'repair') {
    if ((s.status === 'dispatched' || s.status === 'accepted') && s.dispatchedAt !== undefined) {
      const due = arrivalDue(s.dispatchedAt, s.appointmentAt, settings);
      return { kind: 'arrival', from: Math.min(s.dispatchedAt, due), dueAt: due };
    }
    if (
      ticket.urgent &&
      settings.urgentRepairSameDay &&
      (s.status === 'recorded' || s.status === 'arrived' || s.status === 'reopened')
    )
      return {
        kind: 'sameDay',
        from: s.recordedAt,
        dueAt: sameDayDue(s.recordedAt, settings.timeZone)
      };
    return undefined;
  }
  if (ticket.kind === 'complaint' && s.status === 'assigned' && s.deadline !== undefined)
    return { kind: 'complaint', from: s.recordedAt, dueAt: s.deadline };
  return undefined;
}

export type Urgency = 'overdue' | 'dueSoon' | 'onTrack';

export function urgencyOf(due: Due | undefined, now: number): Urgency | undefined {
  if (!due) return undefined;
  if (now > due.dueAt) return 'overdue';
  if (now >= due.from + (due.dueAt - due.from) * DUE_SOON_SHARE) return 'dueSoon';
  return 'onTrack';
}
