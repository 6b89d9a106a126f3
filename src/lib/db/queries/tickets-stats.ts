import { monthRange } from '$lib/domain/calendar/zoned';
import {
  monthlyStatistics,
  shiftMonth,
  type MonthlyStatistics,
  type StatsTicket
} from '$lib/domain/tickets/statistics';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import { database, type GuanjiaDexie } from '../database';
import { getSettings } from './office';

export const statsTicket = (r: TicketIndexRow): StatsTicket => ({
  id: r.ticketId,
  kind: r.kind,
  category: r.category,
  urgent: r.urgent,
  summary: { ...r, open: r.open === 1 }
});

/**
 * 004 入住总人数: people with a role on a unit (owner, tenant, family) during the month.
 * Company contacts are not residents.
 */
export async function residentsIn(month: string, db: GuanjiaDexie = database()): Promise<number> {
  const first = `${month}-01`;
  const last = `${month}-31`;
  const people = new Set<string>();
  await db.occupancy.each((o) => {
    if (o.deleted || o.role === 'companyContact') return;
    if (String(o.from) > last) return;
    if (o.to !== undefined && String(o.to) < first) return;
    people.add(String(o.personId));
  });
  return people.size;
}

/** The month's statistics from the derived index: a range read, no fold (issue 6 §5). */
export async function monthlyStats(
  month: string,
  db: GuanjiaDexie = database()
): Promise<MonthlyStatistics> {
  const settings = await getSettings(db);
  const from = monthRange(shiftMonth(month, -11), settings.timeZone)[0];
  const to = monthRange(month, settings.timeZone)[1];
  const [rows, residents] = await Promise.all([
    db.ticketIndex.where('recordedAt').between(from, to, true, false).toArray(),
    residentsIn(month, db)
  ]);
  return monthlyStatistics({ month, settings, residents, tickets: rows.map(statsTicket) });
}

/** The index rows of one month, for the export and the analysis. */
export async function ticketsOfMonth(
  month: string,
  db: GuanjiaDexie = database()
): Promise<TicketIndexRow[]> {
  const { timeZone } = await getSettings(db);
  const [from, to] = monthRange(month, timeZone);
  return db.ticketIndex.where('recordedAt').between(from, to, true, false).sortBy('recordedAt');
}
