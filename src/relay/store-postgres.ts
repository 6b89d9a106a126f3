import pg from 'pg';
import { Grouped, type Enrolment } from './grouped';
import type { WireBatch } from '../lib/sync/protocol';
import { BUS_SCHEMA } from './bus';
import { parseVector, pruneLimits, raiseAcks } from './prune';
import { mayDrop } from './office-blobs';
import type {
  InboxQuota,
  InboxResult,
  OwnerInboxStore,
  StoredSubmission
} from './owner-inbox-store';
import type {
  BlobPut,
  CommitResult,
  OfficeBlobDrop,
  OfficeBlobKind,
  OfficeBlobPut,
  OfficeBlobStorage,
  OfficeRow,
  OpenResult,
  PendingBatch,
  PruneResult,
  ReceiptStorage,
  RelayStore,
  StoreCounts,
  StoredBatch
} from './store';

/**
 * The relay's state in PostgreSQL, for several relay processes behind one address (README
 * "Many offices"). Same tables and rules as store-sqlite.ts. Durability: PostgreSQL commits
 * with fsync and synchronous_commit on (its defaults; the relay refuses to start otherwise),
 * and every write here is one transaction that has committed before its promise resolves, so
 * an acknowledged batch survives kill -9 of any relay process and a restart of PostgreSQL.
 */

// bigint columns (bytes, seqs, times) fit in a double; read them as numbers, not strings.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS offices (
  id text PRIMARY KEY, public_key bytea NOT NULL, bytes bigint NOT NULL DEFAULT 0,
  revocation_version bigint NOT NULL DEFAULT 0, revoked text NOT NULL DEFAULT '[]',
  created_at bigint NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
  office text NOT NULL, device text NOT NULL, public_key bytea NOT NULL,
  high bigint NOT NULL DEFAULT 0, cert_sig text, PRIMARY KEY (office, device));
-- Batch pruning (prune.ts): what each device acknowledged, and how far its batches went.
ALTER TABLE devices ADD COLUMN IF NOT EXISTS acked text NOT NULL DEFAULT '{}';
ALTER TABLE devices ADD COLUMN IF NOT EXISTS pruned bigint NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS batches (
  office text NOT NULL, device text NOT NULL, first bigint NOT NULL, last bigint NOT NULL,
  epoch bigint NOT NULL, schema bigint NOT NULL, sig text NOT NULL, body bytea NOT NULL,
  PRIMARY KEY (office, device, last));
CREATE TABLE IF NOT EXISTS blobs (
  hash text PRIMARY KEY, office text NOT NULL, body bytea NOT NULL, expires bigint NOT NULL);
CREATE INDEX IF NOT EXISTS blobs_by_expiry ON blobs (expires);
CREATE TABLE IF NOT EXISTS office_blobs (
  office text NOT NULL, id text NOT NULL, body bytea NOT NULL, stored_at bigint NOT NULL,
  kind text NOT NULL DEFAULT 'file', PRIMARY KEY (office, id));
ALTER TABLE office_blobs ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'file';
CREATE TABLE IF NOT EXISTS receipts (
  tag text PRIMARY KEY, office text NOT NULL, count bigint NOT NULL DEFAULT 0,
  expires bigint NOT NULL);
CREATE INDEX IF NOT EXISTS receipts_by_office ON receipts (office);
CREATE TABLE IF NOT EXISTS owner_links (
  tag text PRIMARY KEY, office text NOT NULL, expires bigint NOT NULL);
CREATE INDEX IF NOT EXISTS owner_links_by_office ON owner_links (office);
CREATE TABLE IF NOT EXISTS owner_inbox (
  id bigserial PRIMARY KEY, office text NOT NULL, tag text NOT NULL, at bigint NOT NULL,
  body bytea NOT NULL);
CREATE INDEX IF NOT EXISTS owner_inbox_by_office ON owner_inbox (office, id);
CREATE TABLE IF NOT EXISTS owner_status (
  id text PRIMARY KEY, office text NOT NULL, at bigint NOT NULL, expires bigint NOT NULL,
  body bytea NOT NULL);

-- A group of batches in one statement (one round trip, one transaction): rows are locked in
-- (office, device) order, so two relay processes committing groups of one office cannot deadlock;
-- a device's batches keep their order. Returns one row per input: 'stored' | 'held' | a refusal.
CREATE OR REPLACE FUNCTION relay_commit_batches(
  p_office text[], p_device text[], p_first bigint[], p_last bigint[], p_epoch bigint[],
  p_schema bigint[], p_sig text[], p_body bytea[], p_quota bigint, p_origin text)
RETURNS TABLE (idx int, outcome text, have bigint) LANGUAGE plpgsql AS $$
DECLARE
  i int;
  v_high bigint;
  v_bytes bigint;
BEGIN
  FOR i IN SELECT g FROM generate_subscripts(p_office, 1) AS g
           ORDER BY p_office[g], p_device[g], g LOOP
    idx := i;
    SELECT d.high INTO v_high FROM devices d
      WHERE d.office = p_office[i] AND d.device = p_device[i] FOR UPDATE;
    IF NOT FOUND THEN
      outcome := 'unknown-device'; have := NULL; RETURN NEXT; CONTINUE;
    END IF;
    have := v_high;
    IF p_last[i] <= v_high THEN outcome := 'held'; RETURN NEXT; CONTINUE; END IF;
    IF p_first[i] > v_high + 1 THEN outcome := 'gap'; RETURN NEXT; CONTINUE; END IF;
    IF p_first[i] <= v_high THEN outcome := 'overlap'; RETURN NEXT; CONTINUE; END IF;
    SELECT o.bytes INTO v_bytes FROM offices o WHERE o.id = p_office[i] FOR UPDATE;
    IF NOT FOUND THEN outcome := 'office-missing'; RETURN NEXT; CONTINUE; END IF;
    IF v_bytes + length(p_body[i]) > p_quota THEN
      outcome := 'quota-exceeded'; RETURN NEXT; CONTINUE;
    END IF;
    INSERT INTO batches (office, device, first, last, epoch, schema, sig, body)
      VALUES (p_office[i], p_device[i], p_first[i], p_last[i], p_epoch[i], p_schema[i], p_sig[i], p_body[i]);
    UPDATE devices SET high = p_last[i] WHERE office = p_office[i] AND device = p_device[i];
    UPDATE offices SET bytes = bytes + length(p_body[i]) WHERE id = p_office[i];
    -- Other relay processes pass it on to their devices of the office, once committed (bus.ts).
    IF p_origin IS NOT NULL THEN
      PERFORM pg_notify('relay', json_build_object('k', 'b', 'p', p_origin, 'o', p_office[i],
        'd', p_device[i], 'l', p_last[i])::text);
    END IF;
    outcome := 'stored'; have := p_last[i]; RETURN NEXT;
  END LOOP;
END $$;
`;

/** Serialization failures and deadlocks: the transaction changed nothing and may be run again. */
const RETRY_CODES = new Set(['40001', '40P01']);

function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function buffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The URL without its password, for the log. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

export class PgStore implements RelayStore {
  readonly kind = 'postgres' as const;
  readonly officeBlobs: OfficeBlobStorage;
  readonly receipts: ReceiptStorage;
  readonly ownerInbox: OwnerInboxStore;
  /** This process's id on the bus (bus.ts): committed batches are announced to the others. */
  origin: string | undefined;

  private constructor(
    readonly pool: pg.Pool,
    readonly url: string,
    private readonly quotaBytes: number
  ) {
    this.officeBlobs = new PgOfficeBlobs(this, quotaBytes);
    this.receipts = new PgReceipts(this);
    this.ownerInbox = new PgOwnerInbox(this);
  }

  get location(): string {
    return redactedUrl(this.url);
  }

  /** Connects, checks durability settings and creates the tables (once, under a lock). */
  static async open(url: string, quotaBytes: number, poolSize = 10): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
    // An idle client that loses its server (PostgreSQL restarting) is dropped, not fatal.
    pool.on('error', () => undefined);
    const store = new PgStore(pool, url, quotaBytes);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      const settings = await client.query<{ fsync: string; commit: string }>(
        "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit"
      );
      const { fsync, commit } = settings.rows[0];
      if (fsync !== 'on' || commit === 'off')
        throw new Error(
          `PostgreSQL runs with fsync=${fsync}, synchronous_commit=${commit}: an acknowledged batch could be lost; the relay needs both on`
        );
      // Several relay processes may start at once: one creates the schema, the others wait.
      await client.query('SELECT pg_advisory_xact_lock(727001)');
      await client.query(SCHEMA);
      await client.query(BUS_SCHEMA);
    });
  }

  /** One transaction; run again (a few times) on a serialization failure or deadlock. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // Destroyed, not pooled: after a lost server it would fail the next caller too.
        client.release(true);
        const code = (error as { code?: string }).code;
        if (attempt < 4 && code && RETRY_CODES.has(code)) continue;
        throw error;
      }
    }
  }

  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, values)).rows;
  }

  async office(id: string): Promise<OfficeRow | undefined> {
    const [row] = await this.query<{
      public_key: Buffer;
      bytes: number;
      revocation_version: number;
      revoked: string;
    }>('SELECT public_key, bytes, revocation_version, revoked FROM offices WHERE id = $1', [id]);
    return (
      row && {
        publicKey: new Uint8Array(row.public_key),
        bytes: row.bytes,
        revocationVersion: row.revocation_version,
        revoked: new Set(JSON.parse(row.revoked) as string[])
      }
    );
  }

  async officeCount(): Promise<number> {
    return (await this.query<{ n: number }>('SELECT count(*) AS n FROM offices'))[0].n;
  }

  async totalBytes(): Promise<number> {
    return (
      await this.query<{ n: number }>('SELECT coalesce(sum(bytes), 0)::bigint AS n FROM offices')
    )[0].n;
  }

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

  /**
   * Hellos arriving together share one statement and one commit (grouped.ts): the office rows
   * (first contact) and the devices, in (office, device) order so two processes' groups cannot
   * deadlock; one row per device (a statement may not update a row twice).
   */
  private readonly enrolments = new Grouped<Enrolment>(async (items) => {
    await this.transaction((client) =>
      client.query(
        `WITH input AS (
           SELECT * FROM unnest($1::text[], $2::bytea[], $3::bigint[], $4::text[], $5::bytea[], $6::text[])
             AS t(office, office_key, at, device, device_key, sig)),
         o AS (INSERT INTO offices (id, public_key, created_at)
           SELECT DISTINCT ON (office) office, office_key, at FROM input ORDER BY office
           ON CONFLICT (id) DO NOTHING)
         INSERT INTO devices (office, device, public_key, cert_sig)
           SELECT DISTINCT ON (office, device) office, device, device_key, sig FROM input
           ORDER BY office, device
         ON CONFLICT (office, device) DO UPDATE SET public_key = excluded.public_key,
           cert_sig = coalesce(excluded.cert_sig, devices.cert_sig)`,
        [
          items.map((item) => item.office),
          items.map((item) => buffer(item.officePublicKey)),
          items.map((item) => item.now),
          items.map((item) => item.device),
          items.map((item) => buffer(item.devicePublicKey)),
          items.map((item) => item.certSig ?? null)
        ]
      )
    );
  });

  async certificate(
    office: string,
    device: string
  ): Promise<{ key: Uint8Array; sig: string } | undefined> {
    const [row] = await this.query<{ public_key: Buffer; cert_sig: string | null }>(
      'SELECT public_key, cert_sig FROM devices WHERE office = $1 AND device = $2',
      [office, device]
    );
    return row?.cert_sig ? { key: new Uint8Array(row.public_key), sig: row.cert_sig } : undefined;
  }

  async officeBytes(office: string): Promise<number | undefined> {
    const [row] = await this.query<{ bytes: number }>('SELECT bytes FROM offices WHERE id = $1', [
      office
    ]);
    return row?.bytes;
  }

  async device(
    office: string,
    device: string
  ): Promise<{ publicKey: Uint8Array; high: number } | undefined> {
    const [row] = await this.query<{ public_key: Buffer; high: number }>(
      'SELECT public_key, high FROM devices WHERE office = $1 AND device = $2',
      [office, device]
    );
    return row && { publicKey: new Uint8Array(row.public_key), high: row.high };
  }

  async vector(office: string): Promise<Record<string, number>> {
    const vector: Record<string, number> = {};
    for (const row of await this.query<{ device: string; high: number }>(
      'SELECT device, high FROM devices WHERE office = $1',
      [office]
    ))
      vector[row.device] = row.high;
    return vector;
  }

  async setRevocation(office: string, version: number, devices: string[]): Promise<void> {
    await this.query('UPDATE offices SET revocation_version = $1, revoked = $2 WHERE id = $3', [
      version,
      JSON.stringify(devices),
      office
    ]);
  }

  async commitBatches(pending: PendingBatch[]): Promise<CommitResult[]> {
    if (pending.length === 0) return [];
    const column = <T>(pick: (item: PendingBatch) => T): T[] => pending.map(pick);
    const run = async (): Promise<{ idx: number; outcome: string; have: number | null }[]> =>
      this.query(
        'SELECT idx, outcome, have FROM relay_commit_batches($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [
          column((p) => p.office),
          column((p) => p.batch.device),
          column((p) => p.batch.first),
          column((p) => p.batch.last),
          column((p) => p.batch.epoch),
          column((p) => p.batch.schema),
          column((p) => p.batch.sig),
          column((p) => buffer(p.body)),
          this.quotaBytes,
          this.origin ?? null
        ]
      );
    let rows: Awaited<ReturnType<typeof run>> | undefined;
    for (let attempt = 0; !rows; attempt++) {
      try {
        rows = await run();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 4 || !code || !RETRY_CODES.has(code)) throw error;
      }
    }
    const results: CommitResult[] = new Array<CommitResult>(pending.length);
    for (const { idx, outcome, have } of rows) {
      const { batch } = pending[idx - 1];
      const held = have ?? 0;
      results[idx - 1] =
        outcome === 'stored'
          ? { ok: true, have: held, stored: true }
          : outcome === 'held'
            ? { ok: true, have: held, stored: false }
            : outcome === 'unknown-device'
              ? {
                  ok: false,
                  code: 'unknown-device',
                  message: `device ${batch.device} is not enrolled`
                }
              : outcome === 'gap'
                ? {
                    ok: false,
                    code: 'gap',
                    message: `relay has up to ${held}, batch starts at ${batch.first}`,
                    have: held
                  }
                : outcome === 'overlap'
                  ? {
                      ok: false,
                      code: 'overlap',
                      message: `relay has up to ${held}, batch spans ${batch.first}..${batch.last}`,
                      have: held
                    }
                  : outcome === 'quota-exceeded'
                    ? {
                        ok: false,
                        code: 'quota-exceeded',
                        message: `office storage quota of ${this.quotaBytes} bytes reached`,
                        have: held
                      }
                    : { ok: false, code: 'internal', message: 'office missing' };
    }
    return results;
  }

  async batchesAfter(
    office: string,
    device: string,
    after: number,
    limit: number
  ): Promise<StoredBatch[]> {
    const rows = await this.query<WireBatch & { body: Buffer }>(
      'SELECT device, first, last, epoch, schema, sig, body FROM batches WHERE office = $1 AND device = $2 AND last > $3 ORDER BY last LIMIT $4',
      [office, device, after, limit]
    );
    return rows.map((row) => ({ ...row, body: bytes(row.body) }));
  }

  async acknowledge(office: string, device: string, vector: Record<string, number>): Promise<void> {
    await this.transaction(async (client) => {
      const { rows } = await client.query<{ acked: string }>(
        'SELECT acked FROM devices WHERE office = $1 AND device = $2 FOR UPDATE',
        [office, device]
      );
      if (!rows.length) return;
      // Only the office's own devices are kept (prune.ts raiseAcks: the vector is the device's word).
      const authors = await client.query<{ device: string }>(
        'SELECT device FROM devices WHERE office = $1',
        [office]
      );
      const next = raiseAcks(
        parseVector(rows[0].acked),
        vector,
        new Set(authors.rows.map((r) => r.device))
      );
      if (next)
        await client.query('UPDATE devices SET acked = $1 WHERE office = $2 AND device = $3', [
          JSON.stringify(next),
          office,
          device
        ]);
    });
  }

  async prune(office: string, covered: Record<string, number>): Promise<PruneResult> {
    return this.transaction(async (client) => {
      const result: PruneResult = { batches: 0, bytes: 0, floor: {} };
      // Its devices in key order, then the office row: the lock order of
      // relay_commit_batches, so a prune and a commit cannot deadlock.
      const { rows } = await client.query<{
        device: string;
        high: number;
        acked: string;
        pruned: number;
      }>(
        'SELECT device, high, acked, pruned FROM devices WHERE office = $1 ORDER BY device FOR UPDATE',
        [office]
      );
      const office_ = await client.query<{ revoked: string }>(
        'SELECT revoked FROM offices WHERE id = $1 FOR UPDATE',
        [office]
      );
      if (!office_.rows.length) return result;
      const limits = pruneLimits(
        covered,
        rows.map((r) => ({ device: r.device, high: r.high, acked: parseVector(r.acked) })),
        new Set(JSON.parse(office_.rows[0].revoked) as string[])
      );
      for (const row of rows) {
        let floor = row.pruned;
        const limit = limits[row.device] ?? 0;
        if (limit > floor) {
          const dropped = await client.query<{ n: number; bytes: number; top: number | null }>(
            `WITH gone AS (DELETE FROM batches WHERE office = $1 AND device = $2 AND last <= $3
               RETURNING last, length(body) AS size)
             SELECT count(*)::bigint AS n, coalesce(sum(size), 0)::bigint AS bytes,
               max(last) AS top FROM gone`,
            [office, row.device, limit]
          );
          const { n, bytes, top } = dropped.rows[0];
          if (n > 0 && top !== null) {
            floor = Math.max(floor, top);
            await client.query('UPDATE devices SET pruned = $1 WHERE office = $2 AND device = $3', [
              floor,
              office,
              row.device
            ]);
            await client.query('UPDATE offices SET bytes = bytes - $1 WHERE id = $2', [
              bytes,
              office
            ]);
            result.batches += n;
            result.bytes += bytes;
          }
        }
        if (floor > 0) result.floor[row.device] = floor;
      }
      return result;
    });
  }

  async floor(office: string): Promise<Record<string, number>> {
    const floor: Record<string, number> = {};
    for (const row of await this.query<{ device: string; pruned: number }>(
      'SELECT device, pruned FROM devices WHERE office = $1 AND pruned > 0',
      [office]
    ))
      floor[row.device] = row.pruned;
    return floor;
  }

  /** One committed batch (live fan-out across processes reads it by its key). */
  async batch(office: string, device: string, last: number): Promise<StoredBatch | undefined> {
    const [row] = await this.query<WireBatch & { body: Buffer }>(
      'SELECT device, first, last, epoch, schema, sig, body FROM batches WHERE office = $1 AND device = $2 AND last = $3',
      [office, device, last]
    );
    return row && { ...row, body: bytes(row.body) };
  }

  async putBlob(office: string, hash: string, body: Uint8Array, expires: number): Promise<BlobPut> {
    return this.transaction(async (client): Promise<BlobPut> => {
      const office_ = await client.query<{ bytes: number }>(
        'SELECT bytes FROM offices WHERE id = $1 FOR UPDATE',
        [office]
      );
      const known = (await client.query('SELECT 1 FROM blobs WHERE hash = $1', [hash])).rowCount;
      if (!known && (office_.rows[0]?.bytes ?? 0) + body.length > this.quotaBytes)
        return {
          ok: false,
          code: 'quota-exceeded',
          message: `office storage quota of ${this.quotaBytes} bytes reached`
        };
      await client.query(
        'INSERT INTO blobs (hash, office, body, expires) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO UPDATE SET expires = greatest(blobs.expires, excluded.expires)',
        [hash, office, buffer(body), expires]
      );
      if (!known)
        await client.query('UPDATE offices SET bytes = bytes + $1 WHERE id = $2', [
          body.length,
          office
        ]);
      return { ok: true };
    });
  }

  async blob(hash: string, now: number): Promise<{ office: string; body: Uint8Array } | undefined> {
    const [row] = await this.query<{ office: string; body: Buffer }>(
      'SELECT office, body FROM blobs WHERE hash = $1 AND expires > $2',
      [hash, now]
    );
    return row && { office: row.office, body: new Uint8Array(row.body) };
  }

  async purgeExpiredBlobs(now: number): Promise<number> {
    // One statement: the rows go and their offices' byte counts drop in the same commit.
    const [row] = await this.query<{ n: number }>(
      `WITH gone AS (DELETE FROM blobs WHERE expires <= $1 RETURNING office, length(body) AS size),
       per AS (SELECT office, sum(size)::bigint AS bytes FROM gone GROUP BY office),
       fixed AS (UPDATE offices o SET bytes = o.bytes - per.bytes FROM per WHERE o.id = per.office)
       SELECT count(*) AS n FROM gone`,
      [now]
    );
    return row.n;
  }

  async counts(office?: string): Promise<StoreCounts> {
    const by = office === undefined ? '' : ' WHERE office = $1';
    const byId = office === undefined ? '' : ' WHERE id = $1';
    const args = office === undefined ? [] : [office];
    const count = async (sql: string, filter: string): Promise<number> =>
      Number((await this.query<{ n: number | null }>(sql + filter, args))[0].n ?? 0);
    return {
      offices: await count('SELECT count(*) AS n FROM offices', byId),
      devices: await count('SELECT count(*) AS n FROM devices', by),
      batches: await count('SELECT count(*) AS n FROM batches', by),
      blobs: await count('SELECT count(*) AS n FROM blobs', by),
      officeBlobs: await count('SELECT count(*) AS n FROM office_blobs', by),
      receipts: await count('SELECT count(*) AS n FROM receipts', by),
      bytes: await count('SELECT sum(bytes)::bigint AS n FROM offices', byId),
      highs: await count('SELECT sum(high)::bigint AS n FROM devices', by),
      revocations: await count('SELECT sum(revocation_version)::bigint AS n FROM offices', byId)
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class PgOfficeBlobs implements OfficeBlobStorage {
  constructor(
    private readonly store: PgStore,
    private readonly quotaBytes: number
  ) {}

  put(
    office: string,
    id: string,
    body: Uint8Array,
    now: number,
    kind: OfficeBlobKind
  ): Promise<OfficeBlobPut> {
    return this.store.transaction(async (client): Promise<OfficeBlobPut> => {
      const row = await client.query<{ bytes: number }>(
        'SELECT bytes FROM offices WHERE id = $1 FOR UPDATE',
        [office]
      );
      if (row.rows.length === 0) return { ok: false, code: 'internal', message: 'office missing' };
      const has = await client.query('SELECT 1 FROM office_blobs WHERE office = $1 AND id = $2', [
        office,
        id
      ]);
      if (has.rowCount) return { ok: true, stored: false };
      if (row.rows[0].bytes + body.length > this.quotaBytes)
        return {
          ok: false,
          code: 'quota-exceeded',
          message: `office storage quota of ${this.quotaBytes} bytes reached`
        };
      await client.query(
        'INSERT INTO office_blobs (office, id, body, stored_at, kind) VALUES ($1, $2, $3, $4, $5)',
        [office, id, buffer(body), now, kind]
      );
      await client.query('UPDATE offices SET bytes = bytes + $1 WHERE id = $2', [
        body.length,
        office
      ]);
      return { ok: true, stored: true };
    });
  }

  async get(office: string, id: string): Promise<Uint8Array | undefined> {
    const [row] = await this.store.query<{ body: Buffer }>(
      'SELECT body FROM office_blobs WHERE office = $1 AND id = $2',
      [office, id]
    );
    return row && bytes(row.body);
  }

  async missing(office: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const held = new Set(
      (
        await this.store.query<{ id: string }>(
          'SELECT id FROM office_blobs WHERE office = $1 AND id = ANY($2)',
          [office, ids]
        )
      ).map((row) => row.id)
    );
    return ids.filter((id) => !held.has(id));
  }

  drop(office: string, device: string, ids: readonly string[]): Promise<OfficeBlobDrop> {
    return this.store.transaction(async (client): Promise<OfficeBlobDrop> => {
      // The office row first, locked as put locks it (same order: no deadlock between them).
      const row = await client.query<{ revoked: string }>(
        'SELECT revoked FROM offices WHERE id = $1 FOR UPDATE',
        [office]
      );
      const enrolled = await client.query(
        'SELECT 1 FROM devices WHERE office = $1 AND device = $2',
        [office, device]
      );
      const refused = mayDrop(row.rows[0], (enrolled.rowCount ?? 0) > 0, device);
      if (refused) return refused;
      const gone = await client.query<{ id: string; size: number }>(
        `DELETE FROM office_blobs WHERE office = $1 AND id = ANY($2) AND kind = 'snapshot'
           RETURNING id, length(body)::bigint AS size`,
        [office, [...new Set(ids)]]
      );
      const bytes = gone.rows.reduce((n, r) => n + Number(r.size), 0);
      if (bytes)
        await client.query('UPDATE offices SET bytes = bytes - $1 WHERE id = $2', [bytes, office]);
      return { ok: true, ids: gone.rows.map((r) => r.id), bytes };
    });
  }

  async usage(office: string): Promise<{ pieces: number; bytes: number }> {
    const [row] = await this.store.query<{ n: number; bytes: number }>(
      'SELECT count(*) AS n, coalesce(sum(length(body)), 0)::bigint AS bytes FROM office_blobs WHERE office = $1',
      [office]
    );
    return { pieces: row.n, bytes: row.bytes };
  }
}

class PgReceipts implements ReceiptStorage {
  constructor(private readonly store: PgStore) {}

  open(
    office: string,
    tags: readonly string[],
    expires: number,
    limits: { maxTagsPerOffice: number; maxTags: number }
  ): Promise<OpenResult> {
    return this.store.transaction(async (client): Promise<OpenResult> => {
      // The relay-wide and per-office tag counts hold across processes: one opener at a time.
      await client.query('SELECT pg_advisory_xact_lock(727002)');
      const held = await client.query<{ tag: string; office: string }>(
        'SELECT tag, office FROM receipts WHERE tag = ANY($1)',
        [tags]
      );
      if (held.rows.some((row) => row.office !== office))
        return { ok: false, status: 409, reason: 'tag held by another office' };
      const fresh = tags.length - new Set(held.rows.map((row) => row.tag)).size;
      const mine = (
        await client.query<{ n: number }>('SELECT count(*) AS n FROM receipts WHERE office = $1', [
          office
        ])
      ).rows[0].n;
      if (mine + fresh > limits.maxTagsPerOffice)
        return { ok: false, status: 507, reason: `office holds ${mine} receipt tags` };
      const all = (await client.query<{ n: number }>('SELECT count(*) AS n FROM receipts')).rows[0]
        .n;
      if (all + fresh > limits.maxTags)
        return { ok: false, status: 507, reason: 'relay holds too many receipt tags' };
      await client.query(
        `INSERT INTO receipts (tag, office, expires) SELECT unnest($1::text[]), $2, $3
         ON CONFLICT (tag) DO UPDATE SET expires = greatest(receipts.expires, excluded.expires)`,
        [tags, office, expires]
      );
      return { ok: true };
    });
  }

  async ping(tag: string, now: number): Promise<boolean> {
    const result = await this.store.pool.query(
      'UPDATE receipts SET count = count + 1 WHERE tag = $1 AND expires > $2',
      [tag, now]
    );
    return result.rowCount === 1;
  }

  async counts(
    office: string,
    tags: readonly string[],
    now: number
  ): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const row of await this.store.query<{ tag: string; count: number }>(
      'SELECT tag, count FROM receipts WHERE tag = ANY($1) AND office = $2 AND expires > $3',
      [tags, office, now]
    ))
      out[row.tag] = row.count;
    return out;
  }

  async purgeExpired(now: number): Promise<number> {
    return (
      (await this.store.pool.query('DELETE FROM receipts WHERE expires <= $1', [now])).rowCount ?? 0
    );
  }
}

/** The owner inbox (owner-inbox-store.ts) in PostgreSQL: same rules as SqliteOwnerInbox. */
class PgOwnerInbox implements OwnerInboxStore {
  constructor(private readonly store: PgStore) {}

  openTags(
    office: string,
    tags: readonly string[],
    expires: number,
    quota: InboxQuota
  ): Promise<InboxResult<object>> {
    return this.store.transaction(async (client): Promise<InboxResult<object>> => {
      // Per-office tag counts hold across processes: one opener per office at a time.
      await client.query('SELECT pg_advisory_xact_lock(727003, hashtext($1))', [office]);
      const held = await client.query<{ tag: string; office: string }>(
        'SELECT tag, office FROM owner_links WHERE tag = ANY($1)',
        [tags]
      );
      if (held.rows.some((row) => row.office !== office))
        return { ok: false, status: 409, reason: 'tag held by another office' };
      const fresh = tags.length - new Set(held.rows.map((row) => row.tag)).size;
      const mine = (
        await client.query<{ n: number }>(
          'SELECT count(*) AS n FROM owner_links WHERE office = $1',
          [office]
        )
      ).rows[0].n;
      if (mine + fresh > quota.maxTagsPerOffice)
        return { ok: false, status: 507, reason: `office holds ${mine} link tags` };
      await client.query(
        `INSERT INTO owner_links (tag, office, expires) SELECT unnest($1::text[]), $2, $3
         ON CONFLICT (tag) DO UPDATE SET expires = greatest(owner_links.expires, excluded.expires)`,
        [tags, office, expires]
      );
      return { ok: true };
    });
  }

  async tagOffice(tag: string, now: number): Promise<string | undefined> {
    const [row] = await this.store.query<{ office: string }>(
      'SELECT office FROM owner_links WHERE tag = $1 AND expires > $2',
      [tag, now]
    );
    return row?.office;
  }

  add(
    office: string,
    tag: string,
    body: Uint8Array,
    at: number,
    quota: InboxQuota
  ): Promise<InboxResult<{ id: string }>> {
    return this.store.transaction(async (client): Promise<InboxResult<{ id: string }>> => {
      await client.query('SELECT pg_advisory_xact_lock(727004, hashtext($1))', [office]);
      const waiting = (
        await client.query<{ n: number; bytes: number }>(
          'SELECT count(*) AS n, coalesce(sum(length(body)), 0)::bigint AS bytes FROM owner_inbox WHERE office = $1',
          [office]
        )
      ).rows[0];
      if (waiting.n >= quota.maxWaitingPerOffice)
        return { ok: false, status: 507, reason: 'inbox full' };
      if (waiting.bytes + body.length > quota.maxWaitingBytesPerOffice)
        return { ok: false, status: 507, reason: 'inbox full' };
      const added = await client.query<{ id: number }>(
        'INSERT INTO owner_inbox (office, tag, at, body) VALUES ($1, $2, $3, $4) RETURNING id',
        [office, tag, at, buffer(body)]
      );
      return { ok: true, id: String(added.rows[0].id) };
    });
  }

  async list(office: string, limit: number): Promise<StoredSubmission[]> {
    const rows = await this.store.query<{ id: number; tag: string; at: number; body: Buffer }>(
      'SELECT id, tag, at, body FROM owner_inbox WHERE office = $1 ORDER BY id LIMIT $2',
      [office, limit]
    );
    return rows.map((row) => ({
      id: String(row.id),
      tag: row.tag,
      at: row.at,
      body: new Uint8Array(row.body)
    }));
  }

  async remove(office: string, ids: readonly string[]): Promise<number> {
    const numeric = ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
    if (numeric.length === 0) return 0;
    const result = await this.store.pool.query(
      'DELETE FROM owner_inbox WHERE office = $1 AND id = ANY($2::bigint[])',
      [office, numeric]
    );
    return result.rowCount ?? 0;
  }

  putStatus(
    office: string,
    id: string,
    body: Uint8Array,
    at: number,
    expires: number
  ): Promise<InboxResult<object>> {
    return this.store.transaction(async (client): Promise<InboxResult<object>> => {
      const held = (
        await client.query<{ office: string; at: number }>(
          'SELECT office, at FROM owner_status WHERE id = $1 FOR UPDATE',
          [id]
        )
      ).rows[0];
      if (held && held.office !== office)
        return { ok: false, status: 409, reason: 'status id held by another office' };
      // A replayed or late older update never replaces a newer one.
      if (held && held.at > at) return { ok: true };
      await client.query(
        `INSERT INTO owner_status (id, office, at, expires, body) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, expires = excluded.expires, body = excluded.body`,
        [id, office, at, expires, buffer(body)]
      );
      return { ok: true };
    });
  }

  async status(id: string, now: number): Promise<Uint8Array | undefined> {
    const [row] = await this.store.query<{ body: Buffer }>(
      'SELECT body FROM owner_status WHERE id = $1 AND expires > $2',
      [id, now]
    );
    return row ? new Uint8Array(row.body) : undefined;
  }

  async purgeExpired(now: number): Promise<void> {
    await this.store.query('DELETE FROM owner_links WHERE expires <= $1', [now]);
    await this.store.query('DELETE FROM owner_status WHERE expires <= $1', [now]);
  }
}
