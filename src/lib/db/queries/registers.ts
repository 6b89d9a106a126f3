import type { RegisterEntry } from '$lib/domain/records/register-entry';
import { withoutClocks } from '$lib/domain/ops';
import { database, type GuanjiaDexie } from '../database';

/** Register rows dated from..to (inclusive), newest first. */
export async function listRegisterEntries(
  from: string,
  to: string,
  db: GuanjiaDexie = database()
): Promise<RegisterEntry[]> {
  const rows = await db.registerEntry.where('date').between(from, to, true, true).toArray();
  return rows
    .map((r) => withoutClocks(r) as unknown as RegisterEntry)
    .filter((r) => !r.deleted)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.createdAt - a.createdAt));
}
