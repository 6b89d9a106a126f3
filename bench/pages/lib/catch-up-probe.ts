// Where a new device's catch-up spends its time (bench group `sync`): the engine's and the
// apply's own timers, the batches as they came off the relay (replayed after the catch-up to
// split "open" into decrypt / read / verify), the desk's live queries woken
// while the rows arrive, and the floor: raw Dexie bulkPut of the same final rows.
import { Dexie, liveQuery } from 'dexie';
import { openDatabase, type GuanjiaDexie } from '$lib/db/database';
import { deskSummary } from '$lib/db/queries/desk';
import { getOffice, listStaff } from '$lib/db/queries/office';
import type { OpChunk, StoredRow } from '$lib/domain/ops';
import { tableNames, type TableName } from '$lib/domain/tables';
import { decryptBatch, verifyBatchSignatureAsync, type BatchMeta } from '$lib/sync/crypto';
import type { SyncEngine } from '$lib/sync/engine';
import { keyring, type OfficeKeys } from '$lib/sync/office-keys';
import { readPlaintext, type SealedBatch } from '$lib/sync/seal';
import { signerKeys } from '$lib/sync/signers';

export interface Stage {
  ms: number;
  /** Items the stage handled (rows, ops, batches: see the stage's name). */
  count: number;
  calls: number;
}

/** What `syncBench.catchUp` reports to the group (bench/lib/catch-up-figures.ts). */
export interface CatchUp {
  ms: number;
  rowOps: number;
  /** DESIGN.md's field-level ops (each field a row op sets). */
  fieldOps: number;
  rows: number;
  /** Connect → last batch handed to the engine, and the sealed bytes received. */
  downloadMs: number;
  downloadBytes: number;
  stages: Record<string, Stage>;
  /** Opening the same batches again, step by step (after the catch-up, not overlapped). */
  open: Record<string, number>;
  /** The desk's live queries during the catch-up. */
  desk: { wakeUps: number; ms: number };
  /** Main-thread tasks over 50 ms during the catch-up: how long a tap could wait. */
  longTasks: { count: number; ms: number; maxMs: number };
  raw: { rows: number; ms: number; byTable: Record<string, number> };
}

/** Sums of the engine's and the apply's timers, by stage. */
export class Stages {
  readonly byName = new Map<string, Stage>();
  add = (stage: string, ms: number, count: number): void => {
    const s = this.byName.get(stage) ?? { ms: 0, count: 0, calls: 0 };
    s.ms += ms;
    s.count += count;
    s.calls++;
    this.byName.set(stage, s);
  };
  json(): Record<string, Stage> {
    const out: Record<string, Stage> = {};
    for (const [name, s] of this.byName)
      out[name] = { ms: Math.round(s.ms), count: s.count, calls: s.calls };
    return out;
  }
}

/** Keeps every batch handed to the engine, and when the last one came (download done). */
export function captureReceived(engine: SyncEngine): {
  batches: SealedBatch[];
  lastAt: () => number;
  bytes: () => number;
} {
  const batches: SealedBatch[] = [];
  let lastAt = 0;
  let bytes = 0;
  const receive = engine.receive.bind(engine);
  engine.receive = (list, from, options) => {
    batches.push(...list);
    lastAt = performance.now();
    for (const b of list) bytes += b.body.length;
    return receive(list, from, options);
  };
  return { batches, lastAt: () => lastAt, bytes: () => bytes };
}

/** The steps of opening a sealed batch (seal.ts openSealed), timed one by one. */
export async function openStages(
  keys: OfficeKeys,
  batches: readonly SealedBatch[]
): Promise<Record<string, number>> {
  const ring = keyring(keys);
  // read: inflate, JSON and validation of the content (seal.ts readPlaintext).
  const ms = { decrypt: 0, read: 0, verify: 0 };
  let t = performance.now();
  const lap = (stage: keyof typeof ms): void => {
    const at = performance.now();
    ms[stage] += at - t;
    t = at;
  };
  for (const batch of batches) {
    const { sig, signer, ...wire } = batch.meta;
    const meta: BatchMeta = { office: keys.office, ...wire };
    t = performance.now();
    const plain = await decryptBatch(ring, meta, batch.body);
    lap('decrypt');
    await readPlaintext(plain, meta);
    lap('read');
    const [key] = signerKeys(keys.office, signer ?? meta.device);
    if (key) await verifyBatchSignatureAsync(meta, batch.body, sig, key);
    lap('verify');
  }
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)]));
}

/**
 * What the desk keeps open while a tablet catches up (the staff layout's office record,
 * the sign-in list, the start page's counts): how often they re-ran and for how long.
 */
export function watchDesk(db: GuanjiaDexie): { stop(): { wakeUps: number; ms: number } } {
  let wakeUps = 0;
  let ms = 0;
  const timed =
    <T>(query: () => Promise<T>) =>
    async (): Promise<T> => {
      const t = performance.now();
      try {
        return await query();
      } finally {
        ms += performance.now() - t;
      }
    };
  const queries: (() => Promise<unknown>)[] = [
    () => getOffice(db),
    () => listStaff(db, { activeOnly: true }),
    () => deskSummary(db)
  ];
  const subscriptions = queries.map((query) =>
    liveQuery(timed(query)).subscribe({
      next: () => void wakeUps++,
      error: () => undefined
    })
  );
  return {
    stop() {
      for (const s of subscriptions) s.unsubscribe();
      return { wakeUps, ms: Math.round(ms) };
    }
  };
}

/** Long tasks (over 50 ms) on this page's main thread until `stop`. */
export function watchLongTasks(): { stop(): { count: number; ms: number; maxMs: number } } {
  const seen = { count: 0, ms: 0, maxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.count++;
      seen.ms += entry.duration;
      seen.maxMs = Math.max(seen.maxMs, entry.duration);
    }
  });
  observer.observe({ type: 'longtask' });
  return {
    stop() {
      observer.disconnect();
      return { count: seen.count, ms: Math.round(seen.ms), maxMs: Math.round(seen.maxMs) };
    }
  };
}

/** DESIGN.md's unit: one op per field set (the row id is the key, not a field). */
export function countOps(chunks: readonly OpChunk[]): { rowOps: number; fieldOps: number } {
  let rowOps = 0;
  let fieldOps = 0;
  for (const chunk of chunks)
    for (const op of chunk.ops) {
      if (op.k !== 'row') {
        fieldOps++;
        continue;
      }
      rowOps++;
      for (const field in op.f) if (field !== 'id') fieldOps++;
    }
  return { rowOps, fieldOps };
}

/** The rows `db` now holds, by table, in the order the catch-up put them (op-log order). */
async function finalRows(db: GuanjiaDexie): Promise<Map<TableName, StoredRow[]>> {
  const rows = new Map<TableName, StoredRow[]>();
  for (const table of tableNames) {
    const list = await db[table].toArray();
    if (list.length) rows.set(table, list);
  }
  return rows;
}

/**
 * The floor: a fresh database of the app's schema, the same final rows bulkPut into the
 * same tables (their indexes included), `perTransaction` rows per bulkPut.
 */
export async function rawBulkPut(
  from: GuanjiaDexie,
  perTransaction: number
): Promise<{ rows: number; ms: number; byTable: Record<string, number> }> {
  const rows = await finalRows(from);
  const name = `${from.name}-raw`;
  await Dexie.delete(name);
  const raw = openDatabase(name);
  await raw.open();
  await new Promise((r) => setTimeout(r, 500)); // let the delete's cleanup settle
  let count = 0;
  const byTable: Record<string, number> = {};
  const start = performance.now();
  for (const [table, list] of rows) {
    const t = performance.now();
    for (let i = 0; i < list.length; i += perTransaction)
      await raw[table].bulkPut(list.slice(i, i + perTransaction));
    byTable[table] = Math.round(performance.now() - t);
    count += list.length;
  }
  const ms = performance.now() - start;
  raw.close();
  await Dexie.delete(name);
  return { rows: count, ms, byTable };
}
