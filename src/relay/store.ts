import type { ErrorCode, WireBatch } from '../lib/sync/protocol';
import type { OwnerInboxStore } from './owner-inbox-store';

/**
 * The relay's storage, behind one asynchronous interface with two implementations:
 * `SqliteStore` (store-sqlite.ts: one file, the default for `npm start` and an office PC) and
 * `PgStore` (store-postgres.ts: several relay processes over one PostgreSQL).
 *
 * Guarantees every implementation keeps (tests/relay runs against both):
 * - a promise that resolves after a write means the write is committed and durable
 *   (fsynced): the relay acknowledges a batch only then, so an acked batch survives kill -9;
 * - a refused write changes nothing (each call is one transaction);
 * - only ciphertext, public keys and counters are kept: nothing that decrypts anything.
 *
 * New relay state (e.g. an owner→office inbox) is added as another sub-store like
 * `officeBlobs` / `receipts` / `ownerInbox`: an interface, one implementation in each store.
 */
export interface StoredBatch extends WireBatch {
  body: Uint8Array;
}

export interface PendingBatch {
  office: string;
  batch: WireBatch;
  body: Uint8Array;
}

export type CommitResult =
  | { ok: true; have: number; stored: boolean }
  | { ok: false; code: ErrorCode; message: string; have?: number };

export interface OfficeRow {
  publicKey: Uint8Array;
  bytes: number;
  revocationVersion: number;
  revoked: Set<string>;
}

export type BlobPut = { ok: true } | { ok: false; code: ErrorCode; message: string };

export type OfficeBlobPut =
  { ok: true; stored: boolean } | { ok: false; code: ErrorCode; message: string };

export type OfficeBlobDrop =
  { ok: true; ids: string[]; bytes: number } | { ok: false; code: ErrorCode; message: string };

/**
 * What a device said a piece is when it put it: only a snapshot's piece may be dropped, so a
 * device (a stolen tablet before its revocation, a bug) can free old snapshots but never
 * delete the office's photos and signatures. The relay learns which pieces are snapshots, as
 * it could tell anyway from the drops.
 */
export type OfficeBlobKind = 'file' | 'snapshot';

/** An office's attachments (office-blobs.ts explains retention and addressing). */
export interface OfficeBlobStorage {
  /** Committed before it resolves: the answer may be sent at once. */
  put(
    office: string,
    id: string,
    body: Uint8Array,
    now: number,
    kind: OfficeBlobKind
  ): Promise<OfficeBlobPut>;
  get(office: string, id: string): Promise<Uint8Array | undefined>;
  /** The addresses of `ids` this office does not hold. */
  missing(office: string, ids: string[]): Promise<string[]>;
  /**
   * Old snapshots' pieces, asked by `device` (issue 12 §5): in one transaction, only if the
   * device is enrolled in `office` and not revoked, delete this office's snapshot pieces with
   * those ids (unknown ids and other pieces are ignored) and lower the office's bytes by what
   * they held.
   */
  drop(office: string, device: string, ids: readonly string[]): Promise<OfficeBlobDrop>;
  /** Pieces and bytes held for an office (tests, the load script). */
  usage(office: string): Promise<{ pieces: number; bytes: number }>;
}

export type OpenResult = { ok: true } | { ok: false; status: number; reason: string };

/** Anonymous read receipts (receipts.ts): a counter per opaque tag. */
export interface ReceiptStorage {
  /** Opens (or keeps longer) an office's tags; a tag another office holds is refused. */
  open(
    office: string,
    tags: readonly string[],
    expires: number,
    limits: { maxTagsPerOffice: number; maxTags: number }
  ): Promise<OpenResult>;
  /** One read; false when the tag is unknown or expired. */
  ping(tag: string, now: number): Promise<boolean>;
  /** Counts of an office's own open tags (others' and unknown tags are left out). */
  counts(office: string, tags: readonly string[], now: number): Promise<Record<string, number>>;
  purgeExpired(now: number): Promise<number>;
}

/** Row counts and content hashes of what is committed (tests, migration check). */
export interface StoreCounts {
  offices: number;
  devices: number;
  batches: number;
  blobs: number;
  officeBlobs: number;
  receipts: number;
  bytes: number;
  highs: number;
  revocations: number;
}

/** What `RelayStore.prune` dropped, and what the office's log now starts after. */
export interface PruneResult {
  batches: number;
  bytes: number;
  /** Per author device: the last op dropped (batches up to it are gone); 0 = none. */
  floor: Record<string, number>;
}

export interface RelayStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data is, for the log (a file path, or the database without its password). */
  readonly location: string;
  readonly officeBlobs: OfficeBlobStorage;
  readonly receipts: ReceiptStorage;
  /** The owner→office inbox (owner-inbox-store.ts, issue 16). */
  readonly ownerInbox: OwnerInboxStore;

  office(id: string): Promise<OfficeRow | undefined>;
  officeCount(): Promise<number>;
  /** Bytes stored by all offices together (the relay-wide cap). */
  totalBytes(): Promise<number>;
  /** First contact of an office and each enrolment in one commit. */
  enrol(
    office: string,
    officePublicKey: Uint8Array,
    device: string,
    devicePublicKey: Uint8Array,
    now: number,
    certSig?: string
  ): Promise<void>;
  /** A device's certificate as its hello presented it (public: key and office signature). */
  certificate(
    office: string,
    device: string
  ): Promise<{ key: Uint8Array; sig: string } | undefined>;
  /** Bytes the office stores (batches and blobs), for the quota. */
  officeBytes(office: string): Promise<number | undefined>;
  device(
    office: string,
    device: string
  ): Promise<{ publicKey: Uint8Array; high: number } | undefined>;
  vector(office: string): Promise<Record<string, number>>;
  setRevocation(office: string, version: number, devices: string[]): Promise<void>;
  /**
   * Appends batches in one transaction (group commit) and returns one result per batch.
   * A device's batches must be contiguous: a batch already held is acknowledged again
   * (idempotent resend after a crash); one that would leave a hole or overlap is refused.
   */
  commitBatches(pending: PendingBatch[]): Promise<CommitResult[]>;
  batchesAfter(
    office: string,
    device: string,
    after: number,
    limit: number
  ): Promise<StoredBatch[]>;
  /**
   * What a device holds (the vector of its pull): kept per device, only ever raised. Pruning
   * drops nothing a device that is still enrolled has not acknowledged.
   */
  acknowledge(office: string, device: string, vector: Record<string, number>): Promise<void>;
  /**
   * Batch pruning after compaction (issue 12 §5): a device published a snapshot covering
   * `covered`; in one transaction, drop each author's batches whose ops are all within
   * `covered` AND acknowledged by every enrolled device (revoked ones do not count). Needs
   * no plaintext: ids, counters and vectors only. A device below the floor joins from the
   * snapshot (lib/sync/snapshot-relay.ts).
   */
  prune(office: string, covered: Record<string, number>): Promise<PruneResult>;
  /** Per author device: ops up to here were pruned (absent: none). */
  floor(office: string): Promise<Record<string, number>>;
  /** Short-link blobs: public by hash, with a TTL. */
  putBlob(office: string, hash: string, body: Uint8Array, expires: number): Promise<BlobPut>;
  blob(hash: string, now: number): Promise<{ office: string; body: Uint8Array } | undefined>;
  purgeExpiredBlobs(now: number): Promise<number>;
  /** What is committed, counted (and, with `office`, only that office). */
  counts(office?: string): Promise<StoreCounts>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** SQLite: the directory of relay.sqlite. */
  dataDir: string;
  /** PostgreSQL instead (postgres://…): several relay processes may share it. */
  databaseUrl?: string;
  quotaBytes: number;
}

/** The store the options ask for. */
export async function openStore(options: StoreOptions): Promise<RelayStore> {
  if (options.databaseUrl) {
    const { PgStore } = await import('./store-postgres');
    return PgStore.open(options.databaseUrl, options.quotaBytes);
  }
  const { SqliteStore } = await import('./store-sqlite');
  return new SqliteStore(options.dataDir, options.quotaBytes);
}
