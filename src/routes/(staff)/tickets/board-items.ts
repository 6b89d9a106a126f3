import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import { currentDue, urgencyOf, type SlaSettings, type Urgency } from '$lib/domain/tickets/sla';
import { isDeferred } from '$lib/domain/tickets/fold';

export type BoardView = 'status' | 'department';

export interface BoardItem {
  row: TicketIndexRow;
  dueAt?: number;
  urgency?: Urgency;
  deferred: boolean;
}

/** Each open request with its deadline as it looks now (the board, "my work" and the bench). */
export function boardItems(
  rows: TicketIndexRow[],
  settings: SlaSettings,
  now: number
): BoardItem[] {
  return rows.map((row) => {
    const due = currentDue(row, { ...row, open: row.open === 1 }, settings);
    return { row, dueAt: due?.dueAt, urgency: urgencyOf(due, now), deferred: isDeferred(row, now) };
  });
}
