import type { TimelineEvent, TicketSummary } from '$lib/domain/tickets/fold';
import type { Status } from '$lib/domain/tickets/workflows';
import type { StatusState } from './payload';

/**
 * What the owner's status link says of a request (issue 16 §3): received, dispatched
 * (已派工), done (已完成, with the office's reply), or closed without the work (cancelled,
 * declined, marked malicious). Internal notes never reach the owner.
 */
const dispatched: ReadonlySet<Status> = new Set<Status>([
  'review',
  'dispatched',
  'accepted',
  'arrived',
  'verified',
  'assigned',
  'reworking',
  'feeSigned',
  'reopened'
]);
const done: ReadonlySet<Status> = new Set<Status>([
  'done',
  'signed',
  'unsatisfied',
  'visited',
  'resulted',
  'signedOff',
  'serviced',
  'paid',
  'handedOver',
  'answered',
  'closed'
]);

export function ownerState(summary: Pick<TicketSummary, 'status' | 'malicious'>): StatusState {
  if (summary.status === 'cancelled' || summary.status === 'declined' || summary.malicious)
    return 'closed';
  if (done.has(summary.status)) return 'done';
  if (dispatched.has(summary.status)) return 'dispatched';
  return 'received';
}

/** The office's words to the owner: the latest answer, complaint result or work record. */
export function ownerReply(events: readonly TimelineEvent[]): string {
  let reply = '';
  let at = -1;
  for (const e of events) {
    const data = e.data as Record<string, unknown>;
    const text =
      e.type === 'answered' || e.type === 'result'
        ? data.text
        : e.type === 'done' || e.type === 'serviceDone'
          ? data.record
          : e.type === 'cancelled'
            ? data.reason
            : undefined;
    if (typeof text === 'string' && e.at >= at) {
      reply = text;
      at = e.at;
    }
  }
  return reply;
}
