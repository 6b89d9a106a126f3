import type { HandoverEvent, HandoverEventType } from '../records/handover';
import type { HandoverStatus } from '../records/shift';
import type { Role } from '../roles';

/**
 * The handover flow of 003 §3.9 1. as a state machine over a shift's events:
 *
 *   writing ──ready (outgoing signs)──► ready ──accept (incoming signs)──► closed ──review──►
 *      ▲                                  │
 *      └─────── refused ◄──refuse (reason, escalated to supervisor/manager)
 *
 * "当交班人员检查工作完成,并且接班人员无任何疑问后,接班人员方算结束": the handover ends
 * only when both have signed. After a refusal the outgoing shift fixes the log and signs
 * again; the supervisor or manager may record how the escalation was handled (resolve).
 *
 * Events are folded in time order; a step that is not allowed where the flow stands (two
 * tablets acting at once, offline) stays in the timeline but changes nothing.
 */
export interface Signed {
  staffId: string;
  at: number;
  eventId: string;
}

export interface Refusal {
  staffId: string;
  at: number;
  reason: string;
  /** Set once a supervisor or manager recorded how it was handled. */
  resolved?: { staffId: string; at: number; note: string };
}

export interface HandoverState {
  status: HandoverStatus;
  /** The outgoing signature in force (the latest `ready`). */
  outgoing?: Signed & { event: HandoverEvent };
  incoming?: Signed & { event: HandoverEvent };
  refusals: Refusal[];
  /** A refusal no supervisor or manager has handled yet, while the shift is not closed. */
  escalated: boolean;
  reviewed?: Signed;
  /** Every event, in the order they were folded. */
  timeline: HandoverEvent[];
}

/** Who takes a step: the staff member who signs or acts, and their role. */
export interface Participant {
  staffId: string;
  role: Role;
}

/** Roles that supervise: they receive escalations and sign the daily review (当值主任 / 经理). */
export const supervisingRoles: readonly Role[] = ['manager', 'supervisor'];
/** Roles that work a front-desk shift and so hand over. */
export const shiftRoles: readonly Role[] = ['frontDesk', 'supervisor', 'manager'];

export type FlowError =
  | 'handover.error.notShiftRole'
  | 'handover.error.notReady'
  | 'handover.error.alreadyReady'
  | 'handover.error.closed'
  | 'handover.error.notClosed'
  | 'handover.error.sameSigner'
  | 'handover.error.notSupervisor'
  | 'handover.error.notRefused'
  | 'handover.error.reasonRequired'
  | 'handover.error.alreadyReviewed';

/** Why `who` may not take step `type` now, or null when they may. */
export function stepError(
  state: HandoverState,
  type: HandoverEventType,
  who: Participant,
  reason?: string
): FlowError | null {
  switch (type) {
    case 'ready':
      if (!shiftRoles.includes(who.role)) return 'handover.error.notShiftRole';
      if (state.status === 'closed') return 'handover.error.closed';
      if (state.status === 'ready') return 'handover.error.alreadyReady';
      return null;
    case 'refuse':
      if (!shiftRoles.includes(who.role)) return 'handover.error.notShiftRole';
      if (state.status === 'closed') return 'handover.error.closed';
      if (state.status !== 'ready') return 'handover.error.notReady';
      if (state.outgoing?.staffId === who.staffId) return 'handover.error.sameSigner';
      if (!reason?.trim()) return 'handover.error.reasonRequired';
      return null;
    case 'accept':
      if (!shiftRoles.includes(who.role)) return 'handover.error.notShiftRole';
      if (state.status === 'closed') return 'handover.error.closed';
      if (state.status !== 'ready') return 'handover.error.notReady';
      // Handing over to oneself is no handover: the incoming signer is another person.
      if (state.outgoing?.staffId === who.staffId) return 'handover.error.sameSigner';
      return null;
    case 'resolve':
      if (!supervisingRoles.includes(who.role)) return 'handover.error.notSupervisor';
      if (!state.refusals.some((r) => !r.resolved)) return 'handover.error.notRefused';
      if (!reason?.trim()) return 'handover.error.reasonRequired';
      return null;
    case 'review':
      if (!supervisingRoles.includes(who.role)) return 'handover.error.notSupervisor';
      if (state.status !== 'closed') return 'handover.error.notClosed';
      if (state.reviewed) return 'handover.error.alreadyReviewed';
      return null;
  }
}

const roleUnknown = (e: HandoverEvent, roles: ReadonlyMap<string, Role>): Participant => ({
  staffId: e.staffId,
  // A signer whose staff record has not arrived yet is trusted as a shift role: the write
  // path checked their role on the device that wrote the event.
  role:
    roles.get(e.staffId) ??
    (e.type === 'review' || e.type === 'resolve' ? 'supervisor' : 'frontDesk')
});

/** Fold a shift's events into where its handover stands. */
export function handoverState(
  events: readonly HandoverEvent[],
  roles: ReadonlyMap<string, Role> = new Map()
): HandoverState {
  const state: HandoverState = { status: 'writing', refusals: [], escalated: false, timeline: [] };
  const ordered = [...events]
    .filter((e) => !e.deleted)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const event of ordered) {
    state.timeline.push(event);
    if (stepError(state, event.type, roleUnknown(event, roles), event.reason) !== null) continue;
    const signed = { staffId: event.staffId, at: event.at, eventId: event.id };
    switch (event.type) {
      case 'ready':
        state.status = 'ready';
        state.outgoing = { ...signed, event };
        break;
      case 'refuse':
        state.status = 'refused';
        state.refusals.push({ staffId: event.staffId, at: event.at, reason: event.reason ?? '' });
        break;
      case 'resolve':
        for (const refusal of state.refusals)
          refusal.resolved ??= { staffId: event.staffId, at: event.at, note: event.reason ?? '' };
        break;
      case 'accept':
        state.status = 'closed';
        state.incoming = { ...signed, event };
        break;
      case 'review':
        state.reviewed = signed;
        break;
    }
  }
  state.escalated = state.status !== 'closed' && state.refusals.some((r) => !r.resolved);
  return state;
}

/** The log may be edited while the outgoing shift writes or fixes it, never once signed. */
export function logEditable(status: HandoverStatus): boolean {
  return status === 'writing' || status === 'refused';
}

/** The incoming shift checks equipment and asks questions while the handover is open. */
export function checksEditable(status: HandoverStatus): boolean {
  return status !== 'closed';
}
