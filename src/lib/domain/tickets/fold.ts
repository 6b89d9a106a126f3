import type { TicketEvent } from '../records/ticket';
import {
  finalStatuses,
  neutralEvents,
  nextStatus,
  phaseOf,
  type Phase,
  type RefusalReason,
  type Status,
  type WorkflowContext
} from './workflows';
import { isEventType } from './event-data';
import type { Department } from './departments';

export type TimelineEvent = Pick<TicketEvent, 'id' | 'type' | 'at' | 'staffId' | 'data'>;

/** Why an event in the timeline did not move the request. */
export interface IgnoredEvent {
  id: string;
  reason: RefusalReason;
  /** The status the request had when the event came in the merged order. */
  at: Status;
}

/**
 * Everything a screen or a statistic needs to know about a request, derived from its
 * events alone. Deterministic: the same events give the same summary on every device.
 */
export interface TicketSummary {
  status: Status;
  phase: Phase;
  open: boolean;
  recordedAt?: number;
  lastEventAt?: number;
  eventCount: number;
  department?: Department;
  assigneeId?: string;
  /** The current round of work (a reassignment or a reopen starts a new one). */
  dispatchedAt?: number;
  appointmentAt?: number;
  arrivedAt?: number;
  /** The round in which someone first arrived: what repair timeliness is judged on (004). */
  firstDispatchedAt?: number;
  firstAppointmentAt?: number;
  firstArrivedAt?: number;
  firstDoneAt?: number;
  doneAt?: number;
  closedAt?: number;
  /** Complaint: the current assignment's deadline, and whether it went to the manager. */
  deadline?: number;
  serious: boolean;
  malicious: boolean;
  resultAt?: number;
  returnVisits: number;
  lastVisitSatisfied?: boolean;
  rating?: number;
  reopenCount: number;
  materialsFailed: boolean;
  price?: number;
  paidAmount?: number;
  deferredUntil?: number;
  /** Events that stay in the timeline but did not count (see foldEvents). */
  ignored: IgnoredEvent[];
}

/** The order every device folds in: time, then id (ids are random, so ties break the same everywhere). */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function initialSummary(): TicketSummary {
  return {
    status: 'new',
    phase: 'intake',
    open: true,
    eventCount: 0,
    serious: false,
    malicious: false,
    returnVisits: 0,
    reopenCount: 0,
    materialsFailed: false,
    ignored: []
  };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * Whether one more event may be appended now: the check the actions make BEFORE writing.
 * Returns the status it leads to, or why it is refused.
 */
export function checkEvent(
  ctx: WorkflowContext,
  summary: TicketSummary,
  type: string,
  data: Record<string, unknown>
): { to: Status } | { refused: RefusalReason } {
  if (!isEventType(type)) return { refused: 'unknownType' };
  if (neutralEvents.has(type))
    return summary.status === 'new' ? { refused: 'notAllowed' } : { to: summary.status };
  if (type === 'deferred')
    return finalStatuses.has(summary.status) || summary.status === 'new'
      ? { refused: 'alreadyClosed' }
      : { to: summary.status };
  if (type === 'resumed')
    return summary.deferredUntil === undefined
      ? { refused: 'notDeferred' }
      : { to: summary.status };
  return nextStatus(ctx, summary.status, type, data);
}

/**
 * Apply one event to a summary (returns a new summary). An event that is not legal at this
 * point of the merged order — two tablets offline each took a step from the same status —
 * is kept in the timeline, listed in `ignored` with the reason, and changes nothing. So a
 * concurrent "done" on A and "reassigned" on B never crash the fold, both stay visible, and
 * every device, folding the same events in the same (at, id) order, shows the same status.
 */
export function applyEvent(
  ctx: WorkflowContext,
  summary: TicketSummary,
  e: TimelineEvent
): TicketSummary {
  const s: TicketSummary = {
    ...summary,
    eventCount: summary.eventCount + 1,
    lastEventAt: Math.max(summary.lastEventAt ?? 0, e.at)
  };
  const data = e.data ?? {};
  const check = checkEvent(ctx, summary, e.type, data);
  if ('refused' in check) {
    s.ignored = [...summary.ignored, { id: e.id, reason: check.refused, at: summary.status }];
    return s;
  }
  // Any real step brings a deferred request back; a note or a photo does not.
  if (!neutralEvents.has(e.type) && e.type !== 'deferred') s.deferredUntil = undefined;
  s.status = check.to;
  s.phase = phaseOf(check.to);
  s.open = !finalStatuses.has(check.to);

  switch (e.type) {
    case 'recorded':
      s.recordedAt = e.at;
      break;
    case 'dispatched':
    case 'reassigned':
      s.department = (str(data.department) as Department | undefined) ?? s.department;
      s.assigneeId = str(data.assigneeId) ?? (e.type === 'dispatched' ? undefined : s.assigneeId);
      s.dispatchedAt = e.at;
      s.appointmentAt = num(data.appointmentAt);
      s.arrivedAt = undefined;
      break;
    case 'arrived':
      s.arrivedAt = e.at;
      if (s.firstArrivedAt === undefined) {
        s.firstArrivedAt = e.at;
        s.firstDispatchedAt = s.dispatchedAt;
        s.firstAppointmentAt = s.appointmentAt;
      }
      break;
    case 'done':
      s.doneAt = e.at;
      s.firstDoneAt ??= e.at;
      if (data.materialsCheck === 'fail') s.materialsFailed = true;
      break;
    case 'returnVisit':
      s.returnVisits++;
      s.lastVisitSatisfied = data.satisfied === true;
      break;
    case 'rated':
      s.rating = num(data.stars);
      break;
    case 'reopened':
      s.reopenCount++;
      s.closedAt = undefined;
      break;
    case 'closed':
    case 'cancelled':
      s.closedAt = e.at;
      break;
    case 'assigned':
      s.department = str(data.department) as Department | undefined;
      s.deadline = num(data.deadline);
      s.serious = data.serious === true;
      s.assigneeId = undefined;
      s.resultAt = undefined;
      break;
    case 'result':
      s.resultAt = e.at;
      break;
    case 'markedMalicious':
      s.malicious = true;
      break;
    case 'feeNoticeSigned':
      s.price = num(data.price);
      break;
    case 'paid':
      s.paidAmount = num(data.amount);
      break;
    case 'deferred':
      s.deferredUntil = num(data.until);
      break;
    case 'resumed':
      s.deferredUntil = undefined;
      break;
  }
  return s;
}

/** The summary of a request from its events, in any order (they are sorted here). */
export function foldEvents(ctx: WorkflowContext, events: readonly TimelineEvent[]): TicketSummary {
  let s = initialSummary();
  for (const e of [...events].sort(compareEvents)) s = applyEvent(ctx, s, e);
  return s;
}

/** Deferred and its date not yet come: off the working lists until then (it comes back by itself). */
export function isDeferred(summary: Pick<TicketSummary, 'deferredUntil'>, now: number): boolean {
  return summary.deferredUntil !== undefined && summary.deferredUntil > now;
}
