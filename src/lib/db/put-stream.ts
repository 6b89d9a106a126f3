import type { Table } from 'dexie';
import type { StoredRow } from '$lib/oplog/format';

/** Rows per bulkPut. */
const PUT_SLICE = 1000;

/**
 * A commit's row puts as one stream, in slices, at most two in flight across tables: while
 * IndexedDB writes one slice the next is being serialized, and it never waits at a table's
 * end for the next table's first slice (a catch-up puts ten tables per transaction). `done`
 * waits for the rest; meanwhile the caller may fold derived data, whose requests queue
 * behind the puts in the same transaction. A failed put aborts the whole transaction.
 */
export class PutStream {
  private readonly inFlight: Promise<unknown>[] = [];

  async put(table: Table<StoredRow, string>, rows: readonly StoredRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += PUT_SLICE) {
      const put = table.bulkPut(rows.slice(i, i + PUT_SLICE));
      put.catch(() => undefined); // awaited below or in done()
      this.inFlight.push(put);
      if (this.inFlight.length > 1) await this.inFlight.shift();
    }
  }

  async done(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
  }
}

/** Put rows in slices (two in flight) and wait for them. */
export async function putInSlices(
  table: Table<StoredRow, string>,
  rows: readonly StoredRow[]
): Promise<void> {
  const stream = new PutStream();
  await stream.put(table, rows);
  await stream.done();
}
