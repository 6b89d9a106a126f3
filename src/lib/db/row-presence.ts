import type { TableName } from '$lib/domain/tables';
import type { GuanjiaDexie } from './database';

/** Below this many rows of a table in one apply, reading them is cheaper than checking. */
const MIN_ROWS = 256;
/** Learn a table's keys when it holds at most this many per row to check (one request). */
const LEARN_PER_ROW = 10;

/**
 * Which rows of each table this device holds, kept by the sync engine during a catch-up
 * so that a large apply reads only the rows that exist: IndexedDB charges a read about as
 * much as a write, and a new device holds none of the rows it is being sent.
 *
 * Sound because rows are never physically deleted (DESIGN.md: soft-delete only), so a
 * table's keys only grow: the set is always a subset of them, and equal to them when the
 * table's count equals the set's size. Every apply checks that inside its own transaction;
 * when anything else added rows (a local write, another tab), the counts differ and the
 * keys are learnt again. The set grows only after a commit, never for a rolled-back apply.
 */
export class RowPresence {
  private readonly held = new Map<TableName, Set<string>>();

  /**
   * Inside the apply's transaction: the ids among `ids` that may exist in `table`, or
   * undefined when not known (then read them all).
   */
  async existing(
    db: GuanjiaDexie,
    table: TableName,
    ids: readonly string[]
  ): Promise<string[] | undefined> {
    if (ids.length < MIN_ROWS) return undefined;
    const count = await db[table].count();
    let held = this.held.get(table);
    if (!held || held.size !== count) {
      if (count === 0) held = new Set();
      else if (count <= LEARN_PER_ROW * ids.length)
        held = new Set((await db[table].toCollection().primaryKeys()) as string[]);
      else {
        this.held.delete(table);
        return undefined;
      }
      this.held.set(table, held);
    }
    const known = held;
    return ids.filter((id) => known.has(id));
  }

  /** After the apply committed: these rows exist now. */
  committed(table: TableName, ids: Iterable<string>): void {
    const held = this.held.get(table);
    if (held) for (const id of ids) held.add(id);
  }
}
