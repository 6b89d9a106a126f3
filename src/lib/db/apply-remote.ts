import { decodeHlc, hlcAhead, receiveHlc } from '$lib/oplog/hlc';
import type { OpChunk } from '$lib/oplog/format';
import { admitChunks, tablesOf } from '$lib/oplog/fold';
import type { Migrations } from '$lib/oplog/migrate';
import { clockBound, commitChunks, commitScope, settleAuthors, type CommitTimings } from './commit';
import { foldRules } from './commit-rules';
import type { TableName } from '$lib/domain/tables';
import { database, type GuanjiaDexie, type SyncState } from './database';
import { rebuildDeferred } from './derived';
import type { RowPresence } from './row-presence';
import { readSyncState } from './sync-state';

export interface ApplyResult {
  /** Ops newly stored (duplicates and already-held ops are not counted). */
  applied: number;
  /** Chunks that start after a gap in that device's sequence: the sender must resend from vv. */
  gaps: { device: string; expected: number; got: number }[];
}

/** Where an apply spends its time (the sync bench's breakdown): stage, ms, items. */
export type ApplyTimings = CommitTimings;

export interface ApplyOptions {
  db?: GuanjiaDexie;
  now?: number;
  /** Rows known to exist (a catch-up): only those are read before the fold. */
  presence?: RowPresence;
  timings?: ApplyTimings;
  /** The schema version this app runs (tests pretend to be another one). */
  schemaVersion?: number;
  /** The record migrations (tests bring their own). */
  migrations?: Migrations;
  /**
   * Part of a large catch-up: derived data one build makes cheaper is left behind, to be
   * built by `rebuildDeferred` (derived.ts) once the catch-up is done (engine.settle).
   */
  deferDerived?: boolean;
  /** Called once the rows start to be written (commit.ts `writes`). */
  writes?: () => void;
}

/**
 * Apply chunks received from another device through the commit road of local writes
 * (commit.ts: field-level last-writer-wins by HLC over the stored rows, deleted ones
 * included), in one transaction. Idempotent and safe in any order: an op already held is
 * skipped, an op older than a field's value changes nothing, and a chunk after a gap is
 * refused (reported) until the missing ops arrive. Ops of a newer schema or an unknown
 * table are kept in the op log (passed on, applied after an app update: applyDeferred) and
 * flagged so the UI can say "请更新应用". Ops whose author's role may not make them are kept
 * but not applied. A sender's clock far ahead moves this device's clock only up to the bound.
 */
export async function applyRemoteChunks(
  chunks: OpChunk[],
  options: ApplyOptions = {}
): Promise<ApplyResult> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const { presence, timings } = options;
  let mark = performance.now();

  // The transaction covers only the tables these chunks write, so that the screens'
  // reads of other tables are not held up behind a long catch-up.
  const rules = foldRules(options.schemaVersion);
  const touched = tablesOf(chunks, rules) as Set<TableName>;
  const hasDocs = chunks.some((c) => c.ops.some((op) => op.k === 'yjs'));
  const written = new Map<TableName, string[]>();
  let rejudge = false;
  const result = await db.transaction(
    'rw',
    commitScope(db, touched, 'remote', hasDocs, options.deferDerived),
    async () => {
      timings?.('apply.wait', performance.now() - mark, chunks.length);
      mark = performance.now();
      const state = await readSyncState(db);
      const { fresh, vv, gaps } = admitChunks(state.vv, chunks);
      const result: ApplyResult = { applied: 0, gaps };
      if (!fresh.length) return result;
      const bound = await clockBound(db);
      let hlc = state.hlc;
      const clockAhead = new Map(Object.entries(state.clockAhead ?? {}));
      for (const chunk of fresh) {
        result.applied += chunk.ops.length;
        hlc = receiveHlc(hlc, chunk.hlc, now, state.device, bound);
        // A live op says how far its device's clock is from ours; an old one (a catch-up) not.
        const ahead = hlcAhead(chunk.hlc, now);
        const author = decodeHlc(chunk.hlc).device;
        if (ahead > bound) clockAhead.set(author, { ms: ahead, at: now });
        else if (ahead > -bound) clockAhead.delete(author);
      }
      const next: SyncState = { ...state, hlc, vv, clockAhead: Object.fromEntries(clockAhead) };
      if (!clockAhead.size) delete next.clockAhead;
      timings?.('apply.clock', performance.now() - mark, fresh.length);
      const committed = await commitChunks(db, next, fresh, 'remote', {
        presence,
        timings,
        schemaVersion: options.schemaVersion,
        migrations: options.migrations,
        deferDerived: options.deferDerived,
        writes: options.writes
      });
      rejudge = committed.state.rejudge !== undefined;
      for (const [table, ids] of committed.changed) written.set(table, ids);
      mark = performance.now();
      return result;
    }
  );
  // From the last request to IndexedDB's "complete".
  timings?.('apply.complete', performance.now() - mark, result.applied);
  // A role change that arrived after its staff member's later ops: judged again (commit.ts).
  if (rejudge) await settleAuthors(db, options);
  if (presence) for (const [table, ids] of written) presence.committed(table, ids);
  return result;
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

/** After a catch-up applied with `deferDerived`: build what it left behind (derived.ts). */
export const rebuildBehind = (db: GuanjiaDexie): Promise<void> => rebuildDeferred(db);
