import type { TicketKind } from '../records/ticket';
import type { TicketSummary } from './fold';

/**
 * A request's derived summary as this device keeps it, in a local (never synced) table:
 * the board and the statistics read it instead of folding 200,000 events. Every device
 * derives it from the same events, so it needs no sync of its own. `open` is 1 or 0
 * because IndexedDB cannot index a boolean.
 */
export interface TicketIndexRow extends Omit<TicketSummary, 'open'> {
  ticketId: string;
  open: 0 | 1;
  kind: TicketKind;
  communityId: string;
  unitId?: string;
  number: string;
  category: string;
  urgent: boolean;
  /** The start of the content, for the board's cards. */
  excerpt: string;
  callerName: string;
  location: string;
  incidentId?: string;
}
