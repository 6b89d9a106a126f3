// A device of tablet A's office, in Node (run with tsx by large-office.ts): it writes the
// large demo office (`generateDemoOffice({ size: 'large' })`, the rows `npm run bench -- sync`
// uses) as its own op log and pushes it to the relay, sealed and signed as any tablet's. The
// browser tablets then get it the way a tablet gets any device's history: through the relay
// and the commit road. Loading the same office through the write path on a browser tablet
// takes ~10 min on a busy 2-core machine; this takes seconds plus the push.
//
// Input (argv[2], JSON): { relay, actor, keys } — A's office keys with bytes as base64url.
// Output (stdout, last line, JSON): { device, ops, rows: { table: count } }.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { openDatabase } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { generateDemoOffice } from '$lib/demo/generate';
import { encodeHlc } from '$lib/oplog/hlc';
import { SCHEMA_VERSION, type OpChunk, type RowOp } from '$lib/oplog/format';
import { tableNames, type TableName } from '$lib/domain/tables';
import { fromBase64Url } from '$lib/sync/crypto';
import { SyncEngine } from '$lib/sync/engine';
import { deviceIdentity, saveOfficeKeys, type OfficeKeys } from '$lib/sync/office-keys';
import { startRelayClient } from '$lib/sync/relay-client';
import type { WebSocketClass } from '$lib/sync/websocket-transport';

/** Row ops per chunk: a day's writes share one chunk in the app; the shape is the same. */
const CHUNK_OPS = 500;

interface Input {
  relay: string;
  /** Who writes (A's manager): ops carry the author's staff id, judged by its role. */
  actor: string;
  keys: Record<string, unknown>;
}

/** Bytes travel as { b64: '…' } (base64url); everything else as it is. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.b64 === 'string' && Object.keys(record).length === 1)
      return fromBase64Url(record.b64);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Input;
const office = revive(input.keys) as OfficeKeys;
if (!office.officeSecret) throw new Error('tablet A cannot sign for the office');

const db = openDatabase(`guanjia-large-office-${Date.now()}`);
await db.open();
const { device } = await syncState(db);
// A device of the office: its own key pair, certified with the office key (as pairing does).
const keys: OfficeKeys = {
  ...office,
  ...deviceIdentity(office.officeSecret, office.office, device),
  epochFrom: { [Math.max(...office.epochs.map((e) => e.epoch))]: 1 }
};
await saveOfficeKeys(db, keys);
const engine = new SyncEngine(db, keys);
const Socket = WebSocket as unknown as WebSocketClass;

/** Connect until `done` says so (the relay's "have" of our own ops, or live). */
function connect(done: (live: boolean, have: number) => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let have = 0;
    let live = false;
    const check = () => {
      if (!done(live, have)) return;
      client.stop();
      resolve();
    };
    const client = startRelayClient(engine, input.relay, {
      Socket,
      onPhase: (phase) => ((live = phase === 'live'), check()),
      onRelayHave: (n) => ((have = n), check()),
      onRefused: (code, message) => reject(new Error(`relay refused: ${code} ${message}`))
    });
  });
}

// First what the office holds (A's staff and their roles), as a paired tablet would: the
// generated ops then come after the manager's role, as the manager's own writes would. (The
// other way round, the role op arrives "late" and this device re-judges its whole log.)
await connect((live) => live);

const now = Date.now();
const demo = generateDemoOffice({ size: 'large', asOf: now });
const known = new Set<string>(tableNames);
let seq = 0;
let tick = 0;
const chunks: OpChunk[] = [];
const rows: Record<string, number> = {};
for (const [table, list] of Object.entries(demo)) {
  if (!Array.isArray(list) || !known.has(table)) continue;
  rows[table] = list.length;
  for (let i = 0; i < list.length; i += CHUNK_OPS) {
    const ops: RowOp[] = (list as Record<string, unknown>[]).slice(i, i + CHUNK_OPS).map((row) => ({
      k: 'row',
      t: table as TableName,
      r: String(row.id),
      f: { createdAt: now, updatedAt: now, deleted: false, ...row }
    }));
    chunks.push({
      device,
      first: seq + 1,
      last: seq + ops.length,
      hlc: encodeHlc({ wall: now, counter: tick++, device }),
      actor: input.actor,
      sv: SCHEMA_VERSION,
      ops
    });
    seq += ops.length;
  }
}
// The op log only (as the sync bench does): this device does not fold them into rows itself.
for (let i = 0; i < chunks.length; i += 50) await db.oplog.bulkAdd(chunks.slice(i, i + 50));
const state = await syncState(db);
await db.meta.put({
  ...state,
  hlc: chunks.at(-1)?.hlc ?? state.hlc,
  vv: { ...state.vv, [device]: seq }
});
await connect((_, have) => have >= seq);
console.log(JSON.stringify({ device, ops: seq, rows }));
process.exit(0);
