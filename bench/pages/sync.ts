// Bench page: one tablet of an office syncing through the relay (src/lib/sync), and the same
// edit stream through y-websocket for comparison. Several browser contexts load it; the group
// (bench/groups/sync.ts) runs the relay and the y-websocket server in its own process.
import { liveQuery } from 'dexie';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { openDatabase, type GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { write, type Actor } from '$lib/db/write';
import { generateDemoOffice } from '$lib/demo/generate';
import { encodeHlc } from '$lib/domain/hlc';
import { SCHEMA_VERSION, type OpChunk, type RowOp } from '$lib/domain/ops';
import { tableNames, type TableName } from '$lib/domain/tables';
import { fromBase64Url, officeIdOf, toBase64Url } from '$lib/sync/crypto';
import { SyncEngine } from '$lib/sync/engine';
import {
  createOfficeKeys,
  deviceIdentity,
  saveOfficeKeys,
  type OfficeKeys
} from '$lib/sync/office-keys';
import { startRelayClient, type RelayClient } from '$lib/sync/relay-client';
import {
  buildSnapshot,
  compactLog,
  logBytes,
  noteRelayVector,
  rowBytes,
  snapshotBytes
} from '$lib/db/compact';
import { openTickets } from '$lib/db/queries/tickets';
import { SearchService } from '$lib/db/queries/search';
import { publishSnapshot } from '$lib/sync/snapshot-relay';
import {
  captureReceived,
  countOps,
  openStages,
  rawBulkPut,
  Stages,
  watchDesk,
  watchLongTasks,
  type CatchUp
} from './lib/catch-up-probe';

const actor: Actor = { staffId: 'bench', role: 'manager' };
const personId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const AS_OF = Date.UTC(2026, 5, 30, 4);
const CHUNK_OPS = 500;

interface Founding {
  officePublic: string;
  officeSecret: string;
  epochs: { epoch: number; raw: string }[];
}

let db: GuanjiaDexie;
let keys: OfficeKeys;
let engine: SyncEngine;
let client: RelayClient | undefined;
const stages = new Stages();
let relayHave = 0;
let live = false;
let bytesSent = 0;
const arrivals = new Map<string, number>();
const awaited = new Map<string, (at: number) => void>();
function arrived(value: string): void {
  if (arrivals.has(value)) return;
  const at = now();
  arrivals.set(value, at);
  awaited.get(value)?.(at);
  awaited.delete(value);
}
const now = (): number => performance.timeOrigin + performance.now();
/** When this tablet's socket sent / received a message, and its size: the stages of an edit. */
const sends: [at: number, bytes: number][] = [];
const receives: [at: number, bytes: number][] = [];
const writeDone = new Map<string, number>();

const sizeOf = (data: unknown): number =>
  typeof data === 'string'
    ? data.length
    : data instanceof Blob
      ? data.size
      : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
        ? data.byteLength
        : 0;

/** A WebSocket that counts the bytes this tablet sends (frames as the relay receives them). */
class CountingSocket extends WebSocket {
  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    const bytes = sizeOf(data);
    bytesSent += bytes;
    sends.push([now(), bytes]);
    super.send(data);
  }
  set onmessage(listener: ((event: MessageEvent) => void) | null) {
    super.onmessage =
      listener && ((event) => (receives.push([now(), sizeOf(event.data)]), listener(event)));
  }
  get onmessage(): ((event: MessageEvent) => void) | null {
    return super.onmessage;
  }
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions
  ): void {
    if (type !== 'message' || typeof listener !== 'function')
      return super.addEventListener(type, listener, options);
    super.addEventListener(
      type,
      (event) => (receives.push([now(), sizeOf((event as MessageEvent).data)]), listener(event)),
      options
    );
  }
}

async function open(name: string, founding?: Founding): Promise<Founding> {
  await openDatabase(name).delete();
  db = openDatabase(name);
  await db.open();
  const { device } = await syncState(db);
  if (founding) {
    const secret = fromBase64Url(founding.officeSecret);
    const base = createOfficeKeys(device);
    const officePublic = fromBase64Url(founding.officePublic);
    const office = officeIdOf(officePublic);
    keys = {
      ...base,
      office,
      officePublic,
      officeSecret: secret,
      epochs: founding.epochs.map((e) => ({ epoch: e.epoch, raw: fromBase64Url(e.raw) })),
      ...deviceIdentity(secret, office, device)
    };
  } else keys = createOfficeKeys(device);
  await saveOfficeKeys(db, keys);
  engine = new SyncEngine(db, keys, { timings: stages.add });
  return {
    officePublic: toBase64Url(keys.officePublic),
    officeSecret: toBase64Url(keys.officeSecret as Uint8Array),
    epochs: keys.epochs.map((e) => ({ epoch: e.epoch, raw: toBase64Url(e.raw) }))
  };
}

/**
 * The large demo office (200k request events) as this device's own op log: chunks of 500
 * row ops (a day's writes share one chunk in the app; the shape is the same) and the rows.
 * Preparation only, not timed.
 */
async function loadLargeOffice(): Promise<number> {
  const demo = generateDemoOffice({ size: 'large', asOf: AS_OF });
  const tables = Object.entries(demo).filter(([, rows]) => Array.isArray(rows)) as [
    TableName,
    Record<string, unknown>[]
  ][];
  let seq = 0;
  let tick = 0;
  const chunks: OpChunk[] = [];
  for (const [table, rows] of tables) {
    if (!(table in db)) continue;
    for (let i = 0; i < rows.length; i += CHUNK_OPS) {
      const ops: RowOp[] = rows.slice(i, i + CHUNK_OPS).map((row) => ({
        k: 'row',
        t: table,
        r: String(row.id),
        f: { createdAt: AS_OF, updatedAt: AS_OF, deleted: false, ...row }
      }));
      const hlc = encodeHlc({ wall: AS_OF, counter: tick++, device: keys.device });
      chunks.push({
        device: keys.device,
        first: seq + 1,
        last: seq + ops.length,
        hlc,
        actor: actor.staffId,
        sv: SCHEMA_VERSION,
        ops
      });
      seq += ops.length;
    }
  }
  for (let i = 0; i < chunks.length; i += 50) await db.oplog.bulkAdd(chunks.slice(i, i + 50));
  const state = await syncState(db);
  await db.meta.put({ ...state, vv: { [keys.device]: seq } });
  return seq;
}

let onPart: ((part: number) => void) | undefined;
let progressSeen = 0;

function connect(url: string): Promise<void> {
  live = false;
  client = startRelayClient(engine, url, {
    Socket: CountingSocket,
    onRelayHave: (have) => (relayHave = have),
    onPhase: (phase) => (live = phase === 'live'),
    onRelayVector: (vector) => void noteRelayVector(db, vector),
    onSnapshotPart: (part) => onPart?.(part),
    onProgress: () => progressSeen++
  });
  return until(() => live, 600_000);
}

/** What a joiner must see to count as usable: B's open requests and one household. */
export interface DeskProbe {
  open: number;
  name: string;
  personId: string;
}

async function deskProbe(): Promise<DeskProbe> {
  const people = await db.person.toArray();
  const person = people.filter((p) => !p.deleted).at(-1);
  return {
    open: (await openTickets(db)).length,
    name: String(person?.name),
    personId: String(person?.id)
  };
}

/**
 * The desk's two questions answered right: the open requests listed, the household found by
 * its name as the search box finds it (the index built; its pinyin, filled in afterwards for
 * pinyin queries, is not waited for).
 */
async function deskAnswers(probe: DeskProbe): Promise<boolean> {
  if ((await openTickets(db)).length !== probe.open) return false;
  const search = new SearchService(
    () => db,
    () => new Date(AS_OF).toISOString().slice(0, 10)
  );
  await search.prepare();
  return search.search(probe.name, 50).some((hit) => hit.id === probe.personId);
}

/**
 * B (caught up by replaying the log): compact the log (everything is held by every device
 * and the relay: the bench office has no other device rows) and publish a snapshot.
 */
async function compactAndPublish(): Promise<{
  logBefore: number;
  logAfter: number;
  rowBytes: number;
  snapshotBytes: number;
  sealedBytes: number;
  chunksDropped: number;
  compactMs: number;
  publishMs: number;
}> {
  const logBefore = await logBytes(db);
  let started = performance.now();
  const { chunks } = await compactLog(db);
  const compactMs = performance.now() - started;
  started = performance.now();
  const built = await buildSnapshot(db, keys.office);
  const session = client?.session;
  if (!session) throw new Error('not connected');
  const pointer = await publishSnapshot(session, keys, db, built);
  const publishMs = performance.now() - started;
  return {
    logBefore,
    logAfter: await logBytes(db),
    rowBytes: await rowBytes(db),
    snapshotBytes: snapshotBytes(built.parts),
    sealedBytes: pointer.parts.reduce((n, p) => n + p.bytes, 0),
    chunksDropped: chunks,
    compactMs,
    publishMs
  };
}

/**
 * C, new: joins from the relay's snapshot and the tail. `usableMs`: connect → the desk
 * answers right (open requests listed, the household found); `ms`: connect → the vector
 * holds every op (everything stored); the raw bulkPut floor of the same rows after.
 */
async function joinSnapshot(
  url: string,
  total: number,
  probe: DeskProbe
): Promise<{
  usableMs: number;
  hotMs: number;
  ms: number;
  rows: number;
  progressEvents: number;
  raw: { rows: number; ms: number };
}> {
  const start = performance.now();
  let hotMs = 0;
  let usable: Promise<number> | undefined;
  onPart = (part) => {
    if (part !== 0) return;
    hotMs = performance.now() - start;
    usable = (async () => {
      while (!(await deskAnswers(probe))) await new Promise((r) => setTimeout(r, 50));
      return performance.now() - start;
    })();
  };
  await connect(url);
  await until(async () => {
    const vv = (await db.meta.get('sync'))?.vv ?? {};
    return Object.values(vv).reduce((a, b) => a + b, 0) >= total;
  }, 600_000);
  // Everything stored includes the derived data a catch-up builds once at its end.
  await engine.settle();
  const ms = performance.now() - start;
  if (!usable) throw new Error('did not join from a snapshot');
  const usableMs = await usable;
  const rows = (await Promise.all(tableNames.map((t) => db[t].count()))).reduce((a, b) => a + b);
  const raw = await rawBulkPut(db, 16_000);
  return { usableMs, hotMs, ms, rows, progressEvents: progressSeen, raw };
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** This device's own ops all stored by the relay. */
async function pushed(): Promise<number> {
  const own = (await syncState(db)).vv[keys.device] ?? 0;
  await until(() => relayHave >= own, 600_000);
  return own;
}

/**
 * A new device catching up `total` ops from the relay: ms from connect until its version
 * vector holds them all (rows and op log committed), with the breakdown of where it went.
 */
async function catchUp(url: string, total: number): Promise<Omit<CatchUp, 'raw'>> {
  const received = captureReceived(engine);
  const desk = watchDesk(db);
  const longTasks = watchLongTasks();
  const start = performance.now();
  await connect(url);
  // Polled read-only and not too often: a poll must not compete with the apply it waits for.
  await until(async () => {
    const vv = (await db.meta.get('sync'))?.vv ?? {};
    return Object.values(vv).reduce((a, b) => a + b, 0) >= total;
  }, 600_000);
  // Everything stored includes the derived data a catch-up builds once at its end.
  await engine.settle();
  const ms = performance.now() - start;
  const deskLoad = desk.stop();
  const tasks = longTasks.stop();
  const chunks = await db.oplog.toArray();
  const rows = (await Promise.all(tableNames.map((t) => db[t].count()))).reduce((a, b) => a + b);
  return {
    ms,
    ...countOps(chunks),
    rows,
    downloadMs: received.lastAt() - start,
    downloadBytes: received.bytes(),
    stages: stages.json(),
    // Twice, the second counted: the first run after a catch-up meets the database's own
    // clean-up work and a cold JIT for this code path.
    open: await openStages(keys, received.batches).then(() => openStages(keys, received.batches)),
    desk: deskLoad,
    longTasks: tasks
  };
}

/** The catch-up's floor: raw bulkPut of the rows it stored (asked once the machine is quiet). */
const rawFloor = (): Promise<CatchUp['raw']> => rawBulkPut(db, 16_000);

/** A: one field of one record per edit; returns when the write started. */
async function edit(value: string): Promise<number> {
  const start = now();
  const exists = await db.person.get(personId);
  await write(
    actor,
    exists
      ? [{ op: 'update', table: 'person', id: personId, patch: { notes: value } }]
      : [
          {
            op: 'create',
            table: 'person',
            value: { id: personId, name: '张三', phones: [], notes: value }
          }
        ],
    { db }
  );
  writeDone.set(value, now());
  return start;
}

/** B: note when each value of the record's `notes` becomes visible to a live query. */
function watch(): void {
  liveQuery(() => db.person.get(personId)).subscribe((row) => {
    const notes = row?.notes;
    if (typeof notes === 'string') arrived(notes);
  });
}

// ---- y-websocket: the same edits as a Y.Map per record -------------------------------------
let doc: Y.Doc;
let provider: WebsocketProvider;

function yOpen(url: string, room: string): Promise<void> {
  doc = new Y.Doc();
  provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: CountingSocket as unknown as typeof WebSocket,
    disableBc: true
  });
  doc.getMap(`person/${personId}`).observe((event) => {
    const value = (event.target as Y.Map<string>).get('notes');
    if (value) arrived(value);
  });
  return until(() => provider.synced, 30_000);
}

function yEdit(value: string): number {
  const start = now();
  doc.getMap(`person/${personId}`).set('notes', value);
  writeDone.set(value, now());
  return start;
}

window.syncBench = {
  open,
  loadLargeOffice,
  connect,
  pushed,
  catchUp,
  rawFloor,
  deskProbe,
  compactAndPublish,
  joinSnapshot,
  edit,
  watch,
  arrival: (value: string) => arrivals.get(value) ?? null,
  /**
   * When `value` becomes visible here (asked before A writes it): B only answers then, so
   * the bench does not poll B's main thread, which B's sync needs (polling it every
   * millisecond lengthened the tail, as in the handover group).
   */
  waitFor: (value: string, ms: number) =>
    new Promise<number | null>((resolve) => {
      const seen = arrivals.get(value);
      if (seen !== undefined) return resolve(seen);
      const timer = setTimeout(() => resolve(null), ms);
      awaited.set(value, (at) => (clearTimeout(timer), resolve(at)));
    }),
  writeDone: (value: string) => writeDone.get(value) ?? null,
  /** The first message of at least `minBytes` sent / received at or after `from`. */
  sentAfter: (from: number, minBytes: number) =>
    sends.find(([at, n]) => at >= from && n >= minBytes)?.[0] ?? null,
  receivedAfter: (from: number, minBytes: number) =>
    receives.find(([at, n]) => at >= from && n >= minBytes)?.[0] ?? null,
  resetBytes: () => void (bytesSent = 0),
  bytes: () => bytesSent,
  yOpen,
  yEdit,
  close() {
    client?.stop();
    provider?.destroy();
  }
};

declare global {
  interface Window {
    syncBench: {
      open(name: string, founding?: Founding): Promise<Founding>;
      loadLargeOffice(): Promise<number>;
      connect(url: string): Promise<void>;
      pushed(): Promise<number>;
      catchUp: typeof catchUp;
      rawFloor: typeof rawFloor;
      deskProbe: typeof deskProbe;
      compactAndPublish: typeof compactAndPublish;
      joinSnapshot: typeof joinSnapshot;
      edit(value: string): Promise<number>;
      watch(): void;
      arrival(value: string): number | null;
      waitFor(value: string, ms: number): Promise<number | null>;
      writeDone(value: string): number | null;
      sentAfter(from: number, minBytes: number): number | null;
      receivedAfter(from: number, minBytes: number): number | null;
      resetBytes(): void;
      bytes(): number;
      yOpen(url: string, room: string): Promise<void>;
      yEdit(value: string): number;
      close(): void;
    };
  }
}
