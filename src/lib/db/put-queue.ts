import type { Table } from 'dexie';
import type { StoredRow } from '$lib/oplog/format';

/** Rows per bulkPut. */
const PUT_SLICE = 1000;

/**
 * The bulkPuts of one transaction, a slice at a time, with at most `depth` slices waiting in
 * IndexedDB: it keeps working on them while this thread gets a turn (a tap, a frame of the
 * progress bar) or folds the next rows. One bulkPut of 20,000 rows would hold the main
 * thread for a second or more: IndexedDB's cost is per record, and much of it is spent on
 * this thread (the clone and the index keys of each record).
 */
export class PutQueue {
  readonly #waiting: Promise<unknown>[] = [];
  constructor(private readonly depth = 1) {}

  async put(table: Table<StoredRow, string>, rows: readonly StoredRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += PUT_SLICE) {
      const put = table.bulkPut(rows.slice(i, i + PUT_SLICE));
      put.catch(() => undefined); // awaited below; any failure aborts the whole transaction
      this.#waiting.push(put);
      if (this.#waiting.length > this.depth) await this.#waiting.shift();
    }
  }

  /** Every put done (a failed one rejects). */
  async drain(): Promise<void> {
    while (this.#waiting.length) await this.#waiting.shift();
  }
}

/** bulkPut `rows` a slice at a time, the next one already queued (PutQueue). */
export async function putInSlices(
  table: Table<StoredRow, string>,
  rows: readonly StoredRow[]
): Promise<void> {
  const queue = new PutQueue();
  await queue.put(table, rows);
  await queue.drain();
}
