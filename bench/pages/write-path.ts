// Bench page: the write path (src/lib/db/write.ts) creating n unit rows in one call: role check, zod
// validation, rows and op log in one transaction. The page also carries the raw baseline, so both
// run against the same database in the same page.
import { write, type Actor, type Change } from '$lib/db/write';
import { newId } from '$lib/db/ids';
import { freshDatabase, settle, timeBulkPut } from './lib/bulk-put';
import { unitFields } from './lib/unit-rows';

const actor: Actor = { staffId: newId(), role: 'manager' };

/** Ms for write() to store n new units (change generation excluded). */
export async function timeWrite(n: number): Promise<number> {
  const db = await freshDatabase();
  const changes: Change[] = unitFields(n).map((value) => ({ op: 'create', table: 'unit', value }));
  await settle();
  const start = performance.now();
  await write(actor, changes, { db });
  const ms = performance.now() - start;
  if ((await db.unit.count()) !== n) throw new Error('write stored the wrong number of rows');
  db.close();
  return ms;
}

window.guanjiaBench = { bulkPut: timeBulkPut, write: timeWrite };
