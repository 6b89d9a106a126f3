// The baseline: raw Dexie bulkPut of n unit rows, shaped as the write path stores them (record fields,
// id, times, soft-delete flag and one HLC), into the app's own `unit` table of the app's database.
import { openDatabase, type GuanjiaDexie } from '$lib/db/database';
import { newDeviceId, newId } from '$lib/db/ids';
import { encodeHlc } from '$lib/domain/hlc';
import type { StoredRow } from '$lib/domain/ops';
import { unitFields } from './unit-rows';

export const benchDbName = 'guanjia-bench';

/** A fresh, empty database under the bench's name. */
export async function freshDatabase(): Promise<GuanjiaDexie> {
  await openDatabase(benchDbName).delete();
  const db = openDatabase(benchDbName);
  await db.open();
  return db;
}

/**
 * Let IndexedDB finish cleaning up the deleted database before the clock starts: that work
 * otherwise lands on whichever side is measured first.
 */
export function settle(ms = 500): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Ms to bulkPut n rows into `unit` (row generation excluded). */
export async function timeBulkPut(n: number): Promise<number> {
  const db = await freshDatabase();
  const now = Date.now();
  // One write, one clock: the write path stamps every row of a write with the same HLC.
  const hlc = encodeHlc({ wall: now, counter: 0, device: newDeviceId() });
  const rows: StoredRow[] = unitFields(n).map((fields) => ({
    ...fields,
    id: newId(now),
    createdAt: now,
    updatedAt: now,
    deleted: false,
    _c: hlc
  }));
  await settle();
  const start = performance.now();
  await db.unit.bulkPut(rows);
  const ms = performance.now() - start;
  if ((await db.unit.count()) !== n) throw new Error('bulkPut stored the wrong number of rows');
  db.close();
  return ms;
}

declare global {
  interface Window {
    /** What a bench page exposes to `page.evaluate`: each call returns the ms it measured. */
    guanjiaBench?: { bulkPut(n: number): Promise<number>; write?(n: number): Promise<number> };
  }
}
