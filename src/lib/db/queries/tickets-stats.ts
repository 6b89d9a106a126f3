import { Dexie } from 'dexie';
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
import { indexRowsBetween } from '../ticket-index-store';

export const statsTicket = (r: TicketIndexRow): StatsTicket => ({
  id: r.ticketId,
  kind: r.kind,
  category: r.category,
  urgent: r.urgent,
  summary: { ...r, open: r.open === 1 }
});

/**
 * 004 入住总人数: people with a role on a unit (owner, tenant, family) during the month.
 * Company contacts are not residents. Reading every role is the costly part of the month's
 * statistics (~17,000 rows in a large office) and changes rarely, so the count is kept per
 * database and month until a role changes (here, in another tab or by a sync).
 */
export function residentsIn(month: string, db: GuanjiaDexie = database()): Promise<number> {
  watchOccupancy();
  const key = `${db.name}|${month}`;
  let count = residentCounts.get(key);
  if (!count) {
    count = countResidents(month, db);
    residentCounts.set(key, count);
    count.catch(() => residentCounts.delete(key));
  }
  return count;
}

const residentCounts = new Map<string, Promise<number>>();
let watching = false;

function watchOccupancy() {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', (parts) => {
    if (Object.keys(parts).some((key) => /^idb:\/\/[^/]+\/occupancy\//.test(key)))
      residentCounts.clear();
  });
}

async function countResidents(month: string, db: GuanjiaDexie): Promise<number> {
  const first = `${month}-01`;
  const last = `${month}-31`;
  const people = new Set<string>();
  // One bulk read: a cursor (each) costs far more per row in IndexedDB.
  for (const o of await db.occupancy.toArray()) {
    if (o.deleted || o.role === 'companyContact') continue;
    if (String(o.from) > last) continue;
    if (o.to !== undefined && String(o.to) < first) continue;
    people.add(String(o.personId));
  }
  return people.size;
}

/** The month's statistics from the derived index: a range read, no fold (issue 6 §5). */
export async function monthlyStats(
  month: string,
  db: GuanjiaDexie = database()
): Promise<MonthlyStatistics> {
  const settings = await getSettings(db);
  const from = monthRange(shiftMonth(month, -11), settings.timeZone)[0];
  const [start, to] = monthRange(month, settings.timeZone);
  // The month's requests, plus only the complaints of the eleven months before (for the
  // 12-month complaint rate), each by an index range.
  const [rows, earlier, residents] = await Promise.all([
    indexRowsBetween(db, start, to),
    indexRowsBetween(db, from, start, { kind: 'complaint' }),
    residentsIn(month, db)
  ]);
  return monthlyStatistics({
    month,
    settings,
    residents,
    tickets: [...rows, ...earlier].map(statsTicket)
  });
}

/** The index rows of one month, for the export and the analysis. */
export async function ticketsOfMonth(
  month: string,
  db: GuanjiaDexie = database()
): Promise<TicketIndexRow[]> {
  const { timeZone } = await getSettings(db);
  const [from, to] = monthRange(month, timeZone);
  return indexRowsBetween(db, from, to);
}
