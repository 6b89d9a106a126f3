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
 * path. Units come first, so a batch never holds a role whose unit is not yet written.
 */
export async function applyImport(
  actor: Actor,
  changes: PlannedChange[],
  options: { db?: GuanjiaDexie; onProgress?: (done: number, total: number) => void } = {}
): Promise<number> {
  const db = options.db ?? database();
  const order = { unit: 0, person: 1, occupancy: 2 } as Record<string, number>;
  const sorted = [...changes].sort((a, b) => (order[a.table] ?? 3) - (order[b.table] ?? 3));
  for (let i = 0; i < sorted.length; i += BATCH) {
    await write(actor, sorted.slice(i, i + BATCH) as Change[], { db });
    options.onProgress?.(Math.min(i + BATCH, sorted.length), sorted.length);
  }
  return sorted.length;
}
