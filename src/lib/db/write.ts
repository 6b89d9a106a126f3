import type { z } from 'zod';
import { tickHlc, type Hlc } from '$lib/domain/hlc';
import {
  SCHEMA_VERSION,
  applyRowOp,
  withoutClocks,
  type Op,
  type RowOp,
  type YjsOp,
  type StoredRow
} from '$lib/domain/ops';
import { permits } from '$lib/domain/permissions';
import type { Role, WriteAction } from '$lib/domain/roles';
import { tableSchemas, type NewRow, type RowPatch, type TableName } from '$lib/domain/tables';
import { database, type GuanjiaDexie } from './database';
import { newId } from './ids';
import { readSyncState } from './sync-state';
import { WriteError, type WriteIssue } from './write-error';

/** Who makes a change: every op carries the staff id (the op log is the audit trail). */
export interface Actor {
  staffId: string;
  role: Role;
}

export type Change<T extends TableName = TableName> = {
  [K in T]:
    | { op: 'create'; table: K; value: NewRow<K> }
    | { op: 'update'; table: K; id: string; patch: RowPatch<K> }
    | { op: 'delete'; table: K; id: string };
}[T];

export interface WriteOptions {
  db?: GuanjiaDexie;
  /** Wall clock, for tests; the domain never reads the clock itself. */
  now?: number;
}

const actionOf = { create: 'create', update: 'update', delete: 'delete' } as const satisfies Record<
  Change['op'],
  WriteAction
>;

function issuesOf(change: number, error: z.ZodError): WriteIssue[] {
  return error.issues.map((i) => ({
    change,
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
    code: i.code
  }));
}

/**
 * The one write path (foundation issue §4): checks the actor's role against the permission
 * table (lib/domain/permissions.ts: a timeline step by its type), validates every
 * change with its domain schema, writes the rows and appends the ops to the op log in a
 * single IndexedDB transaction — all of it or nothing. Deletes are soft (`deleted: true`).
 * Returns the ids of the changed rows, in the order of `changes`.
 */
export async function write(
  actor: Actor,
  changes: Change[],
  options: WriteOptions = {}
): Promise<string[]> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();

  const forbidden = changes.flatMap((c, i) =>
    permits(actor.role, {
      table: c.table,
      op: actionOf[c.op],
      fields: c.op === 'create' ? c.value : c.op === 'update' ? c.patch : undefined
    })
      ? []
      : [{ change: i, path: [], message: 'write.forbidden', code: 'forbidden' }]
  );
  if (forbidden.length) throw new WriteError('forbidden', forbidden);

  // Creates are validated before the transaction opens: CPU work would hold it open.
  const ids = changes.map((c) => (c.op === 'create' ? (c.value.id ?? newId(now)) : c.id));
  const created = new Map<number, Record<string, unknown>>();
  const invalid: WriteIssue[] = [];
  changes.forEach((c, i) => {
    if (c.op !== 'create') return;
    const row = {
      ...c.value,
      id: ids[i],
      createdAt: now,
      updatedAt: now,
      deleted: false
    };
    const parsed = tableSchemas[c.table].safeParse(row);
    if (parsed.success) created.set(i, parsed.data as Record<string, unknown>);
    else invalid.push(...issuesOf(i, parsed.error));
  });
  if (invalid.length) throw new WriteError('invalid', invalid);

  const tables = [...new Set(changes.map((c) => c.table))].map((t) => db[t]);
  return db.transaction('rw', [...tables, db.oplog, db.meta], async () => {
    const existing = await readExisting(db, changes);
    // One op per row: a write that touches a row twice merges into one op, because all
    // ops of a write share one HLC and LWW would otherwise drop the second.
    const ops = new Map<string, RowOp>();
    const problems: WriteIssue[] = [];
    changes.forEach((c, i) => {
      const fields = created.get(i);
      if (c.op === 'create') {
        if (!fields) return; // unreachable: every create was validated above
        ops.set(`${c.table}/${ids[i]}`, {
          k: 'row',
          t: c.table,
          r: ids[i],
          f: fields
        });
        return;
      }
      const key = `${c.table}/${c.id}`;
      const stored = existing.get(key);
      const pending = ops.get(key);
      if (!stored && !pending) {
        problems.push({ change: i, path: [], message: 'write.notFound', code: 'notFound' });
        return;
      }
      const patch: Record<string, unknown> =
        c.op === 'delete' ? { deleted: true, updatedAt: now } : { ...c.patch, updatedAt: now };
      delete patch.id;
      delete patch.createdAt;
      // The whole record must stay valid, but only the fields that changed become ops:
      // fields this version of the app does not know (from a newer one) are kept as they are.
      const before = { ...(stored ? withoutClocks(stored) : {}), ...pending?.f };
      const parsed = tableSchemas[c.table].safeParse({ ...before, ...patch });
      if (!parsed.success) problems.push(...issuesOf(i, parsed.error));
      else ops.set(key, { k: 'row', t: c.table, r: c.id, f: { ...pending?.f, ...patch } });
    });
    if (problems.length) {
      const notFound = problems.every((p) => p.code === 'notFound');
      throw new WriteError(notFound ? 'notFound' : 'invalid', problems);
    }

    const { hlc } = await appendChunk(db, actor, [...ops.values()], now);
    const rowsByTable = new Map<TableName, StoredRow[]>();
    for (const [key, op] of ops) {
      const next = applyRowOp(existing.get(key), op.r, op.f, hlc);
      if (!next) continue;
      const list = rowsByTable.get(op.t as TableName) ?? [];
      list.push(next);
      rowsByTable.set(op.t as TableName, list);
    }
    await Promise.all([...rowsByTable].map(([table, rows]) => db[table].bulkPut(rows)));
    return ids;
  });
}

/**
 * Append ops to the op log as one chunk with the next HLC and sequence numbers. Call inside
 * a read-write transaction over `oplog` and `meta`.
 */
async function appendChunk(
  db: GuanjiaDexie,
  actor: Actor,
  ops: Op[],
  now: number
): Promise<{ hlc: Hlc }> {
  const state = await readSyncState(db);
  const hlc = tickHlc(state.hlc, now, state.device);
  const first = (state.vv[state.device] ?? 0) + 1;
  const last = first + ops.length - 1;
  await Promise.all([
    db.oplog.add({
      device: state.device,
      first,
      last,
      hlc,
      actor: actor.staffId,
      sv: SCHEMA_VERSION,
      ops
    }),
    db.meta.put({ ...state, hlc, vv: { ...state.vv, [state.device]: last } })
  ]);
  return { hlc };
}

/**
 * Record updates of a collaborative document (a Yjs doc, e.g. a shift's handover log) in the
 * op log, so they travel with the records. The doc belongs to a record (`table`, `id`): who
 * may update that record may edit its text. Yjs updates commute, so no clock decides them.
 */
export async function writeDocUpdates(
  actor: Actor,
  doc: { table: TableName; id: string },
  updates: Uint8Array[],
  options: WriteOptions = {}
): Promise<void> {
  if (!updates.length) return;
  if (!permits(actor.role, { table: doc.table, op: 'update' }))
    throw new WriteError('forbidden', [
      { change: 0, path: [], message: 'write.forbidden', code: 'forbidden' }
    ]);
  const db = options.db ?? database();
  const ops: YjsOp[] = updates.map((u) => ({ k: 'yjs', d: `${doc.table}/${doc.id}`, u }));
  await db.transaction('rw', [db.oplog, db.meta], () =>
    appendChunk(db, actor, ops, options.now ?? Date.now())
  );
}

/** The current rows that updates and deletes build on, keyed `table/id`. */
async function readExisting(db: GuanjiaDexie, changes: Change[]): Promise<Map<string, StoredRow>> {
  const wanted = new Map<TableName, string[]>();
  for (const c of changes) {
    // A create with a given id (an import, the demo office) may meet a row that exists:
    // it then updates that row instead of replacing it and its other fields' clocks.
    const id = c.op === 'create' ? c.value.id : c.id;
    if (!id) continue;
    const list = wanted.get(c.table);
    if (list) list.push(id);
    else wanted.set(c.table, [id]);
  }
  const found = new Map<string, StoredRow>();
  for (const [table, ids] of wanted) {
    const rows = await db[table].bulkGet(ids);
    rows.forEach((row, i) => {
      if (row && !row.deleted) found.set(`${table}/${ids[i]}`, row);
    });
  }
  return found;
}
