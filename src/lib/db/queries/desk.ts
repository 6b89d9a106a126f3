import { database, type GuanjiaDexie } from '../database';

export interface DeskSummary {
  communities: number;
  staff: number;
  units: number;
  residents: number;
  tickets: number;
}

/** What the start page counts. Soft-deleted rows are rare, so counting whole tables uses the
 *  primary key alone and stays fast with 200,000 request events in the database. */
export async function deskSummary(db: GuanjiaDexie = database()): Promise<DeskSummary> {
  const [communities, staff, units, residents, tickets] = await Promise.all([
    db.community.filter((r) => !r.deleted).count(),
    db.staff.filter((r) => !r.deleted && r.active !== false).count(),
    db.unit.count(),
    db.person.count(),
    db.ticket.count()
  ]);
  return { communities, staff, units, residents, tickets };
}
