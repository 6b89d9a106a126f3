import { receiveHlc } from '$lib/domain/hlc';
import { SCHEMA_VERSION, applyRowOp, type OpChunk, type StoredRow } from '$lib/domain/ops';
import { tableNames, type TableName } from '$lib/domain/tables';
import { database, type GuanjiaDexie } from './database';
import { readSyncState } from './sync-state';

export interface ApplyResult {
  /** Ops newly stored (duplicates and already-held ops are not counted). */
  applied: number;
  /** Chunks that start after a gap in that device's sequence: the sender must resend from vv. */
  gaps: { device: string; expected: number; got: number }[];
}

const known = new Set<string>(tableNames);

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
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<ApplyResult> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const tables = tableNames.map((t) => db[t]);
  return db.transaction('rw', [...tables, db.oplog, db.meta, db.docInbox], async () => {
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

    // Fold in HLC order across devices so each row is read and written once.
    const pending = new Map<string, StoredRow | undefined>();
    const byTable = new Map<TableName, Set<string>>();
    for (const chunk of fresh)
      for (const op of chunk.ops) {
        if (op.k !== 'row') continue;
        if (!known.has(op.t)) {
          newerSchema = Math.max(newerSchema ?? 0, chunk.sv, SCHEMA_VERSION + 1);
          continue;
        }
        const ids = byTable.get(op.t as TableName) ?? new Set();
        ids.add(op.r);
        byTable.set(op.t as TableName, ids);
      }
    for (const [table, ids] of byTable) {
      const list = [...ids];
      const rows = await db[table].bulkGet(list);
      list.forEach((id, i) => pending.set(`${table}/${id}`, rows[i]));
    }
    const changed = new Map<string, StoredRow>();
    for (const chunk of fresh.sort((a, b) => (a.hlc < b.hlc ? -1 : 1)))
      for (const op of chunk.ops) {
        if (op.k !== 'row' || !known.has(op.t)) continue;
        const key = `${op.t}/${op.r}`;
        const next = applyRowOp(pending.get(key), op.r, op.f, chunk.hlc);
        if (next) {
          pending.set(key, next);
          changed.set(key, next);
        }
      }
    const puts = new Map<TableName, StoredRow[]>();
    for (const [key, row] of changed) {
      const table = key.slice(0, key.indexOf('/')) as TableName;
      const list = puts.get(table);
      if (list) list.push(row);
      else puts.set(table, [row]);
    }
    const docUpdates = fresh.flatMap((chunk) =>
      chunk.ops.flatMap((op) => (op.k === 'yjs' ? [{ doc: op.d, update: op.u }] : []))
    );
    await Promise.all([
      ...[...puts].map(([table, rows]) => db[table].bulkPut(rows)),
      docUpdates.length ? db.docInbox.bulkAdd(docUpdates) : undefined,
      db.oplog.bulkPut(fresh),
      db.meta.put({ ...state, hlc, vv, ...(newerSchema ? { newerSchemaSeen: newerSchema } : {}) })
    ]);
    return result;
  });
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
