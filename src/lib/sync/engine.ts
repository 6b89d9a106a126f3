import Dexie, { type ObservabilitySet } from 'dexie';
import type { OpChunk, VersionVector } from '$lib/oplog/format';
import { applyRemoteChunks, rebuildBehind, type ApplyTimings } from '$lib/db/apply-remote';
import type { GuanjiaDexie } from '$lib/db/database';
import { RowPresence } from '$lib/db/row-presence';
import { currentKey, epochOfOwnSeq, type OfficeKeys } from './office-keys';
import { openSealed, SealError, sealChunks, type SealedBatch } from './seal';
import { syncLog } from './sync-log';

export interface ReceiveResult {
  applied: number;
  /** A chunk started after a gap: ask the sender again from our vector. */
  gaps: boolean;
  /** A batch used an office key epoch we lack (a rotation not yet received): ask again later. */
  missingKey: boolean;
  /** Batches refused (forged, corrupt, malformed): logged, nothing stored. */
  refused: number;
}

export interface OutgoingOptions {
  /** Largest sealed body the other side takes. */
  maxBodyBytes: number;
  /** Relay: only this device's own ops (the relay takes batches signed by their author). */
  onlyOwn?: boolean;
  /** Peer: the highest office key epoch it holds; own ops follow `epochFrom` when absent. */
  peerEpoch?: number;
  /**
   * Carry this device's certificate in each batch (default: yes, e.g. files). Sessions say
   * no: the peer has it from the hello, the relay hands it on once per connection.
   */
  certificate?: boolean;
}

const PAGE_CHUNKS = 500;
/** A receive this large is part of a catch-up (row-presence.ts pays off from here). */
const CATCH_UP_OPS = 2000;
const PRESENCE_IDLE_MS = 30_000;
// Deflated JSON of field ops is 4–8× smaller; a sealed body above the limit is cut again.
const COMPRESSION_GUESS = 3;

/**
 * The core shared by every session (relay, direct, file): which sealed batches a peer
 * holding `theirs` is missing, and receive → open → validate → apply for what arrives.
 * One engine per device; sessions serialise nothing themselves, the engine applies one
 * receive at a time so that transactions stay large and never interleave.
 */
export class SyncEngine {
  /**
   * The receive pipeline: the last apply queued, when it starts writing rows (or ends), and
   * the last open.
   */
  private applying: Promise<unknown> = Promise.resolve();
  private writing: Promise<unknown> = Promise.resolve();
  private opening: Promise<unknown> = Promise.resolve();
  /** What the op log held at the last look: never above it (the log only grows). */
  private held: VersionVector = {};
  /** Rows known to exist, while a catch-up brings large receives (row-presence.ts). */
  private presence: RowPresence | undefined;
  /** A catch-up's large applies left derived data to be built once at its end (settle). */
  private derivedBehind = false;
  private forgetPresence: ReturnType<typeof setTimeout> | undefined;
  private readonly changeListeners = new Set<() => void>();
  private readonly keyListeners = new Set<(keys: OfficeKeys) => void>();
  private unwatch: (() => void) | undefined;

  constructor(
    readonly db: GuanjiaDexie,
    public keys: OfficeKeys,
    private readonly options: { timings?: ApplyTimings } = {}
  ) {}

  /** Settled unless a snapshot join runs (relay-session.ts): see `holdForJoin`. */
  private joinGate: Promise<void> = Promise.resolve();

  /**
   * While this device looks for (and merges) a snapshot, a direct session waits before
   * telling its peer what it holds: told "nothing", the peer would send the whole history
   * the snapshot stands in for. Returns the release.
   */
  holdForJoin(): () => void {
    let release: () => void = () => {};
    this.joinGate = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  whenJoined(): Promise<void> {
    return this.joinGate;
  }

  get device(): string {
    return this.keys.device;
  }

  async vector(): Promise<VersionVector> {
    const vv = (await this.db.meta.get('sync'))?.vv ?? {};
    this.held = vv;
    return vv;
  }

  /** New keys (a rotation received, a revocation): sessions re-announce and re-ask. */
  updateKeys(keys: OfficeKeys): void {
    this.keys = keys;
    for (const listener of this.keyListeners) listener(keys);
  }

  onKeys(listener: (keys: OfficeKeys) => void): () => void {
    this.keyListeners.add(listener);
    return () => this.keyListeners.delete(listener);
  }

  /**
   * Calls `listener` whenever the op log grows (a write in any tab, or ops received):
   * sessions then send what their peer lacks. Dexie's `storagemutated` event fires as the
   * write's transaction completes (other tabs' writes arrive by BroadcastChannel), with no
   * hook in the write path and no read: a live edit leaves at once.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    if (!this.unwatch) {
      const prefix = `idb://${this.db.name}/oplog/`;
      const mutated = (parts: ObservabilitySet): void => {
        if (!Object.keys(parts).some((part) => part.startsWith(prefix) || part === 'all')) return;
        for (const l of this.changeListeners) l();
      };
      Dexie.on('storagemutated', mutated);
      this.unwatch = () => Dexie.on.storagemutated.unsubscribe(mutated);
    }
    return () => {
      this.changeListeners.delete(listener);
      if (!this.changeListeners.size) {
        this.unwatch?.();
        this.unwatch = undefined;
      }
    };
  }

  /** Sealed batches holding every op above `theirs`, oldest first per device. */
  async *outgoing(theirs: VersionVector, options: OutgoingOptions): AsyncGenerator<SealedBatch> {
    // Own ops only (the relay): no need to read the vector, the op log says what there is.
    const mine = options.onlyOwn ? undefined : await this.vector();
    const devices = mine ? Object.keys(mine) : [this.device];
    for (const device of devices) {
      let from = theirs[device] ?? 0;
      while (!mine || (mine[device] ?? 0) > from) {
        const chunks = await this.chunksAfter(device, from);
        if (!chunks.length) break;
        // Compacted away (db/compact.ts): every enrolled device and the relay held it when it
        // was dropped; a device that still lacks it joins from a snapshot. Sending what
        // follows would only be refused as a gap.
        if (chunks[0].first > from + 1) {
          syncLog('compacted', { device, from, first: chunks[0].first });
          break;
        }
        for (const batch of await this.seal(chunks, options)) {
          yield batch;
          from = batch.meta.last;
        }
        if (chunks.length < PAGE_CHUNKS) break;
      }
    }
  }

  /**
   * A page of `device`'s chunks holding its ops above `from` (the op log holds each
   * device's ops without gaps: apply-remote refuses a chunk after a gap), the first one
   * cut to start at `from + 1`. One read, on the live path of every edit.
   */
  private async chunksAfter(device: string, from: number): Promise<OpChunk[]> {
    const chunks = await this.db.oplog
      .where('[device+last]')
      .between([device, from + 1], [device, Infinity], true, true)
      .limit(PAGE_CHUNKS)
      .toArray();
    return chunks.map((c) =>
      c.first <= from ? { ...c, first: from + 1, ops: c.ops.slice(from + 1 - c.first) } : c
    );
  }

  /** Cut one device's chunks into batches under the size limit and the epoch boundaries. */
  private async seal(chunks: OpChunk[], options: OutgoingOptions): Promise<SealedBatch[]> {
    const budget = Math.max(1024, options.maxBodyBytes - 1024) * COMPRESSION_GUESS;
    const epochOf = (chunk: OpChunk): number =>
      options.peerEpoch !== undefined
        ? Math.min(options.peerEpoch, currentKey(this.keys).epoch)
        : chunk.device === this.device
          ? epochOfOwnSeq(this.keys, chunk.first)
          : currentKey(this.keys).epoch;
    const groups: { epoch: number; chunks: OpChunk[] }[] = [];
    let size = 0;
    for (const whole of chunks)
      for (const chunk of splitChunk(whole, budget)) {
        const epoch = epochOf(chunk);
        const bytes = JSON.stringify(chunk.ops).length + 200;
        const group = groups.at(-1);
        if (group && group.epoch === epoch && size + bytes <= budget) {
          group.chunks.push(chunk);
          size += bytes;
        } else {
          groups.push({ epoch, chunks: [chunk] });
          size = bytes;
        }
      }
    const out: SealedBatch[] = [];
    for (const group of groups)
      out.push(...(await this.sealFitting(group.chunks, group.epoch, options)));
    return out;
  }

  private async sealFitting(
    chunks: OpChunk[],
    epoch: number,
    options: OutgoingOptions
  ): Promise<SealedBatch[]> {
    const sealed = await sealChunks(this.keys, chunks, epoch, {
      certificate: options.certificate ?? true
    });
    if (sealed.body.length <= options.maxBodyBytes - 512) return [sealed];
    if (chunks.length === 1) {
      const parts = splitChunk(chunks[0], Math.ceil(JSON.stringify(chunks[0].ops).length / 2));
      if (parts.length === 1) throw new Error('a single op is larger than the batch limit');
      return this.sealFitting(parts, epoch, options);
    }
    const half = Math.ceil(chunks.length / 2);
    return [
      ...(await this.sealFitting(chunks.slice(0, half), epoch, options)),
      ...(await this.sealFitting(chunks.slice(half), epoch, options))
    ];
  }

  /**
   * Open, validate and apply received batches in one transaction (after the previous
   * receive finished). A refused batch is logged and skipped; the others still apply.
   */
  receive(
    batches: SealedBatch[],
    from: string,
    /** catchUp: part of a pull (a session's catch-up); the session calls `settle` after it. */
    options: { allOrNothing?: boolean; catchUp?: boolean } = {}
  ): Promise<ReceiveResult> {
    // A pipeline: opening a receive (CPU: inflate, JSON, zod, signatures) overlaps the apply
    // of the one before (IndexedDB); applies run one at a time, in the order received. The
    // open waits until that apply writes rows: the same thread runs the apply's reads and
    // fold before them, and IndexedDB idles while an open holds it. At most one receive is
    // opened ahead of the apply that runs, so a long catch-up does not hold the whole
    // history as objects in memory.
    const gate = Promise.all([this.opening, this.writing]);
    const opened = gate.then(() => this.open(batches, from));
    let writes = (): void => undefined;
    const writing = new Promise<void>((resolve) => (writes = resolve));
    const run = Promise.all([opened, this.applying])
      .then(([result]) =>
        this.apply(result, options.allOrNothing ?? false, options.catchUp ?? false, writes)
      )
      .finally(writes);
    this.opening = opened.catch(() => undefined);
    this.writing = writing;
    this.applying = run.catch(() => undefined);
    return run;
  }

  /**
   * A catch-up is done (its session pulled everything): build the derived data its large
   * applies left behind (db/derived.ts `deferrable`), after the applies queued so far.
   */
  settle(): Promise<void> {
    const run = Promise.all([this.applying, this.settling]).then(async () => {
      if (!this.derivedBehind) return;
      this.derivedBehind = false;
      const started = performance.now();
      await rebuildBehind(this.db);
      this.options.timings?.('apply.derived.rebuild', performance.now() - started, 1);
    });
    this.settling = run.catch(() => undefined);
    return run;
  }
  private settling: Promise<unknown> = Promise.resolve();

  private async open(
    batches: SealedBatch[],
    from: string
  ): Promise<{ result: ReceiveResult; chunks: OpChunk[] }> {
    const result: ReceiveResult = { applied: 0, gaps: false, missingKey: false, refused: 0 };
    const started = performance.now();
    // What we held at the last look, not a read now: that read would wait for the apply
    // running meanwhile. A stale view only means opening a batch the apply will then skip.
    const held = this.held;
    const chunks: OpChunk[] = [];
    for (const batch of batches) {
      // Already held (a resend, a batch that came by two roads): no need to decrypt it.
      if (batch.meta.last <= (held[batch.meta.device] ?? 0)) continue;
      try {
        const opened = await openSealed(this.keys, batch);
        // Issue 21: a batch forwarded by another device (peer sessions) carries that device's
        // signature, not its author's: a device enrolled with a role ceiling (a company
        // device) forwards nothing, or it could pass forged ops off as a tablet's.
        const { signer, device } = batch.meta;
        if (signer && signer !== device && (await this.db.device.get(signer))?.ceiling)
          throw new SealError('bad-certificate', `${signer} may not forward other devices' ops`);
        chunks.push(...opened);
      } catch (error) {
        // A key or a certificate not received yet: asked again later, not refused.
        if (
          error instanceof SealError &&
          (error.reason === 'unknown-epoch' || error.reason === 'unknown-signer')
        ) {
          result.missingKey = true;
          continue;
        }
        result.refused++;
        syncLog('reject', {
          from,
          device: batch.meta.device,
          first: batch.meta.first,
          last: batch.meta.last,
          reason: error instanceof SealError ? error.reason : 'error',
          message: error instanceof Error ? error.message : String(error)
        });
      }
    }
    this.options.timings?.('open', performance.now() - started, batches.length);
    return { result, chunks };
  }

  private async apply(
    { result, chunks }: { result: ReceiveResult; chunks: OpChunk[] },
    allOrNothing: boolean,
    catchUp: boolean,
    writes: () => void
  ): Promise<ReceiveResult> {
    // A file is taken whole or not at all: one bad batch means a damaged or forged file.
    if (!chunks.length || (allOrNothing && (result.refused || result.missingKey))) return result;
    // A large receive is a catch-up: remember which rows exist until live batches come.
    let ops = 0;
    for (const chunk of chunks) ops += chunk.ops.length;
    clearTimeout(this.forgetPresence);
    if (ops >= CATCH_UP_OPS) {
      this.presence ??= new RowPresence();
      // A set of every row id costs memory (~20 MB for the large office): not kept idle.
      this.forgetPresence = setTimeout(() => (this.presence = undefined), PRESENCE_IDLE_MS);
    } else this.presence = undefined;
    // A large apply of a catch-up leaves the request index behind: built once by settle().
    const deferDerived = catchUp && ops >= CATCH_UP_OPS;
    if (deferDerived) this.derivedBehind = true;
    const started = performance.now();
    const applied = await applyRemoteChunks(chunks, {
      db: this.db,
      presence: this.presence,
      timings: this.options.timings,
      deferDerived,
      writes
    });
    this.options.timings?.('apply', performance.now() - started, applied.applied);
    result.applied = applied.applied;
    result.gaps = applied.gaps.length > 0;
    return result;
  }
}

/** Split a chunk whose ops exceed `budget` bytes of JSON into chunks of consecutive seqs. */
export function splitChunk(chunk: OpChunk, budget: number): OpChunk[] {
  if (chunk.ops.length === 1) return [chunk];
  const size = JSON.stringify(chunk.ops).length;
  if (size <= budget) return [chunk];
  const per = Math.max(1, Math.floor(chunk.ops.length * (budget / size) * 0.9));
  const out: OpChunk[] = [];
  for (let i = 0; i < chunk.ops.length; i += per) {
    const ops = chunk.ops.slice(i, i + per);
    out.push({ ...chunk, first: chunk.first + i, last: chunk.first + i + ops.length - 1, ops });
  }
  return out;
}
