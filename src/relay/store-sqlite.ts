import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WireBatch } from '../lib/sync/protocol';
import { Grouped, type Enrolment } from './grouped';
import { OfficeBlobStore } from './office-blobs';
import { addColumnIfMissing } from './sqlite-columns';
import { SqliteOwnerInbox } from './owner-inbox-store';
import { ReceiptCounters } from './receipts';
import { parseVector, pruneLimits, raiseAcks } from './prune';
import type {
  BlobPut,
  CommitResult,
  OfficeRow,
  PendingBatch,
  PruneResult,
  RelayStore,
  StoreCounts,
  StoredBatch
} from './store';

/**
 * The relay's state in one SQLite file: ciphertext batches, blobs and the public keys of each
 * office. WAL + synchronous=FULL: a commit is on disk before better-sqlite3 returns, and the
 * relay acknowledges a batch only after its commit, so an acked batch survives kill -9 or
 * power loss. better-sqlite3 is synchronous; the methods are async only to meet the
 * interface (store.ts) that PostgreSQL needs.
 */
function prepareStatements(db: Database.Database) {
  return {
    office: db.prepare(
      'SELECT public_key, bytes, revocation_version, revoked FROM offices WHERE id = ?'
    ),
    createOffice: db.prepare(
      'INSERT OR IGNORE INTO offices (id, public_key, created_at) VALUES (?, ?, ?)'
    ),
    addBytes: db.prepare('UPDATE offices SET bytes = bytes + ? WHERE id = ?'),
    setRevocation: db.prepare(
      'UPDATE offices SET revocation_version = ?, revoked = ? WHERE id = ?'
    ),
    enrol: db.prepare(
      'INSERT INTO devices (office, device, public_key, cert_sig) VALUES (?, ?, ?, ?) ON CONFLICT (office, device) DO UPDATE SET public_key = excluded.public_key, cert_sig = coalesce(excluded.cert_sig, cert_sig)'
    ),
    certificate: db.prepare(
      'SELECT public_key, cert_sig FROM devices WHERE office = ? AND device = ?'
    ),
    officeBytes: db.prepare('SELECT bytes FROM offices WHERE id = ?'),
    device: db.prepare('SELECT public_key, high FROM devices WHERE office = ? AND device = ?'),
    vector: db.prepare('SELECT device, high FROM devices WHERE office = ?'),
    setHigh: db.prepare('UPDATE devices SET high = ? WHERE office = ? AND device = ?'),
    insertBatch: db.prepare(
      'INSERT INTO batches (office, device, first, last, epoch, schema, sig, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    ),
    batchesAfter: db.prepare(
      'SELECT device, first, last, epoch, schema, sig, body FROM batches WHERE office = ? AND device = ? AND last > ? ORDER BY last LIMIT ?'
    ),
    putBlob: db.prepare(
      'INSERT INTO blobs (hash, office, body, expires) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET expires = max(expires, excluded.expires)'
    ),
    blob: db.prepare('SELECT office, body FROM blobs WHERE hash = ? AND expires > ?'),
    hasBlob: db.prepare('SELECT 1 FROM blobs WHERE hash = ?'),
    expired: db.prepare(
      'SELECT office, sum(length(body)) AS bytes FROM blobs WHERE expires <= ? GROUP BY office'
    ),
    purge: db.prepare('DELETE FROM blobs WHERE expires <= ?'),
    acked: db.prepare('SELECT acked FROM devices WHERE office = ? AND device = ?'),
    setAcked: db.prepare('UPDATE devices SET acked = ? WHERE office = ? AND device = ?'),
    pruneRows: db.prepare('SELECT device, high, acked, pruned FROM devices WHERE office = ?'),
    prunable: db.prepare(
      'SELECT count(*) AS n, coalesce(sum(length(body)), 0) AS bytes, max(last) AS top FROM batches WHERE office = ? AND device = ? AND last <= ?'
    ),
    dropBatches: db.prepare('DELETE FROM batches WHERE office = ? AND device = ? AND last <= ?'),
    setPruned: db.prepare('UPDATE devices SET pruned = ? WHERE office = ? AND device = ?'),
    floor: db.prepare('SELECT device, pruned FROM devices WHERE office = ? AND pruned > 0'),
    officeCount: db.prepare('SELECT count(*) AS n FROM offices'),
    totalBytes: db.prepare('SELECT coalesce(sum(bytes), 0) AS n FROM offices')
  };
}

export class SqliteStore implements RelayStore {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  readonly file: string;
  /** Photos, signatures…: sealed pieces kept per office (office-blobs.ts). */
  readonly officeBlobs: OfficeBlobStore;
  readonly receipts: ReceiptCounters;
  readonly ownerInbox: SqliteOwnerInbox;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    dataDir: string,
    private readonly quotaBytes: number
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'relay.sqlite');
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS offices (
        id TEXT PRIMARY KEY, public_key BLOB NOT NULL, bytes INTEGER NOT NULL DEFAULT 0,
        revocation_version INTEGER NOT NULL DEFAULT 0, revoked TEXT NOT NULL DEFAULT '[]', created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS devices (
        office TEXT NOT NULL, device TEXT NOT NULL, public_key BLOB NOT NULL, high INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (office, device)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS batches (
        office TEXT NOT NULL, device TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
        epoch INTEGER NOT NULL, schema INTEGER NOT NULL, sig TEXT NOT NULL, body BLOB NOT NULL,
        PRIMARY KEY (office, device, last));
      CREATE TABLE IF NOT EXISTS blobs (
        hash TEXT PRIMARY KEY, office TEXT NOT NULL, body BLOB NOT NULL, expires INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS blobs_by_expiry ON blobs (expires);
    `);
    // Devices' certificate signatures (protocol 2: the relay hands them to the other devices);
    // a data dir of protocol 1 gets the column, filled at each device's next hello.
    addColumnIfMissing(this.db, 'devices', 'cert_sig', 'TEXT');
    // Batch pruning (prune.ts): what each device acknowledged, and how far its batches went.
    addColumnIfMissing(this.db, 'devices', 'acked', "TEXT NOT NULL DEFAULT '{}'");
    addColumnIfMissing(this.db, 'devices', 'pruned', 'INTEGER NOT NULL DEFAULT 0');
    this.statements = prepareStatements(this.db);
    this.officeBlobs = new OfficeBlobStore(this.db, quotaBytes);
    this.receipts = new ReceiptCounters(this.db);
    this.ownerInbox = new SqliteOwnerInbox(this.db);
  }

  get location(): string {
    return this.file;
  }

  async office(id: string): Promise<OfficeRow | undefined> {
    const row = this.statements.office.get(id) as
      | { public_key: Buffer; bytes: number; revocation_version: number; revoked: string }
      | undefined;
    if (!row) return undefined;
    return {
      publicKey: new Uint8Array(row.public_key),
      bytes: row.bytes,
      revocationVersion: row.revocation_version,
      revoked: new Set(JSON.parse(row.revoked) as string[])
    };
  }

  async officeCount(): Promise<number> {
    return (this.statements.officeCount.get() as { n: number }).n;
  }

  /** Bytes stored by all offices together (the relay-wide cap). */
  async totalBytes(): Promise<number> {
    return (this.statements.totalBytes.get() as { n: number }).n;
  }

  /** First contact of an office and each enrolment in one commit. */
  async enrol(
    office: string,
    officePublicKey: Uint8Array,
    device: string,
    devicePublicKey: Uint8Array,
    now: number,
    certSig?: string
  ): Promise<void> {
    return this.enrolments.add({ office, officePublicKey, device, devicePublicKey, now, certSig });
  }

  /** Hellos arriving together share one transaction (one fsync): see grouped.ts. */
  private readonly enrolments = new Grouped<Enrolment>((items) => {
    this.db.transaction(() => {
      for (const item of items) {
        this.statements.createOffice.run(item.office, item.officePublicKey, item.now);
        this.statements.enrol.run(
          item.office,
          item.device,
          item.devicePublicKey,
          item.certSig ?? null
        );
      }
    })();
  });

  /** A device's certificate as its hello presented it (public: key and office signature). */
  async certificate(
    office: string,
    device: string
  ): Promise<{ key: Uint8Array; sig: string } | undefined> {
    const row = this.statements.certificate.get(office, device) as
      { public_key: Buffer; cert_sig: string | null } | undefined;
    return row?.cert_sig ? { key: new Uint8Array(row.public_key), sig: row.cert_sig } : undefined;
  }

  /** Bytes the office stores (batches and blobs), for the quota. */
  async officeBytes(office: string): Promise<number | undefined> {
    return (this.statements.officeBytes.get(office) as { bytes: number } | undefined)?.bytes;
  }

  async device(
    office: string,
    device: string
  ): Promise<{ publicKey: Uint8Array; high: number } | undefined> {
    return this.deviceRow(office, device);
  }

  private deviceRow(
    office: string,
    device: string
  ): { publicKey: Uint8Array; high: number } | undefined {
    const row = this.statements.device.get(office, device) as
      { public_key: Buffer; high: number } | undefined;
    return row && { publicKey: new Uint8Array(row.public_key), high: row.high };
  }

  async vector(office: string): Promise<Record<string, number>> {
    const vector: Record<string, number> = {};
    for (const row of this.statements.vector.all(office) as { device: string; high: number }[])
      vector[row.device] = row.high;
    return vector;
  }

  async setRevocation(office: string, version: number, devices: string[]): Promise<void> {
    this.statements.setRevocation.run(version, JSON.stringify(devices), office);
  }

  async commitBatches(pending: PendingBatch[]): Promise<CommitResult[]> {
    return this.db.transaction(() =>
      pending.map(({ office, batch, body }): CommitResult => {
        const device = this.deviceRow(office, batch.device);
        if (!device)
          return {
            ok: false,
            code: 'unknown-device',
            message: `device ${batch.device} is not enrolled`
          };
        const { high } = device;
        if (batch.last <= high) return { ok: true, have: high, stored: false };
        if (batch.first > high + 1)
          return {
            ok: false,
            code: 'gap',
            message: `relay has up to ${high}, batch starts at ${batch.first}`,
            have: high
          };
        if (batch.first <= high)
          return {
            ok: false,
            code: 'overlap',
            message: `relay has up to ${high}, batch spans ${batch.first}..${batch.last}`,
            have: high
          };
        const officeRow = this.statements.office.get(office) as { bytes: number } | undefined;
        if (!officeRow) return { ok: false, code: 'internal', message: 'office missing' };
        if (officeRow.bytes + body.length > this.quotaBytes) {
          return {
            ok: false,
            code: 'quota-exceeded',
            message: `office storage quota of ${this.quotaBytes} bytes reached`,
            have: high
          };
        }
        this.statements.insertBatch.run(
          office,
          batch.device,
          batch.first,
          batch.last,
          batch.epoch,
          batch.schema,
          batch.sig,
          body
        );
        this.statements.setHigh.run(batch.last, office, batch.device);
        this.statements.addBytes.run(body.length, office);
        return { ok: true, have: batch.last, stored: true };
      })
    )();
  }

  async batchesAfter(
    office: string,
    device: string,
    after: number,
    limit: number
  ): Promise<StoredBatch[]> {
    const rows = this.statements.batchesAfter.all(office, device, after, limit) as (WireBatch & {
      body: Buffer;
    })[];
    return rows.map((row) => ({
      ...row,
      body: new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength)
    }));
  }

  async acknowledge(office: string, device: string, vector: Record<string, number>): Promise<void> {
    this.db.transaction(() => {
      const row = this.statements.acked.get(office, device) as { acked: string } | undefined;
      if (!row) return;
      // Only the office's own devices are kept (prune.ts raiseAcks: the vector is the device's word).
      const authors = this.statements.vector.all(office) as { device: string }[];
      const next = raiseAcks(parseVector(row.acked), vector, new Set(authors.map((r) => r.device)));
      if (next) this.statements.setAcked.run(JSON.stringify(next), office, device);
    })();
  }

  async prune(office: string, covered: Record<string, number>): Promise<PruneResult> {
    return this.db.transaction((): PruneResult => {
      const result: PruneResult = { batches: 0, bytes: 0, floor: {} };
      const officeRow = this.statements.office.get(office) as { revoked: string } | undefined;
      if (!officeRow) return result;
      const rows = this.statements.pruneRows.all(office) as {
        device: string;
        high: number;
        acked: string;
        pruned: number;
      }[];
      const limits = pruneLimits(
        covered,
        rows.map((r) => ({ device: r.device, high: r.high, acked: parseVector(r.acked) })),
        new Set(JSON.parse(officeRow.revoked) as string[])
      );
      for (const row of rows) {
        let floor = row.pruned;
        const limit = limits[row.device] ?? 0;
        if (limit > floor) {
          const found = this.statements.prunable.get(office, row.device, limit) as {
            n: number;
            bytes: number;
            top: number | null;
          };
          if (found.n > 0 && found.top !== null) {
            this.statements.dropBatches.run(office, row.device, limit);
            this.statements.addBytes.run(-found.bytes, office);
            floor = Math.max(floor, found.top);
            this.statements.setPruned.run(floor, office, row.device);
            result.batches += found.n;
            result.bytes += found.bytes;
          }
        }
        if (floor > 0) result.floor[row.device] = floor;
      }
      return result;
    })();
  }

  async floor(office: string): Promise<Record<string, number>> {
    const floor: Record<string, number> = {};
    for (const row of this.statements.floor.all(office) as { device: string; pruned: number }[])
      floor[row.device] = row.pruned;
    return floor;
  }

  async putBlob(office: string, hash: string, body: Uint8Array, expires: number): Promise<BlobPut> {
    return this.db.transaction(() => {
      const known = this.statements.hasBlob.get(hash) !== undefined;
      const officeRow = this.statements.office.get(office) as { bytes: number };
      if (!known && officeRow.bytes + body.length > this.quotaBytes) {
        return {
          ok: false as const,
          code: 'quota-exceeded' as const,
          message: `office storage quota of ${this.quotaBytes} bytes reached`
        };
      }
      this.statements.putBlob.run(hash, office, body, expires);
      if (!known) this.statements.addBytes.run(body.length, office);
      return { ok: true as const };
    })();
  }

  async blob(hash: string, now: number): Promise<{ office: string; body: Uint8Array } | undefined> {
    const row = this.statements.blob.get(hash, now) as { office: string; body: Buffer } | undefined;
    return row && { office: row.office, body: new Uint8Array(row.body) };
  }

  async purgeExpiredBlobs(now: number): Promise<number> {
    return this.db.transaction(() => {
      for (const row of this.statements.expired.all(now) as { office: string; bytes: number }[]) {
        this.statements.addBytes.run(-row.bytes, row.office);
      }
      return this.statements.purge.run(now).changes;
    })();
  }

  async counts(office?: string): Promise<StoreCounts> {
    const where = office === undefined ? '' : ' WHERE office = ?';
    const args = office === undefined ? [] : [office];
    const count = (sql: string, filter = where): number =>
      (this.db.prepare(sql + filter).get(...args) as { n: number | null }).n ?? 0;
    return {
      offices: count(
        'SELECT count(*) AS n FROM offices',
        office === undefined ? '' : ' WHERE id = ?'
      ),
      devices: count('SELECT count(*) AS n FROM devices'),
      batches: count('SELECT count(*) AS n FROM batches'),
      blobs: count('SELECT count(*) AS n FROM blobs'),
      officeBlobs: count('SELECT count(*) AS n FROM office_blobs'),
      receipts: count('SELECT count(*) AS n FROM receipts'),
      bytes: count(
        'SELECT sum(bytes) AS n FROM offices',
        office === undefined ? '' : ' WHERE id = ?'
      ),
      highs: count('SELECT sum(high) AS n FROM devices'),
      revocations: count(
        'SELECT sum(revocation_version) AS n FROM offices',
        office === undefined ? '' : ' WHERE id = ?'
      )
    };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
