import type { z } from 'zod';
import { tickHlc } from '$lib/oplog/hlc';
import {
  SCHEMA_VERSION,
  withoutClocks,
  type Op,
  type OpChunk,
  type RowOp,
  type YjsOp,
  type StoredRow
} from '$lib/oplog/format';
import type { RowsByTable } from '$lib/oplog/fold';
import { permits } from '$lib/domain/permissions';
import type { Role, WriteAction } from '$lib/domain/roles';
import { tableSchemas, type NewRow, type RowPatch, type TableName } from '$lib/domain/tables';
import { commitChunks, commitScope } from './commit';
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

function issuesOf(change: number, issues: z.ZodError | readonly z.core.$ZodIssue[]): WriteIssue[] {
  return ('issues' in issues ? issues.issues : issues).map((i) => ({
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

  const tables = new Set(changes.map((c) => c.table));
  return db.transaction('rw', commitScope(db, tables, 'local'), async () => {
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
      if ((!stored || stored.deleted) && !pending) {
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
      // A rule the row already broke (two devices' edits merged: "两台设备的修改冲突") does
      // not block an edit that leaves it as it was; only what this edit breaks is refused.
      const broken = parsed.success ? [] : newIssues(c.table, before, parsed.error);
      if (broken.length) problems.push(...issuesOf(i, broken));
      else ops.set(key, { k: 'row', t: c.table, r: c.id, f: { ...pending?.f, ...patch } });
    });
    if (problems.length) {
      const notFound = problems.every((p) => p.code === 'notFound');
      throw new WriteError(notFound ? 'notFound' : 'invalid', problems);
    }
    await commitLocal(db, actor, [...ops.values()], now, existing);
    return ids;
  });
}

/** The issues of `error` that the row `before` the edit did not have already. */
function newIssues(table: TableName, before: Record<string, unknown>, error: z.ZodError) {
  const had = tableSchemas[table].safeParse(before);
  if (had.success) return error.issues;
  const key = (i: z.core.$ZodIssue) => `${i.path.map(String).join('.')}|${i.message}`;
  const old = new Set(had.error.issues.map(key));
  return error.issues.filter((i) => !old.has(key(i)));
}

/**
 * Append ops to the op log as one chunk with the next HLC and sequence numbers, and fold
 * it into the rows through the commit road (commit.ts), as a received chunk would be.
 * Call inside a read-write transaction over `commitScope(...)`.
 */
async function commitLocal(
  db: GuanjiaDexie,
  actor: Actor,
  ops: Op[],
  now: number,
  existing?: Map<string, StoredRow>
): Promise<void> {
  const state = await readSyncState(db);
  const hlc = tickHlc(state.hlc, now, state.device);
  const first = (state.vv[state.device] ?? 0) + 1;
  const last = first + ops.length - 1;
  const chunk: OpChunk = {
    device: state.device,
    first,
    last,
    hlc,
    actor: actor.staffId,
    sv: SCHEMA_VERSION,
    ops
  };
  const rows: RowsByTable = new Map();
  for (const [key, row] of existing ?? []) {
    const slash = key.indexOf('/');
    const table = key.slice(0, slash);
    let byId = rows.get(table);
    if (!byId) rows.set(table, (byId = new Map()));
    byId.set(key.slice(slash + 1), row);
  }
  const next = { ...state, hlc, vv: { ...state.vv, [state.device]: last } };
  await commitChunks(db, next, [chunk], 'local', { rows });
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
  await db.transaction('rw', commitScope(db, [], 'local'), () =>
    commitLocal(db, actor, ops, options.now ?? Date.now())
  );
}

/**
 * The stored rows that the changes build on, keyed `table/id` — deleted ones included: the
 * fold of a re-created row (same id after a soft delete) must start from the stored row,
 * as it does on the devices that receive it, or the two would differ.
 */
async function readExisting(db: GuanjiaDexie, changes: Change[]): Promise<Map<string, StoredRow>> {
  const wanted = new Map<TableName, string[]>();
  for (const c of changes) {
    // A create with a given id (an import, the demo office) may meet a row that exists, or
    // was deleted: it then updates that row (its fields win, the others stay) instead of
    // replacing it and its other fields' clocks.
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
      if (row) found.set(`${table}/${ids[i]}`, row);
    });
  }
  return found;
}
