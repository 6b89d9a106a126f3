import type { DemoRow } from './types';

/**
 * The transitions the demo's timelines follow, per kind (DOMAIN "Service requests"),
 * for the tests: each event type lists the types that may follow it.
 */
export const nextSteps: Record<string, Record<string, readonly string[]>> = {
  repair: {
    recorded: ['dispatched'],
    dispatched: ['accepted'],
    accepted: ['arrived'],
    arrived: ['done'],
    done: ['ownerSigned', 'returnVisit'],
    ownerSigned: ['returnVisit'],
    returnVisit: ['closed', 'reopened'],
    reopened: ['dispatched'],
    closed: []
  },
  complaint: {
    recorded: ['verified'],
    verified: ['assigned', 'markedMalicious'],
    markedMalicious: ['closed'],
    assigned: ['result'],
    result: ['returnVisit'],
    returnVisit: ['headSigned', 'assigned'],
    headSigned: ['closed'],
    closed: []
  },
  paidService: {
    recorded: ['feeNoticeSigned'],
    feeNoticeSigned: ['serviceDone'],
    serviceDone: ['paid', 'rework', 'handedOver'],
    rework: ['serviceDone'],
    paid: ['closed'],
    handedOver: ['closed'],
    closed: []
  },
  inquiry: { recorded: ['answered'], answered: ['closed'], closed: [] },
  suggestion: { recorded: ['answered'], answered: ['closed'], closed: [] },
  praise: { recorded: ['answered'], answered: ['closed'], closed: [] }
};

/** What is wrong with one request's timeline (empty when it follows its workflow). */
export function timelineProblems(
  ticket: DemoRow<'ticket'>,
  events: DemoRow<'ticketEvent'>[]
): string[] {
  const problems: string[] = [];
  const flow = nextSteps[ticket.kind];
  if (events[0]?.type !== 'recorded')
    problems.push(`${ticket.number}: does not start with recorded`);
  for (let i = 1; i < events.length; i++) {
    const [a, b] = [events[i - 1], events[i]];
    if (!(b.at > a.at)) problems.push(`${ticket.number}: ${b.type} not after ${a.type}`);
    if (!flow[a.type]?.includes(b.type)) problems.push(`${ticket.number}: ${a.type} → ${b.type}`);
  }
  return problems;
}
