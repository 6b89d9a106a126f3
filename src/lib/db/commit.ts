import { Dexie, type Table } from 'dexie';
import { SCHEMA_VERSION, rowBefore, type OpChunk, type StoredRow } from '$lib/oplog/format';
import {
  flagConflicts,
  emptyFold,
  foldCommit,
  foldGroups,
  mergeFold,
  type Refusal,
  type RowsByTable
} from '$lib/oplog/fold';
import type { Migrations } from '$lib/oplog/migrate';
import { SETTINGS_ID } from '$lib/domain/record-ids';
import { tableNames, type TableName } from '$lib/domain/tables';
import { AuthorRoles, emptyRoleLog, foldRules, type RoleLog } from './commit-rules';
import type { GuanjiaDexie, SyncState } from './database';
import { derivedScope, hasDerived, updateDerived } from './derived';
import { emitCommit } from './commit-events';
import { PutQueue, putInSlices } from './put-queue';
import type { RowPresence } from './row-presence';

/**
 * Storing a fold (lib/oplog/fold.ts) in IndexedDB: the one road of every change, a local
 * write (write.ts) or a received batch (apply-remote.ts). Inside the caller's read-write
 * transaction it reads the rows the chunks touch (deleted ones too), folds, stores the
 * rows, keeps the derived data (derived.ts) and the op log, and announces the change.
 */

const known = new Set<string>(tableNames);
const isTable = (t: string): t is TableName => known.has(t);
/** Received ops refused for their author's role, kept for the devices page (newest last). */
const MAX_REFUSALS = 100;
/**
 * Ops folded before their rows are handed to IndexedDB: the next ones are folded while it
 * stores these (a catch-up's apply holds ~20,000 ops).
 */
const FOLD_GROUP_OPS = 2000;

export type CommitOrigin = 'local' | 'remote';

/** The rows `ids` of `table` as the fold left them (each one it changed is there). */
const foldedRows = (rows: RowsByTable, table: TableName, ids: Iterable<string>): StoredRow[] =>
  Array.from(ids, (id) => rows.get(table)?.get(id) as StoredRow);

/** Where a commit spends its time (the sync bench's breakdown): stage, ms, items. */
export type CommitTimings = (stage: string, ms: number, count: number) => void;

export interface CommitOptions {
  /** Rows known to exist (a catch-up): only those are read before the fold. */
  presence?: RowPresence;
  timings?: CommitTimings;
  /** The schema version this app runs; tests pretend to be another one. */
  schemaVersion?: number;
  /** Rows the caller already read in this transaction (a local write's own reads). */
  rows?: RowsByTable;
  /** The record migrations (domain/record-versions.ts); tests bring their own. */
  migrations?: Migrations;
  /**
   * A large catch-up: derived data that one build at its end makes cheaper is only marked
   * behind (derived.ts `deferrable`; the scope must come from commitScope(..., true)).
   */
  deferDerived?: boolean;
  /**
   * Called after each group's rows are handed to IndexedDB; the first call is what counts:
   * from then on this thread mostly waits for it, and the sync engine opens the next receive
   * (engine.ts).
   */
  writes?: () => void;
}

/** The tables a commit of chunks over `tables` must hold in its transaction. */
export function commitScope(
  db: GuanjiaDexie,
  tables: Iterable<TableName>,
  origin: CommitOrigin,
  hasDocs = false,
  deferDerived = false
): Table[] {
  const list = [...tables];
  const scope = new Set<Table>([
    ...list.map((t) => db[t]),
    ...derivedScope(db, list, deferDerived)
  ]);
  scope.add(db.oplog);
  scope.add(db.meta);
  if (origin === 'remote') {
    // The author's role, the sending device's enrolment and the clock bound are read in
    // the same transaction.
    scope.add(db.staff);
    scope.add(db.device);
    scope.add(db.settings);
    if (hasDocs) scope.add(db.docInbox);
  }
  return [...scope];
}

/** The clock bound (ms) of the office's settings (default 10 minutes). */
export async function clockBound(db: GuanjiaDexie): Promise<number> {
  const row = await db.settings.get(SETTINGS_ID);
  const minutes = typeof row?.clockBoundMinutes === 'number' ? row.clockBoundMinutes : 10;
  return minutes * 60_000;
}

/**
 * Fold `fresh` chunks (new to the log, in any order) into the stored rows and store
 * everything: rows, derived data, the chunks, and `state` (the caller's new clock and
 * vector). Call inside a read-write transaction over `commitScope(...)`.
 */
export async function commitChunks(
  db: GuanjiaDexie,
  state: SyncState,
  fresh: OpChunk[],
  origin: CommitOrigin,
  options: CommitOptions = {}
): Promise<{ changed: Map<TableName, string[]>; state: SyncState }> {
  const { presence, timings } = options;
  let mark = performance.now();
  const lap = (stage: string, count: number): void => {
    if (!timings) return;
    const at = performance.now();
    timings(stage, at - mark, count);
    mark = at;
  };
  const version = options.schemaVersion ?? SCHEMA_VERSION;
  const roleLog = structuredClone(state.roles ?? (await roleLogOfOplog(db, state)));
  const roles =
    origin === 'remote'
      ? new AuthorRoles(roleLog, await db.staff.toArray(), false, await db.device.toArray())
      : new AuthorRoles(roleLog);
  const rules = foldRules(version, roles, options.migrations);
  lap('apply.roles', fresh.length);

  // Every row the chunks touch, read once (unless the caller has it or it cannot exist).
  const rows: RowsByTable = options.rows ?? new Map();
  const wanted = new Map<TableName, string[]>();
  for (const chunk of fresh)
    for (const op of chunk.ops) {
      if (op.k !== 'row' || !isTable(op.t)) continue;
      let byId = rows.get(op.t);
      if (!byId) rows.set(op.t, (byId = new Map()));
      if (byId.has(op.r)) continue;
      byId.set(op.r, undefined);
      const list = wanted.get(op.t);
      if (list) list.push(op.r);
      else wanted.set(op.t, [op.r]);
    }
  lap('apply.prepare', fresh.length);
  let reads = 0;
  for (const [table, ids] of wanted) {
    const maybe = (presence && (await presence.existing(db, table, ids))) ?? ids;
    if (!maybe.length) continue;
    const stored = await db[table].bulkGet(maybe);
    reads += maybe.length;
    const byId = rows.get(table);
    maybe.forEach((id, i) => byId?.set(id, stored[i]));
  }
  lap('apply.read', reads);

  // Which rows of derived-data sources were stored before this commit (derived.ts works
  // batch-wise from it); the fold replaces row objects, so this is read before it.
  const before = new Map<TableName, Set<string>>();
  for (const [table, byId] of rows)
    if (isTable(table) && hasDerived([table])) {
      const held = new Set<string>();
      for (const [id, row] of byId) if (row !== undefined) held.add(id);
      before.set(table, held);
    }
  // Folded a group of chunks at a time (in HLC order, so that the groups fold as one):
  // IndexedDB stores one group's rows while the next one is folded.
  const folded = emptyFold();
  const puts = new PutQueue(2);
  for (const group of foldGroups(fresh, FOLD_GROUP_OPS)) {
    const part = foldCommit(rows, group, rules, origin);
    mergeFold(folded, part);
    lap('apply.fold', group.length);
    for (const [table, ids] of part.changed) {
      if (!isTable(table)) continue;
      await puts.put(db[table], foldedRows(rows, table, ids));
      lap(`apply.put.${table}`, ids.size);
    }
    options.writes?.();
  }
  const changed = new Map<TableName, string[]>();
  for (const [table, ids] of folded.changed) if (isTable(table)) changed.set(table, [...ids]);
  if (hasDerived(changed.keys())) {
    const changedRows = new Map<TableName, StoredRow[]>();
    for (const [table, ids] of changed) changedRows.set(table, foldedRows(rows, table, ids));
    await updateDerived(db, changedRows, {
      existed: (table, id) => before.get(table)?.has(id) ?? true,
      timings,
      defer: options.deferDerived
    });
  }
  lap('apply.derived', changed.size);
  if (folded.docs.length) await db.docInbox.bulkAdd(folded.docs);
  if (origin === 'remote') await db.oplog.bulkPut(fresh);
  else await db.oplog.bulkAdd(fresh);
  lap('apply.oplog', fresh.length);

  const next = withDeferred(state, folded.deferred, version);
  if (folded.refused.length)
    next.refused = [...(state.refused ?? []), ...folded.refused].slice(-MAX_REFUSALS);
  next.roles = roles.stored();
  if (roles.rejudge.size) {
    const rejudge = { ...state.rejudge };
    for (const [staff, from] of roles.rejudge)
      if (rejudge[staff] === undefined || from < rejudge[staff]) rejudge[staff] = from;
    next.rejudge = rejudge;
  }
  await db.meta.put(next);
  await puts.drain();
  lap('apply.meta', 1);
  if (changed.size) {
    const event = { origin, changed };
    const tx = Dexie.currentTransaction;
    if (tx) tx.on('complete', () => emitCommit(event));
    else emitCommit(event);
  }
  return { changed, state: next };
}

/**
 * The role history of a database that has none yet (made before roles were judged at the
 * op's HLC): every staff role op in the log, except those refused or waiting for a newer
 * version. Read once; from then on the fold keeps it.
 */
async function roleLogOfOplog(db: GuanjiaDexie, state: SyncState): Promise<RoleLog> {
  const log = emptyRoleLog();
  const refused = new Set((state.refused ?? []).map((r) => `${r.device}/${r.seq}`));
  const waiting = new Set((state.deferred ?? []).map(([d, f]) => `${d}/${f}`));
  const roles = new AuthorRoles(log);
  await db.oplog.each((chunk) => {
    if (waiting.has(`${chunk.device}/${chunk.first}`)) return;
    chunk.ops.forEach((op, i) => {
      if (op.k === 'row' && !refused.has(`${chunk.device}/${chunk.first + i}`))
        roles.took(chunk.actor, chunk.hlc, op.t, op.r, op.f);
    });
  });
  // Read in key order, not HLC order: nothing here was judged yet, nothing to judge again.
  return { at: log.at, last: log.last };
}

/**
 * Judge again the ops of staff members whose role change arrived after ops they made later
 * than it (by HLC), or whose first role arrived after their ops (commit-rules.ts
 * AuthorRoles): the rows those ops touch are folded again from the whole log, every op
 * judged by its author's role at its HLC, so the result is what a device that received the
 * role change first holds. Rare (a role change met concurrent edits), so a full read of the
 * log is acceptable. Runs in its own transaction after the commit that found the need.
 */
export async function settleAuthors(
  db: GuanjiaDexie,
  options: { schemaVersion?: number; migrations?: Migrations } = {}
): Promise<number> {
  const first = await db.meta.get('sync');
  if (!first?.rejudge || !Object.keys(first.rejudge).length) return 0;
  const version = options.schemaVersion ?? SCHEMA_VERSION;
  const scope = commitScope(db, tableNames, 'remote', false);
  return db.transaction('rw', scope, async () => {
    const state = await db.meta.get('sync');
    const need = state?.rejudge;
    if (!state || !need || !Object.keys(need).length) return 0;
    const waiting = new Set((state.deferred ?? []).map(([d, f]) => `${d}/${f}`));
    const chunks = (await db.oplog.toArray()).filter((c) => !waiting.has(`${c.device}/${c.first}`));
    const affected = new Map<string, Set<string>>();
    for (const c of chunks) {
      const from = need[c.actor];
      if (from === undefined || c.hlc < from) continue;
      for (const op of c.ops) {
        if (op.k !== 'row' || !isTable(op.t)) continue;
        let ids = affected.get(op.t);
        if (!ids) affected.set(op.t, (ids = new Set()));
        ids.add(op.r);
      }
    }
    // Each row starts as it stood before the earliest op judged again (its older fields were
    // judged the same way then), not from nothing: after compaction (compact.ts) the log
    // no longer holds a row's older ops. Ops at or after that HLC are still in the log:
    // compaction drops only what every device has seen, and a device's seen report follows
    // the role changes it held (the seen-report ordering; a clock far off could break it).
    const from = Object.values(need).reduce((a, b) => (b < a ? b : a));
    const rows: RowsByTable = new Map();
    const stored = new Map<string, Map<string, StoredRow | undefined>>();
    for (const [table, ids] of affected) {
      if (!isTable(table)) continue;
      const list = [...ids];
      const was = await db[table].bulkGet(list);
      stored.set(table, new Map(list.map((id, i) => [id, was[i]])));
      rows.set(table, new Map(list.map((id, i) => [id, was[i] && rowBefore(was[i], from)])));
    }
    const roles = new AuthorRoles(
      state.roles ?? emptyRoleLog(),
      await db.staff.toArray(),
      true,
      await db.device.toArray()
    );
    const rules = foldRules(version, roles, options.migrations);
    const folded = foldCommit(
      rows,
      chunks,
      rules,
      'remote',
      (table, id) => affected.get(table)?.has(id) ?? false
    );
    const changed = new Map<TableName, string[]>();
    const changedRows = new Map<TableName, StoredRow[]>();
    const goneRows = new Map<TableName, StoredRow[]>();
    for (const [table, ids] of affected) {
      if (!isTable(table)) continue;
      const byId = rows.get(table);
      const put: StoredRow[] = [];
      const gone: string[] = [];
      for (const id of ids) {
        const row = byId?.get(id);
        if (row) {
          // A row no op changed is its older fields alone: its rule check is made again.
          if (!folded.changed.get(table)?.has(id)) flagConflicts(table, row, rules);
          put.push(row);
        } else gone.push(id);
      }
      // A row only ops now refused had made: it was never made. Its last stored values
      // tell the derived data what to take out (derived.ts).
      if (gone.length) {
        const was = gone
          .map((id) => stored.get(table)?.get(id))
          .filter((r): r is StoredRow => r !== undefined);
        if (was.length) goneRows.set(table, was);
        await db[table].bulkDelete(gone);
      }
      await putInSlices(db[table], put);
      changed.set(table, [...ids]);
      changedRows.set(table, put);
    }
    if (hasDerived([...changedRows.keys(), ...goneRows.keys()]))
      await updateDerived(db, changedRows, { gone: goneRows });
    // A refusal is replaced by the new judgement only while its op is in the log: one
    // whose chunk was compacted away stays listed as it was (devices page).
    const held = (r: Refusal) =>
      chunks.some((c) => c.device === r.device && c.first <= r.seq && r.seq <= c.last);
    const judgedAgain = (r: Refusal) =>
      need[r.actor] !== undefined && r.hlc >= need[r.actor] && held(r);
    const next: SyncState = {
      ...state,
      refused: [
        ...(state.refused ?? []).filter((r) => !judgedAgain(r)),
        ...folded.refused.filter((r) => need[r.actor] !== undefined && r.hlc >= need[r.actor])
      ].slice(-MAX_REFUSALS)
    };
    delete next.rejudge;
    if (!next.refused?.length) delete next.refused;
    await db.meta.put(next);
    const event = { origin: 'remote' as const, changed };
    const tx = Dexie.currentTransaction;
    if (tx) tx.on('complete', () => emitCommit(event));
    return [...affected.values()].reduce((n, ids) => n + ids.size, 0);
  });
}

/** `state` with newly deferred chunks listed, and the update notice set from what waits. */
function withDeferred(state: SyncState, deferred: OpChunk[], version: number): SyncState {
  const waiting = [
    ...(state.deferred ?? []),
    ...deferred.map((c): [string, number, number] => [
      c.device,
      c.first,
      deferredVersion(c, version)
    ])
  ];
  const newest = Math.max(0, ...waiting.map(([, , sv]) => sv));
  const next: SyncState = { ...state };
  if (waiting.length) next.deferred = waiting;
  else delete next.deferred;
  if (newest > version) next.newerSchemaSeen = newest;
  else delete next.newerSchemaSeen;
  return next;
}

/** The version a deferred chunk needs: its own, or the next one for a table we lack. */
const deferredVersion = (chunk: OpChunk, version: number) => Math.max(chunk.sv, version + 1);

/**
 * Fold the chunks that waited for this version of the app (after an update): they are in
 * the log already, so the vector does not move; they go through the same road as any
 * received batch. Clears the update notice when nothing newer waits.
 */
export async function applyDeferred(
  db: GuanjiaDexie,
  options: { schemaVersion?: number; migrations?: Migrations } = {}
): Promise<number> {
  const version = options.schemaVersion ?? SCHEMA_VERSION;
  const state = await db.meta.get('sync');
  if (!state?.deferred?.some(([, , sv]) => sv <= version)) {
    // Nothing can be folded; an update notice left by an older version is cleared.
    if (state && (state.newerSchemaSeen ?? 0) > 0 && (state.newerSchemaSeen ?? 0) <= version)
      await db.transaction('rw', db.meta, async () => {
        const now = await db.meta.get('sync');
        if (now && !now.deferred?.length) {
          delete now.newerSchemaSeen;
          await db.meta.put(now);
        }
      });
    return 0;
  }
  const ready = state.deferred.filter(([, , sv]) => sv <= version);
  const chunks = (await db.oplog.bulkGet(ready.map(([d, f]) => [d, f]))).filter(
    (c): c is OpChunk => c !== undefined
  );
  const tables = new Set<TableName>();
  for (const c of chunks)
    for (const op of c.ops) if (op.k === 'row' && isTable(op.t)) tables.add(op.t);
  const hasDocs = chunks.some((c) => c.ops.some((op) => op.k === 'yjs'));
  const applied = await db.transaction(
    'rw',
    commitScope(db, tables, 'remote', hasDocs),
    async () => {
      const current = (await db.meta.get('sync')) ?? state;
      const still = (current.deferred ?? []).filter(([, , sv]) => sv > version);
      const base: SyncState = { ...current, deferred: still };
      // Already in the log: put back as they are (bulkPut), the fold applies them now.
      await commitChunks(db, base, chunks, 'remote', {
        schemaVersion: version,
        migrations: options.migrations
      });
      return chunks.length;
    }
  );
  await settleAuthors(db, options);
  return applied;
}

export type { Refusal };
