import type { Ticket } from '$lib/domain/records/ticket';
import { currentDue, type SlaSettings } from '$lib/domain/tickets/sla';
import type { Status } from '$lib/domain/tickets/workflows';
import { database, type GuanjiaDexie } from '../database';
import { indexRowsById } from '../ticket-index-store';

/** A request a pending item links to, as the handover shows it: what, and where it stands. */
export interface LinkedTicket {
  id: string;
  number: string;
  content: string;
  /** From the request's derived summary (ticketIndex); undefined until it is derived here. */
  status?: Status;
  open: boolean;
  /** The deadline it works against now (arrival, same day, complaint), if any: "overdue" past it. */
  dueAt?: number;
}

/**
 * The linked requests with their current status, read from the derived request index the
 * service-request desk keeps (actions/tickets-index.ts), the same summary its board shows,
 * and the deadline its board colours by (domain/tickets/sla.ts currentDue).
 */
export async function linkedTickets(
  ids: readonly string[],
  settings: SlaSettings | undefined,
  db: GuanjiaDexie = database()
): Promise<Map<string, LinkedTicket>> {
  const unique = [...new Set(ids)];
  const [rows, index] = await Promise.all([db.ticket.bulkGet(unique), indexRowsById(db, unique)]);
  const out = new Map<string, LinkedTicket>();
  rows.forEach((row, i) => {
    if (!row || row.deleted) return;
    const ticket = row as unknown as Ticket;
    const summary = index[i];
    const linked: LinkedTicket = {
      id: ticket.id,
      number: String(ticket.number),
      content: String(ticket.content),
      open: summary ? summary.open === 1 : true
    };
    if (summary) {
      linked.status = summary.status;
      const due = settings
        ? currentDue(summary, { ...summary, open: summary.open === 1 }, settings)
        : undefined;
      if (due) linked.dueAt = due.dueAt;
    }
    out.set(ticket.id, linked);
  });
  return out;
}
