import { write } from './write';
import { openDatabase, type GuanjiaDexie } from './database';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import { indexRowsById } from './ticket-index-store';

let n = 0;
/** A fresh, empty database for one unit test (fake-indexeddb in Node). */
export function testDatabase(): GuanjiaDexie {
  return openDatabase(`guanjia-test-${Date.now()}-${n++}`);
}

/** A saved record that names `photos` (a house health entry), as a form's save writes it. */
export async function saveEntryNaming(photos: string[], db: GuanjiaDexie): Promise<void> {
  await write(
    { staffId: 'F1', role: 'frontDesk' },
    [
      {
        op: 'create',
        table: 'houseHealthEntry',
        value: {
          unitId: 'U1',
          category: 'structure',
          date: '2026-01-05',
          description: '墙面裂缝修补',
          doneBy: '李师傅',
          photos
        }
      }
    ],
    { db }
  );
}

/** Every request's index row, by id (what a build from the tables must equal). */
export async function indexRowsOf(db: GuanjiaDexie): Promise<TicketIndexRow[]> {
  const buckets = await db.ticketBucket.toArray();
  return buckets.flatMap((b) => b.rows).sort((x, y) => (x.ticketId < y.ticketId ? -1 : 1));
}

/** One request's index row (undefined: not indexed). */
export const indexRowOf = async (
  db: GuanjiaDexie,
  id: string
): Promise<TicketIndexRow | undefined> => (await indexRowsById(db, [id]))[0];
