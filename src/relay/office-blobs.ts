import type Database from 'better-sqlite3';
import { addColumnIfMissing } from './sqlite-columns';
import type { OfficeBlobDrop, OfficeBlobKind, OfficeBlobPut, OfficeBlobStorage } from './store';

/**
 * An office's attachments (photos, signatures, signed snapshots, the stamp): ciphertext
 * pieces under addresses the devices derive with a key the relay never has, so it can tell
 * neither which photo is which nor that two offices hold the same one.
 *
 * Retention: kept like the office's batches, with no expiry — a tablet paired next year must
 * still find last year's repair photos — and counted in the office's storage quota. A piece
 * is written once: a second upload of the same address (two devices passing the same photo
 * on) is acknowledged without storing, and since pieces are cut by content and each sealed on
 * its own, either uploader's piece serves. Short-link blobs (store.ts `blobs`) stay separate:
 * public by hash, with a TTL.
 *
 * The one exception: a device of the office may drop pieces by address (`drop`), which
 * snapshot-relay.ts does for snapshots older than the newest two (issue 12 §5). Only pieces
 * put as a snapshot's (`kind`) go: a device naming a photo's address drops nothing. Pieces a
 * relay stored before it kept the kind count as files: an old snapshot then stays (storage
 * only), a photo can never go.
 */
function prepare(db: Database.Database) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS office_blobs (
      office TEXT NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL, stored_at INTEGER NOT NULL,
      kind TEXT NOT NULL DEFAULT 'file', PRIMARY KEY (office, id));
  `);
  addColumnIfMissing(db, 'office_blobs', 'kind', "TEXT NOT NULL DEFAULT 'file'");
  return {
    has: db.prepare('SELECT 1 FROM office_blobs WHERE office = ? AND id = ?'),
    get: db.prepare('SELECT body FROM office_blobs WHERE office = ? AND id = ?'),
    put: db.prepare(
      'INSERT INTO office_blobs (office, id, body, stored_at, kind) VALUES (?, ?, ?, ?, ?)'
    ),
    officeBytes: db.prepare('SELECT bytes FROM offices WHERE id = ?'),
    addBytes: db.prepare('UPDATE offices SET bytes = bytes + ? WHERE id = ?'),
    revoked: db.prepare('SELECT revoked FROM offices WHERE id = ?'),
    enrolled: db.prepare('SELECT 1 FROM devices WHERE office = ? AND device = ?'),
    snapshotSize: db.prepare(
      "SELECT length(body) AS bytes FROM office_blobs WHERE office = ? AND id = ? AND kind = 'snapshot'"
    ),
    drop: db.prepare('DELETE FROM office_blobs WHERE office = ? AND id = ?'),
    usage: db.prepare(
      'SELECT count(*) AS n, coalesce(sum(length(body)), 0) AS bytes FROM office_blobs WHERE office = ?'
    )
  };
}

/** The SQLite side (store-sqlite.ts); store-postgres.ts has the same on PostgreSQL. */
export class OfficeBlobStore implements OfficeBlobStorage {
  private readonly statements: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Database.Database,
    private readonly quotaBytes: number
  ) {
    this.statements = prepare(db);
  }

  /** Committed (WAL, synchronous=FULL) before it returns: the answer may be sent at once. */
  async put(
    office: string,
    id: string,
    body: Uint8Array,
    now: number,
    kind: OfficeBlobKind
  ): Promise<OfficeBlobPut> {
    return this.db.transaction((): OfficeBlobPut => {
      if (this.statements.has.get(office, id)) return { ok: true, stored: false };
      const row = this.statements.officeBytes.get(office) as { bytes: number } | undefined;
      if (!row) return { ok: false, code: 'internal', message: 'office missing' };
      if (row.bytes + body.length > this.quotaBytes)
        return {
          ok: false,
          code: 'quota-exceeded',
          message: `office storage quota of ${this.quotaBytes} bytes reached`
        };
      this.statements.put.run(office, id, body, now, kind);
      this.statements.addBytes.run(body.length, office);
      return { ok: true, stored: true };
    })();
  }

  async get(office: string, id: string): Promise<Uint8Array | undefined> {
    const row = this.statements.get.get(office, id) as { body: Buffer } | undefined;
    return row && new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength);
  }

  /** The addresses of `ids` this office does not hold. */
  async missing(office: string, ids: string[]): Promise<string[]> {
    return ids.filter((id) => !this.statements.has.get(office, id));
  }

  /** Only an enrolled, non-revoked device of the office; one transaction (store.ts). */
  async drop(office: string, device: string, ids: readonly string[]): Promise<OfficeBlobDrop> {
    return this.db.transaction((): OfficeBlobDrop => {
      const refused = mayDrop(
        this.statements.revoked.get(office) as { revoked: string } | undefined,
        this.statements.enrolled.get(office, device) !== undefined,
        device
      );
      if (refused) return refused;
      const dropped: string[] = [];
      let bytes = 0;
      for (const id of new Set(ids)) {
        const row = this.statements.snapshotSize.get(office, id) as { bytes: number } | undefined;
        if (!row) continue; // unknown, already dropped, or not a snapshot's: ignored
        this.statements.drop.run(office, id);
        dropped.push(id);
        bytes += row.bytes;
      }
      if (bytes) this.statements.addBytes.run(-bytes, office);
      return { ok: true, ids: dropped, bytes };
    })();
  }

  /** Pieces and bytes held for an office (tests, the load script). */
  async usage(office: string): Promise<{ pieces: number; bytes: number }> {
    const row = this.statements.usage.get(office) as { n: number; bytes: number };
    return { pieces: row.n, bytes: row.bytes };
  }
}

/** Why `device` may not drop the office's pieces (undefined: it may); both stores use it. */
export function mayDrop(
  office: { revoked: string } | undefined,
  enrolled: boolean,
  device: string
): Extract<OfficeBlobDrop, { ok: false }> | undefined {
  if (!office || !enrolled)
    return { ok: false, code: 'not-enrolled', message: `device ${device} is not of this office` };
  if ((JSON.parse(office.revoked) as string[]).includes(device))
    return { ok: false, code: 'revoked', message: `device ${device} is revoked` };
  return undefined;
}
