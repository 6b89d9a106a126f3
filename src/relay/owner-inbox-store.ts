import type Database from 'better-sqlite3';

/**
 * The relay's state of the owner inbox (issue 16; owner-inbox.ts answers the requests): open
 * link tags, sealed submissions until the office has fetched them, and the latest sealed
 * status update per submission. Everything the relay keeps here is opaque bytes and random
 * ids. Async so that another storage (PostgreSQL, issue 21) can implement it as it is.
 */
export type InboxResult<T> = ({ ok: true } & T) | { ok: false; status: number; reason: string };

export interface StoredSubmission {
  id: string;
  tag: string;
  at: number;
  body: Uint8Array;
}

export interface InboxQuota {
  /** Open link tags per office (posters, households, the suggestion box). */
  maxTagsPerOffice: number;
  /** Submissions waiting per office before the relay refuses more. */
  maxWaitingPerOffice: number;
  /** Bytes waiting per office. */
  maxWaitingBytesPerOffice: number;
}

export interface OwnerInboxStore {
  /** Opens (or keeps open longer) an office's link tags; a tag another office holds is refused. */
  openTags(
    office: string,
    tags: readonly string[],
    expires: number,
    quota: InboxQuota
  ): Promise<InboxResult<object>>;
  /** The office a tag is open for, or undefined (unknown or expired). */
  tagOffice(tag: string, now: number): Promise<string | undefined>;
  /** Keeps one sealed submission in the office's inbox. */
  add(
    office: string,
    tag: string,
    body: Uint8Array,
    at: number,
    quota: InboxQuota
  ): Promise<InboxResult<{ id: string }>>;
  /** The office's oldest waiting submissions. */
  list(office: string, limit: number): Promise<StoredSubmission[]>;
  /** Deletes fetched submissions (only the office's own); how many went. */
  remove(office: string, ids: readonly string[]): Promise<number>;
  /** Sets a status update unless another office holds the id or a newer one is kept. */
  putStatus(
    office: string,
    id: string,
    body: Uint8Array,
    at: number,
    expires: number
  ): Promise<InboxResult<object>>;
  status(id: string, now: number): Promise<Uint8Array | undefined>;
  purgeExpired(now: number): Promise<void>;
}

function prepare(db: Database.Database) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS owner_links (
      tag TEXT PRIMARY KEY, office TEXT NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS owner_links_by_office ON owner_links (office);
    CREATE TABLE IF NOT EXISTS owner_inbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT, office TEXT NOT NULL, tag TEXT NOT NULL,
      at INTEGER NOT NULL, body BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS owner_inbox_by_office ON owner_inbox (office, id);
    CREATE TABLE IF NOT EXISTS owner_status (
      id TEXT PRIMARY KEY, office TEXT NOT NULL, at INTEGER NOT NULL, expires INTEGER NOT NULL,
      body BLOB NOT NULL) WITHOUT ROWID;
  `);
  return {
    tagHolder: db.prepare('SELECT office FROM owner_links WHERE tag = ?'),
    openTag: db.prepare(
      'INSERT INTO owner_links (tag, office, expires) VALUES (?, ?, ?) ON CONFLICT (tag) DO UPDATE SET expires = max(expires, excluded.expires)'
    ),
    officeTags: db.prepare('SELECT count(*) AS n FROM owner_links WHERE office = ?'),
    tagOffice: db.prepare('SELECT office FROM owner_links WHERE tag = ? AND expires > ?'),
    waiting: db.prepare(
      'SELECT count(*) AS n, coalesce(sum(length(body)), 0) AS bytes FROM owner_inbox WHERE office = ?'
    ),
    add: db.prepare('INSERT INTO owner_inbox (office, tag, at, body) VALUES (?, ?, ?, ?)'),
    list: db.prepare(
      'SELECT id, tag, at, body FROM owner_inbox WHERE office = ? ORDER BY id LIMIT ?'
    ),
    remove: db.prepare('DELETE FROM owner_inbox WHERE office = ? AND id = ?'),
    statusHolder: db.prepare('SELECT office, at FROM owner_status WHERE id = ?'),
    putStatus: db.prepare(
      'INSERT INTO owner_status (id, office, at, expires, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at, expires = excluded.expires, body = excluded.body'
    ),
    status: db.prepare('SELECT body FROM owner_status WHERE id = ? AND expires > ?'),
    purgeLinks: db.prepare('DELETE FROM owner_links WHERE expires <= ?'),
    purgeStatus: db.prepare('DELETE FROM owner_status WHERE expires <= ?')
  };
}

/** The inbox in the relay's SQLite file (same file as the batches, same durability). */
export class SqliteOwnerInbox implements OwnerInboxStore {
  private readonly s: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database) {
    this.s = prepare(db);
  }

  async openTags(office: string, tags: readonly string[], expires: number, quota: InboxQuota) {
    return this.db.transaction((): InboxResult<object> => {
      const holders = tags.map(
        (tag) => (this.s.tagHolder.get(tag) as { office: string } | undefined)?.office
      );
      if (holders.some((holder) => holder !== undefined && holder !== office))
        return { ok: false, status: 409, reason: 'tag held by another office' };
      const fresh = holders.filter((holder) => holder === undefined).length;
      const held = (this.s.officeTags.get(office) as { n: number }).n;
      if (held + fresh > quota.maxTagsPerOffice)
        return { ok: false, status: 507, reason: `office holds ${held} link tags` };
      for (const tag of tags) this.s.openTag.run(tag, office, expires);
      return { ok: true };
    })();
  }

  async tagOffice(tag: string, now: number) {
    return (this.s.tagOffice.get(tag, now) as { office: string } | undefined)?.office;
  }

  async add(office: string, tag: string, body: Uint8Array, at: number, quota: InboxQuota) {
    return this.db.transaction((): InboxResult<{ id: string }> => {
      const waiting = this.s.waiting.get(office) as { n: number; bytes: number };
      if (waiting.n >= quota.maxWaitingPerOffice)
        return { ok: false, status: 507, reason: 'inbox full' };
      if (waiting.bytes + body.length > quota.maxWaitingBytesPerOffice)
        return { ok: false, status: 507, reason: 'inbox full' };
      const info = this.s.add.run(office, tag, at, body);
      return { ok: true, id: String(info.lastInsertRowid) };
    })();
  }

  async list(office: string, limit: number) {
    return (
      this.s.list.all(office, limit) as { id: number; tag: string; at: number; body: Buffer }[]
    ).map((row) => ({
      id: String(row.id),
      tag: row.tag,
      at: row.at,
      body: new Uint8Array(row.body)
    }));
  }

  async remove(office: string, ids: readonly string[]) {
    return this.db.transaction(() => {
      let removed = 0;
      for (const id of ids) removed += this.s.remove.run(office, Number(id)).changes;
      return removed;
    })();
  }

  async putStatus(office: string, id: string, body: Uint8Array, at: number, expires: number) {
    return this.db.transaction((): InboxResult<object> => {
      const held = this.s.statusHolder.get(id) as { office: string; at: number } | undefined;
      if (held && held.office !== office)
        return { ok: false, status: 409, reason: 'status id held by another office' };
      // A replayed or late older update never replaces a newer one.
      if (held && held.at > at) return { ok: true };
      this.s.putStatus.run(id, office, at, expires, body);
      return { ok: true };
    })();
  }

  async status(id: string, now: number) {
    const row = this.s.status.get(id, now) as { body: Buffer } | undefined;
    return row ? new Uint8Array(row.body) : undefined;
  }

  async purgeExpired(now: number) {
    this.s.purgeLinks.run(now);
    this.s.purgeStatus.run(now);
  }
}
