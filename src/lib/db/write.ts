import { tickHlc } from '$lib/oplog/hlc';
import {
  SCHEMA_VERSION,
  type Op,
  type OpChunk,
  type YjsOp,
  type StoredRow
} from '$lib/oplog/format';
import type { RowsByTable } from '$lib/oplog/fold';
import { permits } from '$lib/domain/permissions';
import type { Role } from '$lib/domain/roles';
import type { TableName } from '$lib/domain/tables';
import { commitChunks, commitScope, settleAuthors } from './commit';
import { database, type GuanjiaDexie } from './database';
import { checkRoles, planOps, prepareCreates, type Change } from './plan-write';
import { RowPresence } from './row-presence';
import { readSyncState } from './sync-state';
import { refusedWhole } from './write-error';

export type { Change };

/** Who makes a change: every op carries the staff id (the op log is the audit trail). */
export interface Actor {
  staffId: string;
  role: Role;
}

export interface WriteOptions {
  db?: GuanjiaDexie;
  /** Wall clock, for tests; the domain never reads the clock itself. */
  now?: number;
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

  checkRoles(actor.role, changes);
  // Creates are validated before the transaction opens: CPU work would hold it open.
  const { ids, created } = prepareCreates(changes, now);

  const tables = new Set(changes.map((c) => c.table));
  let rejudge = false;
  const written = await db.transaction('rw', commitScope(db, tables, 'local'), async () => {
    const rows = await readExisting(db, changes);
    const ops = planOps(changes, ids, created, storedByKey(rows), now);
    rejudge = await commitLocal(db, actor, ops, now, rows);
    return ids;
  });
  // A role change made here after ops of that person this device already holds (by HLC).
  if (rejudge) await settleAuthors(db);
  return written;
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
  rows: RowsByTable = new Map()
): Promise<boolean> {
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
  const next = { ...state, hlc, vv: { ...state.vv, [state.device]: last } };
  const committed = await commitChunks(db, next, [chunk], 'local', { rows });
  return committed.state.rejudge !== undefined;
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
  if (!permits(actor.role, { table: doc.table, op: 'update' })) throw refusedWhole('forbidden');
  const db = options.db ?? database();
  const ops: YjsOp[] = updates.map((u) => ({ k: 'yjs', d: `${doc.table}/${doc.id}`, u }));
  await db.transaction('rw', commitScope(db, [], 'local'), () =>
    commitLocal(db, actor, ops, options.now ?? Date.now())
  );
  // (A document update sets no role: nothing to judge again.)
}

/**
 * The stored rows that the changes build on, by table and id — deleted ones included: the
 * fold of a re-created row (same id after a soft delete) must start from the stored row,
 * as it does on the devices that receive it, or the two would differ. Ids found missing are
 * kept as `undefined`, so the commit (commit.ts) does not read them a second time.
 */
async function readExisting(db: GuanjiaDexie, changes: Change[]): Promise<RowsByTable> {
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
  const rows: RowsByTable = new Map();
  for (const [table, ids] of wanted) {
    const byId = new Map<string, StoredRow | undefined>();
    rows.set(table, byId);
    for (const id of ids) byId.set(id, undefined);
    // A large batch of new rows (a bill run, an import) learns the table's keys in one
    // request instead of one read per row: IndexedDB charges a read about as much as a write.
    const maybe = (await new RowPresence().existing(db, table, ids)) ?? ids;
    if (!maybe.length) continue;
    const found = await db[table].bulkGet(maybe);
    maybe.forEach((id, i) => byId.set(id, found[i]));
  }
  return rows;
}

/** The rows found, keyed `table/id` (what planOps reads). */
function storedByKey(rows: RowsByTable): Map<string, StoredRow> {
  const out = new Map<string, StoredRow>();
  for (const [table, byId] of rows)
    for (const [id, row] of byId) if (row) out.set(`${table}/${id}`, row);
  return out;
}
