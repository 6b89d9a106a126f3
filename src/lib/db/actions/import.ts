import type { PlannedChange } from '$lib/domain/import/plan';
import { database, type GuanjiaDexie } from '../database';
import { write, type Actor, type Change } from '../write';

/**
 * Changes per write() call: one IndexedDB transaction each. Large enough that 5,000 rows
 * (units, people, roles: ~15,000 changes) take a handful of transactions (IndexedDB's
 * cost is per transaction, STYLE.md), small enough that the screen can show progress.
 */
const BATCH = 5_000;

/**
 * Write a checked import plan ("import the good rows", issue 5 §6) through the one write
 * path. Buildings, then units come first, so a batch never holds a unit whose building, or
 * a role whose unit, is not yet written.
 */
export async function applyImport(
  actor: Actor,
  changes: PlannedChange[],
  options: { db?: GuanjiaDexie; onProgress?: (done: number, total: number) => void } = {}
): Promise<number> {
  const db = options.db ?? database();
  const order = { building: 0, unit: 1, person: 2, occupancy: 3 } as Record<string, number>;
  const sorted = [...changes].sort((a, b) => (order[a.table] ?? 4) - (order[b.table] ?? 4));
  for (let i = 0; i < sorted.length; i += BATCH) {
    await write(actor, sorted.slice(i, i + BATCH) as Change[], { db });
    options.onProgress?.(Math.min(i + BATCH, sorted.length), sorted.length);
  }
  return sorted.length;
}
