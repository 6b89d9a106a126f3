import type { RegisterEntry } from '$lib/domain/records/register-entry';
import { withoutClocks, type RowConflict } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from '../database';

/** Register rows dated from..to (inclusive), newest first. */
export async function listRegisterEntries(
  from: string,
  to: string,
  db: GuanjiaDexie = database()
): Promise<(RegisterEntry & { conflicts?: RowConflict[] })[]> {
  const rows = await db.registerEntry.where('date').between(from, to, true, true).toArray();
  return (
    rows
      // `conflicts`: the rules two devices' merged edits break (issue 12), shown on the list.
      .map((r) => ({ ...(withoutClocks(r) as unknown as RegisterEntry), conflicts: r._x }))
      .filter((r) => !r.deleted)
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.createdAt - a.createdAt))
  );
}
