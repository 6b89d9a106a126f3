import type { Table } from 'dexie';
import { receiveHlc } from '$lib/domain/hlc';
import { SCHEMA_VERSION, applyRowOp, type OpChunk, type StoredRow } from '$lib/domain/ops';
import { tableNames, type TableName } from '$lib/domain/tables';
import { database, type DocInboxEntry, type GuanjiaDexie } from './database';
import type { RowPresence } from './row-presence';
import { readSyncState } from './sync-state';

export interface ApplyResult {
  /** Ops newly stored (duplicates and already-held ops are not counted). */
  applied: number;
  /** Chunks that start after a gap in that device's sequence: the sender must resend from vv. */
  gaps: { device: string; expected: number; got: number }[];
}

const known = new Set<string>(tableNames);
/** Rows per bulkPut in an apply (putInSlices). */
const PUT_SLICE = 1000;

/** Where an apply spends its time (the sync bench's breakdown): stage, ms, items. */
export type ApplyTimings = (stage: string, ms: number, count: number) => void;

export interface ApplyOptions {
  db?: GuanjiaDexie;
  now?: number;
  /** Rows known to exist (a catch-up): only those are read before the fold. */
  presence?: RowPresence;
  timings?: ApplyTimings;
}

/**
 * Apply chunks received from another device through the same fold as local writes
 * (field-level last-writer-wins by HLC), in one transaction. Idempotent and safe in any
 * order: an op already held is skipped, an op older than a field's value changes nothing,
 * and a chunk after a gap is refused (reported) until the missing ops arrive. Ops of a
 * newer schema or an unknown table are kept in the op log (so they are passed on and
 * applied after an app update) and flagged so the UI can say "请更新应用".
 */
export async function applyRemoteChunks(
  chunks: OpChunk[],
  options: ApplyOptions = {}
): Promise<ApplyResult> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const { presence, timings } = options;
  let mark = performance.now();
  const lap = (stage: string, count: number): void => {
    if (!timings) return;
    const at = performance.now();
    timings(stage, at - mark, count);
    mark = at;
  };

  // The transaction covers only the tables these chunks write, so that the screens'
  // reads of other tables are not held up behind a long catch-up.
  const touched = new Set<TableName>();
  let hasDocs = false;
  for (const chunk of chunks)
    for (const op of chunk.ops) {
      if (op.k === 'yjs') hasDocs = true;
      else if (known.has(op.t)) touched.add(op.t as TableName);
    }
  const scope = [...touched].map((t) => db[t]);
  const written = new Map<TableName, string[]>();
  const result = await db.transaction(
    'rw',
    [...scope, db.oplog, db.meta, ...(hasDocs ? [db.docInbox] : [])],
    async () => {
      lap('apply.wait', chunks.length);
      const state = await readSyncState(db);
      const vv = { ...state.vv };
      let hlc = state.hlc;
      let newerSchema = state.newerSchemaSeen;
      const result: ApplyResult = { applied: 0, gaps: [] };
      const fresh: OpChunk[] = [];

      // Per device in sequence order, so a batch may arrive shuffled.
      const ordered = [...chunks].sort((a, b) =>
        a.device === b.device ? a.first - b.first : a.device < b.device ? -1 : 1
      );
      for (const chunk of ordered) {
        const held = vv[chunk.device] ?? 0;
        if (chunk.last <= held) continue; // already held: idempotent
        if (chunk.first > held + 1) {
          result.gaps.push({ device: chunk.device, expected: held + 1, got: chunk.first });
          continue;
        }
        // Keep only the ops not yet held (a resent chunk may overlap what we have).
        const tail =
          chunk.first <= held
            ? { ...chunk, first: held + 1, ops: chunk.ops.slice(held + 1 - chunk.first) }
            : chunk;
        fresh.push(tail);
        vv[chunk.device] = tail.last;
        result.applied += tail.ops.length;
        hlc = receiveHlc(hlc, tail.hlc, now, state.device);
        if (tail.sv > SCHEMA_VERSION) newerSchema = Math.max(newerSchema ?? 0, tail.sv);
      }
      if (!fresh.length) return result;

      // Fold in HLC order across devices, each row read (if it can exist) and written once.
      fresh.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
      const rows = new Map<TableName, Map<string, StoredRow | undefined>>();
      const docUpdates: DocInboxEntry[] = [];
      for (const chunk of fresh)
        for (const op of chunk.ops) {
          if (op.k === 'yjs') {
            docUpdates.push({ doc: op.d, update: op.u });
            continue;
          }
          if (!known.has(op.t)) {
            newerSchema = Math.max(newerSchema ?? 0, chunk.sv, SCHEMA_VERSION + 1);
            continue;
          }
          let table = rows.get(op.t as TableName);
          if (!table) rows.set(op.t as TableName, (table = new Map()));
          table.set(op.r, undefined);
        }
      lap('apply.prepare', fresh.length);
      let reads = 0;
      for (const [table, byId] of rows) {
        const ids = [...byId.keys()];
        const maybe = (presence && (await presence.existing(db, table, ids))) ?? ids;
        if (!maybe.length) continue;
        const stored = await db[table].bulkGet(maybe);
        reads += maybe.length;
        maybe.forEach((id, i) => byId.set(id, stored[i]));
      }
      lap('apply.read', reads);

      const changed = new Map<TableName, Set<string>>();
      for (const chunk of fresh)
        for (const op of chunk.ops) {
          if (op.k !== 'row') continue;
          const table = rows.get(op.t as TableName);
          if (!table) continue;
          const next = applyRowOp(table.get(op.r), op.r, op.f, chunk.hlc);
          if (!next) continue;
          table.set(op.r, next);
          let ids = changed.get(op.t as TableName);
          if (!ids) changed.set(op.t as TableName, (ids = new Set()));
          ids.add(op.r);
        }
      lap('apply.fold', fresh.length);
      for (const [table, ids] of changed) {
        const byId = rows.get(table);
        const list = [...ids];
        await putInSlices(
          db[table],
          list.map((id) => byId?.get(id) as StoredRow)
        );
        written.set(table, list);
        lap(`apply.put.${table}`, list.length);
      }
      if (docUpdates.length) await db.docInbox.bulkAdd(docUpdates);
      await db.oplog.bulkPut(fresh);
      lap('apply.oplog', fresh.length);
      await db.meta.put({
        ...state,
        hlc,
        vv,
        ...(newerSchema ? { newerSchemaSeen: newerSchema } : {})
      });
      return result;
    }
  );
  lap('apply.commit', result.applied);
  if (presence) for (const [table, ids] of written) presence.committed(table, ids);
  return result;
}

/**
 * bulkPut a slice at a time with the next one already queued: IndexedDB keeps working while
 * the page gets a turn between slices (a tap, a frame of the progress bar). One bulkPut of
 * 20,000 rows would hold the main thread for a second or more: IndexedDB's cost is per
 * record, and much of it is spent on this thread.
 */
async function putInSlices(table: Table<StoredRow, string>, rows: StoredRow[]): Promise<void> {
  let previous: Promise<unknown> | undefined;
  for (let i = 0; i < rows.length; i += PUT_SLICE) {
    const put = table.bulkPut(rows.slice(i, i + PUT_SLICE));
    put.catch(() => undefined); // awaited below; any failure aborts the whole transaction
    if (previous) await previous;
    previous = put;
  }
  await previous;
}

/** The chunks a peer is missing, given its version vector (what sync sends). */
export async function chunksSince(
  theirs: Record<string, number>,
  options: { db?: GuanjiaDexie; limit?: number } = {}
): Promise<OpChunk[]> {
  const db = options.db ?? database();
  const state = await db.meta.get('sync');
  const out: OpChunk[] = [];
  for (const [device, mine] of Object.entries(state?.vv ?? {})) {
    const from = theirs[device] ?? 0;
    if (mine <= from) continue;
    const range = db.oplog
      .where('[device+last]')
      .between([device, from + 1], [device, Infinity], true, true);
    const chunks = await (options.limit ? range.limit(options.limit) : range).toArray();
    for (const c of chunks)
      out.push(
        c.first <= from ? { ...c, first: from + 1, ops: c.ops.slice(from + 1 - c.first) } : c
      );
  }
  return out;
}
