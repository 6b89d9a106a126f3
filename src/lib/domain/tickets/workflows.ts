import type { TicketKind } from '../records/ticket';
import type { EventType } from './event-data';

/**
 * The workflows of service requests as pure state machines (DOMAIN "Service requests").
 * A status is where a request stands; each event type moves it to another status or is
 * refused with a reason. The status is never stored by hand: lib/domain/tickets/fold.ts
 * derives it from the request's events.
 */
export const statuses = [
  'new',
  'recorded',
  'review',
  'declined',
  'dispatched',
  'accepted',
  'arrived',
  'done',
  'signed',
  'unsatisfied',
  'visited',
  'reopened',
  'verified',
  'assigned',
  'resulted',
  'signedOff',
  'malicious',
  'feeSigned',
  'serviced',
  'reworking',
  'paid',
  'handedOver',
  'answered',
  'closed',
  'cancelled'
] as const;
export type Status = (typeof statuses)[number];

/** What the fold knows of the request itself when it decides a step. */
export interface WorkflowContext {
  kind: TicketKind;
  /** A repair in a unit (the owner signs the work order) rather than in the common areas. */
  inUnit: boolean;
  /** 003 §3.4.4 item 5: outside the service list, the engineering supervisor decides first. */
  outsideServiceList: boolean;
}

/** Why a step is refused: an i18n key under `tickets.refused.*`. */
export type RefusalReason =
  | 'notAllowed'
  | 'closeNeedsReturnVisit'
  | 'closeNeedsHeadSignature'
  | 'doneNeedsArrival'
  | 'arrivalNeedsAcceptance'
  | 'returnVisitNeedsSignature'
  | 'returnVisitNeedsDone'
  | 'dispatchNeedsReview'
  | 'alreadyClosed'
  | 'notDeferred'
  | 'unknownType';

export type Step = { to: Status } | { refused: RefusalReason };
type Rule =
  | Status
  | { refused: RefusalReason }
  | ((data: Record<string, unknown>, ctx: WorkflowContext) => Step | Status);
type Table = Partial<Record<Status, Partial<Record<EventType, Rule>>>>;

const visitResult: Rule = (data) => (data.satisfied === true ? 'visited' : 'unsatisfied');

/** Repair 报修 (003 §3.4, 004). */
const repair: Table = {
  new: {
    // An in-unit item outside the service list waits for the engineering supervisor.
    recorded: (_, ctx) => (ctx.outsideServiceList ? 'review' : 'recorded')
  },
  recorded: {
    dispatched: 'dispatched',
    reviewRequested: 'review',
    cancelled: 'cancelled'
  },
  reopened: { dispatched: 'dispatched', cancelled: 'cancelled' },
  review: {
    reviewed: (data) => (data.approved === true ? 'recorded' : 'declined'),
    dispatched: { refused: 'dispatchNeedsReview' },
    cancelled: 'cancelled'
  },
  declined: { closed: 'closed' },
  dispatched: {
    accepted: 'accepted',
    reassigned: 'dispatched',
    cancelled: 'cancelled',
    arrived: { refused: 'arrivalNeedsAcceptance' },
    done: { refused: 'doneNeedsArrival' }
  },
  accepted: { arrived: 'arrived', reassigned: 'dispatched', done: { refused: 'doneNeedsArrival' } },
  arrived: { done: 'done', reassigned: 'dispatched' },
  done: {
    ownerSigned: 'signed',
    // In a unit the customer tries it and signs first (003 §3.4.4 item 8).
    returnVisit: (data, ctx) =>
      ctx.inUnit ? { refused: 'returnVisitNeedsSignature' } : visitResult(data, ctx),
    closed: { refused: 'closeNeedsReturnVisit' }
  },
  signed: { returnVisit: visitResult, closed: { refused: 'closeNeedsReturnVisit' } },
  // "Not satisfied" reopens the repair (issue 6 §2); a later call may still find it fixed.
  unsatisfied: { reopened: 'reopened', returnVisit: visitResult },
  visited: { closed: 'closed', reopened: 'reopened' },
  closed: { reopened: 'reopened' }
};

/** Complaint 投诉 (003 §3.3, 001). */
const complaint: Table = {
  new: { recorded: 'recorded' },
  recorded: { verified: 'verified', cancelled: 'cancelled' },
  reopened: { assigned: 'assigned', markedMalicious: 'malicious' },
  verified: { assigned: 'assigned', markedMalicious: 'malicious' },
  // Another department or a new deadline is a new assignment.
  assigned: { result: 'resulted', assigned: 'assigned', markedMalicious: 'malicious' },
  resulted: {
    returnVisit: 'visited',
    assigned: 'assigned',
    closed: { refused: 'closeNeedsReturnVisit' }
  },
  visited: {
    headSigned: 'signedOff',
    assigned: 'assigned',
    returnVisit: 'visited',
    closed: { refused: 'closeNeedsHeadSignature' }
  },
  signedOff: { closed: 'closed' },
  malicious: { closed: 'closed' },
  closed: { reopened: 'reopened' }
};

/** Paid service 有偿服务 (003 §3.12). */
const paidService: Table = {
  new: { recorded: 'recorded' },
  recorded: { feeNoticeSigned: 'feeSigned', cancelled: 'cancelled' },
  feeSigned: { serviceDone: 'serviced', cancelled: 'cancelled' },
  serviced: { paid: 'paid', rework: 'reworking', handedOver: 'handedOver' },
  reworking: { serviceDone: 'serviced' },
  paid: { closed: 'closed' },
  handedOver: { closed: 'closed' }
};

/** Inquiry 咨询, suggestion 建议, praise 表扬: answered, then closed. */
const answer: Table = {
  new: { recorded: 'recorded' },
  recorded: { answered: 'answered', cancelled: 'cancelled' },
  reopened: { answered: 'answered', cancelled: 'cancelled' },
  answered: { answered: 'answered', closed: 'closed' },
  closed: { reopened: 'reopened' }
};

export const workflows: Record<TicketKind, Table> = {
  repair,
  complaint,
  paidService,
  inquiry: answer,
  suggestion: answer,
  praise: answer
};

/** Events that record something without moving the request (allowed once it is recorded). */
export const neutralEvents: ReadonlySet<string> = new Set<EventType>([
  'note',
  'photoAdded',
  'rated'
]);

export const finalStatuses: ReadonlySet<Status> = new Set<Status>(['closed', 'cancelled']);

/** The next status after an event, or why it is refused. Deferral is handled by the fold. */
export function nextStatus(
  ctx: WorkflowContext,
  from: Status,
  type: string,
  data: Record<string, unknown>
): Step {
  const rule = workflows[ctx.kind][from]?.[type as EventType];
  if (rule === undefined) {
    if (finalStatuses.has(from)) return { refused: 'alreadyClosed' };
    if (type === 'closed') return { refused: 'closeNeedsReturnVisit' };
    return { refused: 'notAllowed' };
  }
  const step = typeof rule === 'function' ? rule(data, ctx) : rule;
  return typeof step === 'string' ? { to: step } : step;
}

/** The workflow steps offered from a status (the request page's buttons), in table order. */
export function stepsFrom(ctx: WorkflowContext, from: Status): EventType[] {
  const rules = workflows[ctx.kind][from] ?? {};
  return (Object.keys(rules) as EventType[]).filter((type) => {
    const step = nextStatus(ctx, from, type, { satisfied: true, approved: true });
    return 'to' in step;
  });
}

/** Where a status sits on the board (待处理 / 处理中 / 待回访 / 已办结). */
export type Phase = 'intake' | 'working' | 'followUp' | 'closed';
const phases: Record<Status, Phase> = {
  new: 'intake',
  recorded: 'intake',
  reopened: 'intake',
  review: 'intake',
  verified: 'intake',
  dispatched: 'working',
  accepted: 'working',
  arrived: 'working',
  assigned: 'working',
  feeSigned: 'working',
  serviced: 'working',
  reworking: 'working',
  done: 'followUp',
  signed: 'followUp',
  unsatisfied: 'followUp',
  visited: 'followUp',
  resulted: 'followUp',
  signedOff: 'followUp',
  answered: 'followUp',
  paid: 'followUp',
  handedOver: 'followUp',
  malicious: 'followUp',
  declined: 'followUp',
  closed: 'closed',
  cancelled: 'closed'
};

export function phaseOf(status: Status): Phase {
  return phases[status];
}

/** Steps that end or condemn a request: shown as dangerous actions, never as the main one. */
export const dangerSteps: ReadonlySet<EventType> = new Set<EventType>([
  'cancelled',
  'markedMalicious'
]);
/** Steps that go back or sideways (reopen, hand to someone else): offered, not suggested. */
const sideSteps: ReadonlySet<EventType> = new Set<EventType>([
  'reopened',
  'reassigned',
  'rework',
  'handedOver',
  'reviewRequested'
]);

export type StepEmphasis = 'primary' | 'secondary' | 'danger';

/**
 * How the request page shows each offered step: the true next step (the first that moves
 * the request forward, e.g. 关闭 after the return visit) is the one filled button; voiding
 * and marking malicious look dangerous; going back is secondary.
 */
export function stepEmphasis(steps: readonly EventType[]): Map<EventType, StepEmphasis> {
  const primary = steps.find((s) => !dangerSteps.has(s) && !sideSteps.has(s));
  return new Map(
    steps.map((s): [EventType, StepEmphasis] => [
      s,
      dangerSteps.has(s) ? 'danger' : s === primary ? 'primary' : 'secondary'
    ])
  );
}
