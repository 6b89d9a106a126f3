import { Dexie, type Table } from 'dexie';
import { receiveHlc } from '$lib/oplog/hlc';
import {
  SCHEMA_VERSION,
  type OpChunk,
  type StoredRow,
  type VersionVector
} from '$lib/oplog/format';
import { flagConflicts } from '$lib/oplog/fold';
import {
  compactionFrontier,
  maxVector,
  mergeDocUpdates,
  mergeRow,
  type SnapshotPart,
  type SnapshotRoles
} from '$lib/oplog/snapshot';
import { roles as roleNames, type Role } from '$lib/domain/roles';
import { tableNames, type TableName } from '$lib/domain/tables';
import { clockBound, commitScope } from './commit';
import { putInSlices } from './put-queue';
import { openTicketIds } from './ticket-index-store';
import { emptyRoleLog, foldRules, type RoleLog } from './commit-rules';
import type { GuanjiaDexie, SyncState } from './database';
import { updateDerived } from './derived';
import { emitCommit } from './commit-events';
import { readSyncState } from './sync-state';

/**
 * Op-log compaction and joining from a snapshot, in IndexedDB (the pure part is
 * lib/oplog/snapshot.ts, which says why it converges).
 *
 * - `compactLog` drops from the log every chunk that each enrolled device (and the relay,
 *   which new devices pull the tail from) reports holding: the rows already hold their
 *   effect. Yjs updates in the dropped range are merged into one update per document and
 *   kept (`local` entries `compact.doc/<doc>`), so a snapshot still carries whole documents.
 *   Chunks waiting for a newer app version are never dropped.
 * - `buildSnapshot` reads the rows (deleted ones too), the documents and the waiting chunks
 *   in one transaction: part 0 holds what the desk needs first (office, staff, households,
 *   open requests and their events), part 1 the rest.
 * - `applySnapshotPart` merges a part into the stored rows field by field (the newer clock
 *   wins), keeps the derived data, and `finishSnapshot` then moves the vector to the
 *   snapshot's: the tail is pulled from there.
 *
 * The op log is the audit trail (settings → 操作记录, backups): after compaction it shows
 * only the tail; the rows keep each field's clock but not who wrote it.
 */

const FLOOR = 'compact.floor';
const RELAY_VECTOR = 'compact.relayVector';
const DOC_PREFIX = 'compact.doc/';
const SNAPSHOT_NOTE = 'compact.snapshot';
const JOIN_PROGRESS = 'compact.joining';
/** Rows per transaction while a snapshot is merged in: the desk gets turns between them. */
const APPLY_SLICE = 5000;

/** What a device needs before anything else to be a working desk (sign in, households). */
const HOT_TABLES: readonly TableName[] = [
  'office',
  'settings',
  'staff',
  'device',
  'community',
  'building',
  'unit',
  'person',
  'occupancy',
  'ticketCategory'
];

const known = new Set<string>(tableNames);
const roleSet = new Set<string>(roleNames);
const isTable = (t: string): t is TableName => known.has(t);

/** The last snapshot this device published or joined from (the devices page shows it). */
export interface SnapshotNote {
  kind: 'published' | 'joined';
  at: number;
  rows: number;
}

export async function noteSnapshot(db: GuanjiaDexie, note: SnapshotNote): Promise<void> {
  await db.local.put({ key: SNAPSHOT_NOTE, value: note });
}

export async function snapshotNote(db: GuanjiaDexie): Promise<SnapshotNote | undefined> {
  return (await db.local.get(SNAPSHOT_NOTE))?.value as SnapshotNote | undefined;
}

/**
 * How far a join from a snapshot got (rows merged of the snapshot's rows plus the tail's
 * ops), kept while it runs: after a reload mid-join the top bar shows where it stood before
 * the relay has answered again. Cleared when the join ends, either way.
 */
export interface JoinProgressNote {
  done: number;
  total: number;
}

export async function noteJoinProgress(
  db: GuanjiaDexie,
  progress: JoinProgressNote | undefined
): Promise<void> {
  if (progress) await db.local.put({ key: JOIN_PROGRESS, value: progress });
  else await db.local.delete(JOIN_PROGRESS);
}

export async function joinProgress(db: GuanjiaDexie): Promise<JoinProgressNote | undefined> {
  return (await db.local.get(JOIN_PROGRESS))?.value as JoinProgressNote | undefined;
}

/** The log's floor: per author, the seq below which this device's log holds nothing. */
export async function logFloor(db: GuanjiaDexie): Promise<VersionVector> {
  return ((await db.local.get(FLOOR))?.value as VersionVector | undefined) ?? {};
}

/** What the relay reported holding (welcome, pulled): it must hold a range before we drop it. */
export async function noteRelayVector(db: GuanjiaDexie, vector: VersionVector): Promise<void> {
  await db.local.put({ key: RELAY_VECTOR, value: vector });
}

/**
 * The range every enrolled device holds: the last vector each non-removed device row reports
 * (`seen`), this device's own, and the relay's. A removed device (soft-deleted row) holds
 * nothing back; an enrolled one that never reported holds everything back. Without a relay
 * vector nothing is dropped: a device joining later pulls its tail from the relay.
 */
export async function compactionRange(db: GuanjiaDexie): Promise<VersionVector> {
  const state = await db.meta.get('sync');
  const relay = (await db.local.get(RELAY_VECTOR))?.value as VersionVector | undefined;
  if (!state || !relay) return {};
  const vectors: VersionVector[] = [state.vv, relay];
  for (const row of await db.device.toArray()) {
    if (row.deleted === true || row.id === state.device) continue;
    vectors.push((row.seen as VersionVector | undefined) ?? {});
  }
  return compactionFrontier(vectors);
}

export interface CompactResult {
  /** Chunks dropped from the log. */
  chunks: number;
  /** The log's floor after it. */
  floor: VersionVector;
}

/** Drop from the log what every enrolled device holds (see above); `range` for tests. */
export async function compactLog(db: GuanjiaDexie, range?: VersionVector): Promise<CompactResult> {
  const frontier = range ?? (await compactionRange(db));
  return db.transaction('rw', [db.oplog, db.meta, db.local], async () => {
    const state = await readSyncState(db);
    // The role history is rebuilt from the log on a database that has none yet: not
    // before the fold has kept it (commit.ts), or the dropped range would be missing.
    if (!state.roles) return { chunks: 0, floor: await logFloor(db) };
    const waiting = new Set((state.deferred ?? []).map(([d, f]) => `${d}/${f}`));
    const docs = new Map<string, Uint8Array[]>();
    let dropped = 0;
    for (const [device, upTo] of Object.entries(frontier)) {
      const chunks = await db.oplog
        .where('[device+last]')
        .between([device, 0], [device, Math.min(upTo, state.vv[device] ?? 0)], true, true)
        .toArray();
      const keys: [string, number][] = [];
      for (const chunk of chunks) {
        if (waiting.has(`${chunk.device}/${chunk.first}`)) continue;
        for (const op of chunk.ops)
          if (op.k === 'yjs') {
            const list = docs.get(op.d);
            if (list) list.push(op.u);
            else docs.set(op.d, [op.u]);
          }
        keys.push([chunk.device, chunk.first]);
      }
      await db.oplog.bulkDelete(keys);
      dropped += keys.length;
    }
    for (const [doc, updates] of docs) {
      const base = (await db.local.get(DOC_PREFIX + doc))?.value as Uint8Array | undefined;
      await db.local.put({
        key: DOC_PREFIX + doc,
        value: mergeDocUpdates(base ? [base, ...updates] : updates)
      });
    }
    const floor = maxVector(await logFloor(db), frontier);
    await db.local.put({ key: FLOOR, value: floor });
    return { chunks: dropped, floor };
  });
}

export interface BuiltSnapshot {
  vv: VersionVector;
  hlc: string;
  parts: SnapshotPart[];
  /** Rows in each part (the joiner's progress bar). */
  rows: number[];
}

/** The rows, documents and waiting chunks of this device, in two parts (hot first). */
export async function buildSnapshot(db: GuanjiaDexie, office: string): Promise<BuiltSnapshot> {
  const tables = tableNames.map((t) => db[t] as Table);
  return db.transaction('r', [...tables, db.oplog, db.meta, db.local, db.ticketOpen], async () => {
    const state = await readSyncState(db);
    const hot: Record<string, StoredRow[]> = {};
    const rest: Record<string, StoredRow[]> = {};
    const strip = (rows: StoredRow[]): StoredRow[] =>
      rows.map((row) => {
        if (!row._x) return row;
        const { _x, ...clean } = row;
        void _x;
        return clean as StoredRow;
      });
    for (const table of tableNames) {
      if (table === 'ticket' || table === 'ticketEvent') continue;
      const rows = strip(await db[table].toArray());
      if (rows.length) (HOT_TABLES.includes(table) ? hot : rest)[table] = rows;
    }
    // Open requests and their events are hot; closed ones follow, events grouped per request
    // so each slice of the merge reindexes a request once.
    const open = new Set(await openTicketIds(db));
    // By id (events by their request's id): a slice of the merge then holds a request and
    // most of its events together.
    const tickets = strip(await db.ticket.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
    const events = strip(await db.ticketEvent.toArray()).sort((a, b) =>
      String(a.ticketId) < String(b.ticketId) ? -1 : String(a.ticketId) > String(b.ticketId) ? 1 : 0
    );
    hot.ticket = tickets.filter((t) => open.has(t.id));
    hot.ticketEvent = events.filter((e) => open.has(String(e.ticketId)));
    rest.ticket = tickets.filter((t) => !open.has(t.id));
    rest.ticketEvent = events.filter((e) => !open.has(String(e.ticketId)));

    // Documents: the compacted base of each, and every update still in the log.
    const docs = new Map<string, Uint8Array[]>();
    for (const entry of await db.local.where('key').startsWith(DOC_PREFIX).toArray())
      docs.set(entry.key.slice(DOC_PREFIX.length), [entry.value as Uint8Array]);
    const pending: OpChunk[] = [];
    const waiting = new Set((state.deferred ?? []).map(([d, f]) => `${d}/${f}`));
    await db.oplog.each((chunk) => {
      if (waiting.has(`${chunk.device}/${chunk.first}`)) return void pending.push(chunk);
      for (const op of chunk.ops)
        if (op.k === 'yjs') {
          const list = docs.get(op.d);
          if (list) list.push(op.u);
          else docs.set(op.d, [op.u]);
        }
    });
    const merged: Record<string, Uint8Array> = {};
    for (const [doc, updates] of docs) merged[doc] = mergeDocUpdates(updates);

    const count = (t: Record<string, StoredRow[]>) =>
      Object.values(t).reduce((n, rows) => n + rows.length, 0);
    const base = { v: 1 as const, office, sv: SCHEMA_VERSION, parts: 2 };
    return {
      vv: { ...state.vv },
      hlc: state.hlc,
      rows: [count(hot), count(rest) + pending.length],
      parts: [
        {
          ...base,
          part: 0,
          tables: hot,
          docs: {},
          pending: [],
          ...(state.roles ? { roles: { at: state.roles.at, last: state.roles.last } } : {})
        },
        { ...base, part: 1, tables: rest, docs: merged, pending }
      ]
    };
  });
}

/**
 * Rows a snapshot's merge put, per table, or -1 once the table held others: while a table's
 * count equals what the merge put into it since it was empty (a new device), none of the
 * incoming rows can exist yet and nothing needs reading first (IndexedDB charges a read of
 * a missing row about as much as a write).
 */
export interface SnapshotMerge {
  putSoFar: Map<TableName, number>;
}

/**
 * Merge a (validated) snapshot part into the stored rows: field-wise last-writer-wins, so
 * rows this device already holds, or gets again from the tail, end the same either way.
 * Documents go to the doc inbox (the handover screen takes them) and are kept as the
 * compacted base; waiting chunks go to the log. `onRows` reports rows merged so far.
 */
export async function applySnapshotPart(
  db: GuanjiaDexie,
  part: SnapshotPart,
  onRows?: (rows: number) => void,
  /** Shared by the parts of one snapshot (see `putSoFar`). */
  merge: SnapshotMerge = { putSoFar: new Map() }
): Promise<number> {
  const rules = foldRules();
  let done = 0;
  const { putSoFar } = merge;
  // Requests with their events, so the board's index is built once per slice.
  const order = Object.keys(part.tables).filter(isTable);
  for (const table of order) {
    if (table === 'ticketEvent' && order.includes('ticket')) continue;
    const rows = part.tables[table];
    const events = table === 'ticket' ? (part.tables.ticketEvent ?? []) : [];
    const tables: TableName[] = table === 'ticket' ? ['ticket', 'ticketEvent'] : [table];
    const slices = Math.max(
      Math.ceil(rows.length / APPLY_SLICE),
      Math.ceil(events.length / APPLY_SLICE)
    );
    for (let s = 0; s < slices; s++) {
      const slice = new Map<TableName, StoredRow[]>([[table, sliceOf(rows, s, slices)]]);
      if (table === 'ticket') slice.set('ticketEvent', sliceOf(events, s, slices));
      await db.transaction('rw', commitScope(db, tables, 'local'), async () => {
        const changed = new Map<TableName, StoredRow[]>();
        const held = new Map<TableName, Set<string>>();
        for (const [t, incoming] of slice) {
          if (!putSoFar.has(t)) putSoFar.set(t, (await db[t].count()) === 0 ? 0 : -1);
          const fresh = putSoFar.get(t) === (await db[t].count());
          const stored = fresh ? [] : await db[t].bulkGet(incoming.map((r) => r.id));
          const put: StoredRow[] = [];
          held.set(t, new Set(incoming.filter((_, i) => stored[i] !== undefined).map((r) => r.id)));
          incoming.forEach((row, i) => {
            const next = mergeRow(stored[i], row);
            if (!next) return;
            flagConflicts(t, next, rules);
            put.push(next);
          });
          if (put.length) {
            await putInSlices(db[t], put);
            changed.set(t, put);
          }
          const before = putSoFar.get(t) ?? -1;
          if (before >= 0) putSoFar.set(t, fresh ? before + put.length : -1);
        }
        if (changed.size) {
          await updateDerived(db, changed, {
            existed: (t, id) => held.get(t)?.has(id) ?? true
          });
          const event = {
            origin: 'remote' as const,
            changed: new Map([...changed].map(([t, r]) => [t, r.map((x) => x.id)]))
          };
          Dexie.currentTransaction?.on('complete', () => emitCommit(event));
        }
      });
      done += [...slice.values()].reduce((n, r) => n + r.length, 0);
      onRows?.(done);
    }
  }
  if (Object.keys(part.docs).length || part.pending.length)
    await db.transaction('rw', [db.docInbox, db.local, db.oplog, db.meta], async () => {
      for (const [doc, update] of Object.entries(part.docs)) {
        await db.docInbox.add({ doc, update });
        const base = (await db.local.get(DOC_PREFIX + doc))?.value as Uint8Array | undefined;
        await db.local.put({
          key: DOC_PREFIX + doc,
          value: base ? mergeDocUpdates([base, update]) : update
        });
      }
      if (part.pending.length) {
        await db.oplog.bulkPut(part.pending);
        const state = await readSyncState(db);
        const listed = new Set((state.deferred ?? []).map(([d, f]) => `${d}/${f}`));
        const add = part.pending
          .filter((c) => !listed.has(`${c.device}/${c.first}`))
          .map((c): [string, number, number] => [c.device, c.first, Math.max(c.sv, part.sv + 1)]);
        await db.meta.put({ ...state, deferred: [...(state.deferred ?? []), ...add] });
      }
      done += part.pending.length;
    });
  return done;
}

function sliceOf<T>(rows: T[], s: number, slices: number): T[] {
  const per = Math.ceil(rows.length / slices);
  return rows.slice(s * per, (s + 1) * per);
}

/**
 * Every part merged: this device now holds every op at or below `vv` (its log from the
 * floor up), and its clock moves past the snapshot's (within the bound, like any op).
 */
export async function finishSnapshot(
  db: GuanjiaDexie,
  vv: VersionVector,
  hlc: string,
  now = Date.now(),
  roles?: SnapshotRoles
): Promise<SyncState> {
  return db.transaction('rw', [db.meta, db.local, db.settings], async () => {
    const state = await readSyncState(db);
    const bound = await clockBound(db);
    const next: SyncState = {
      ...state,
      vv: maxVector(state.vv, vv),
      hlc: receiveHlc(state.hlc, hlc, now, state.device, bound)
    };
    if (roles) next.roles = mergeRoles(state.roles ?? emptyRoleLog(), roles);
    await db.meta.put(next);
    await db.local.put({ key: FLOOR, value: maxVector(await logFloor(db), vv) });
    return next;
  });
}

/** The builder's role history merged into this device's (known roles only). */
function mergeRoles(mine: RoleLog, theirs: SnapshotRoles): RoleLog {
  const at: RoleLog['at'] = { ...mine.at };
  for (const [staff, list] of Object.entries(theirs.at)) {
    const known = list.filter((e): e is [string, Role] => roleSet.has(e[1]));
    const merged = [...(at[staff] ?? [])];
    for (const entry of known) if (!merged.some(([h]) => h === entry[0])) merged.push(entry);
    at[staff] = merged.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  const last: RoleLog['last'] = { ...mine.last };
  for (const [actor, h] of Object.entries(theirs.last))
    if ((last[actor] ?? '') < h) last[actor] = h;
  return { ...mine, at, last };
}

/** Bytes of the log as it would travel: JSON of the chunks, documents as their bytes. */
export async function logBytes(db: GuanjiaDexie): Promise<number> {
  let bytes = 0;
  await db.oplog.each((chunk) => {
    bytes += jsonBytes(chunk);
  });
  for (const entry of await db.local.where('key').startsWith(DOC_PREFIX).toArray())
    bytes += (entry.value as Uint8Array).length;
  return bytes;
}

/** Bytes of the stored rows' own fields (clocks left out), every table. */
export async function rowBytes(db: GuanjiaDexie): Promise<number> {
  let bytes = 0;
  for (const table of tableNames)
    await db[table].each((row) => {
      const { _c, _cf, _x, ...fields } = row;
      void _c;
      void _cf;
      void _x;
      bytes += jsonBytes(fields);
    });
  return bytes;
}

/** Bytes of a snapshot as it travels (before deflate). */
export function snapshotBytes(parts: readonly SnapshotPart[]): number {
  return parts.reduce((n, p) => n + jsonBytes(p), 0);
}

const encoder = new TextEncoder();
/** UTF-8 bytes of the JSON, byte arrays counted as their base64. */
function jsonBytes(value: unknown): number {
  let extra = 0;
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (!(v instanceof Uint8Array)) return v;
    extra += Math.ceil(v.length / 3) * 4;
    return 0;
  });
  return encoder.encode(text).length + extra;
}

export { SCHEMA_VERSION };
