import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { encodeFrame, type PairingRole } from '../lib/sync/protocol';
import type { RelayLog } from './log';
import type { PairingPeer, PairingQuota, PairingRefusal, PairingService } from './pairing';
import type { PgStore } from './store-postgres';

/**
 * Several relay processes over one PostgreSQL (README "Many offices"): what one process must
 * tell the others, with PostgreSQL's LISTEN/NOTIFY on channel `relay` (no gossip of our own).
 * Notifications are small — ids; the receiver reads the row it names:
 * - `b` a batch was committed (sent by relay_commit_batches inside the commit itself): the
 *   processes with devices of that office connected read it and pass it on;
 * - `s` a signal for a device connected to another process (row in relay_signals);
 * - `r` an office's revocation list changed: connected revoked devices are closed everywhere;
 * - `p` a pairing mailbox got a message for a role held by some process (relay_pairing_messages).
 * Presence (which devices are connected where) is in relay_presence, each process's heartbeat
 * in relay_processes: the rows of a process that died (kill -9) stop counting after LIVE_MS.
 */
export interface BusHandlers {
  batch(office: string, device: string, last: number): void;
  signal(office: string, to: string, from: string, data: unknown): void;
  revoked(office: string): void;
  /**
   * The LISTEN connection came back after losing PostgreSQL: notifications sent meanwhile are
   * lost, and a crash of PostgreSQL empties the UNLOGGED presence rows.
   */
  reconnected(): void;
}

export interface RelayBus {
  readonly processId: string;
  readonly pairings: PairingService;
  /** A connection of a device: its presence id, and the office's connections in all processes. */
  join(office: string, device: string): Promise<{ presence: number; connections: number }>;
  leave(presence: number): Promise<void>;
  /** Whether the device is connected to another live process. */
  connectedElsewhere(office: string, device: string): Promise<boolean>;
  signal(office: string, to: string, from: string, data: unknown): Promise<void>;
  revoked(office: string): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'relay';
const HEARTBEAT_MS = 5_000;
/** A process not heard of for this long is dead: its presence and pairing roles are free. */
const LIVE_MS = 20_000;
const SIGNAL_KEEP_MS = 60_000;
const MAX_QUEUED = 16;
const MAX_MAILBOXES = 10_000;

export const BUS_SCHEMA = `
CREATE TABLE IF NOT EXISTS relay_processes (id text PRIMARY KEY, seen bigint NOT NULL);
CREATE UNLOGGED TABLE IF NOT EXISTS relay_presence (
  conn bigserial PRIMARY KEY, process text NOT NULL, office text NOT NULL, device text NOT NULL);
CREATE INDEX IF NOT EXISTS relay_presence_by_office ON relay_presence (office, device);
CREATE UNLOGGED TABLE IF NOT EXISTS relay_signals (
  id bigserial PRIMARY KEY, office text NOT NULL, target text NOT NULL, sender text NOT NULL,
  data text NOT NULL, at bigint NOT NULL);
CREATE UNLOGGED TABLE IF NOT EXISTS relay_pairings (
  id text PRIMARY KEY, expires bigint NOT NULL, dead boolean NOT NULL DEFAULT false,
  host text, guest text);
CREATE UNLOGGED TABLE IF NOT EXISTS relay_pairing_messages (
  id bigserial PRIMARY KEY, pairing text NOT NULL, to_role text NOT NULL, frame bytea NOT NULL);
CREATE INDEX IF NOT EXISTS relay_pairing_messages_by_box ON relay_pairing_messages (pairing, to_role);
`;

type Note =
  | { k: 'b'; p: string; o: string; d: string; l: number }
  | { k: 's'; p: string; id: number; o: string; to: string }
  | { k: 'r'; p: string; o: string }
  | { k: 'p'; id: string; r: PairingRole };

function parseNote(payload: string | undefined): Note | undefined {
  try {
    const note = JSON.parse(payload ?? '') as Note;
    return note && typeof note === 'object' && typeof note.k === 'string' ? note : undefined;
  } catch {
    return undefined;
  }
}

export class PgBus implements RelayBus {
  readonly processId = randomBytes(9).toString('base64url');
  readonly pairings: PgPairings;
  private listener: pg.Client | undefined;
  private closed = false;
  private reconnecting = false;
  private timer: NodeJS.Timeout | undefined;
  private handlers: BusHandlers | undefined;

  constructor(
    private readonly store: PgStore,
    private readonly log: RelayLog,
    pairingTtlMs: number,
    quota: PairingQuota,
    maxPairingBytes: number
  ) {
    this.pairings = new PgPairings(this, store, pairingTtlMs, quota, maxPairingBytes);
  }

  async start(handlers: BusHandlers): Promise<void> {
    this.handlers = handlers;
    await this.heartbeat();
    await this.listen();
    this.store.origin = this.processId;
    this.timer = setInterval(() => {
      void this.heartbeat().catch((error: unknown) =>
        this.log('warn', 'bus-heartbeat-failed', { reason: String(error) })
      );
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /**
   * A dedicated connection for LISTEN; after PostgreSQL restarts it connects again. One client
   * at a time: a failed attempt is ended before the next (a failed connect also emits 'end',
   * which used to start a second reconnect chain per failure: clients piled up).
   */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.store.url });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => this.log('warn', 'bus-error', { reason: error.message }));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.listener = client;
    client.once('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      if (!this.closed) this.reconnect();
    });
  }

  private reconnect(): void {
    if (this.reconnecting) return;
    this.reconnecting = true;
    const attempt = (): void => {
      setTimeout(() => {
        if (this.closed) return;
        this.listen().then(
          () => {
            this.reconnecting = false;
            this.log('info', 'bus-reconnected', {});
            this.handlers?.reconnected();
          },
          () => attempt()
        );
      }, 500).unref();
    };
    attempt();
  }

  private async heartbeat(): Promise<void> {
    const now = Date.now();
    await this.store.query(
      'INSERT INTO relay_processes (id, seen) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET seen = excluded.seen',
      [this.processId, now]
    );
    // Whatever a dead process left behind (any live process may clean up).
    await this.store.query(
      'DELETE FROM relay_presence WHERE process IN (SELECT id FROM relay_processes WHERE seen < $1)',
      [now - LIVE_MS]
    );
    await this.store.query('DELETE FROM relay_processes WHERE seen < $1', [now - 10 * LIVE_MS]);
    await this.store.query('DELETE FROM relay_signals WHERE at < $1', [now - SIGNAL_KEEP_MS]);
  }

  private dispatch(payload: string | undefined): void {
    const note = parseNote(payload);
    const handlers = this.handlers;
    if (!note || !handlers) return;
    if (note.k === 'p') return this.pairings.notified(note.id, note.r);
    if (note.p === this.processId) return;
    if (note.k === 'b') handlers.batch(note.o, note.d, note.l);
    else if (note.k === 'r') handlers.revoked(note.o);
    else if (note.k === 's')
      void this.store
        .query<{ sender: string; data: string }>(
          'SELECT sender, data FROM relay_signals WHERE id = $1',
          [note.id]
        )
        .then(([row]) => row && handlers.signal(note.o, note.to, row.sender, JSON.parse(row.data)))
        .catch((error: unknown) =>
          this.log('warn', 'bus-signal-failed', { reason: String(error) })
        );
  }

  async join(office: string, device: string): Promise<{ presence: number; connections: number }> {
    const [row] = await this.store.query<{ conn: number; n: number }>(
      `WITH ins AS (INSERT INTO relay_presence (process, office, device) VALUES ($1, $2, $3) RETURNING conn)
       SELECT (SELECT conn FROM ins) AS conn,
         (SELECT count(*) FROM relay_presence p JOIN relay_processes r ON r.id = p.process
          WHERE p.office = $2 AND r.seen >= $4)::bigint + 1 AS n`,
      [this.processId, office, device, Date.now() - LIVE_MS]
    );
    return { presence: row.conn, connections: row.n };
  }

  async leave(presence: number): Promise<void> {
    await this.store.query('DELETE FROM relay_presence WHERE conn = $1', [presence]);
  }

  async connectedElsewhere(office: string, device: string): Promise<boolean> {
    const rows = await this.store.query(
      `SELECT 1 FROM relay_presence p JOIN relay_processes r ON r.id = p.process
       WHERE p.office = $1 AND p.device = $2 AND p.process <> $3 AND r.seen >= $4 LIMIT 1`,
      [office, device, this.processId, Date.now() - LIVE_MS]
    );
    return rows.length > 0;
  }

  async signal(office: string, to: string, from: string, data: unknown): Promise<void> {
    await this.store.query(
      `WITH ins AS (INSERT INTO relay_signals (office, target, sender, data, at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id)
       SELECT pg_notify('${CHANNEL}', json_build_object('k', 's', 'p', $6::text, 'id', ins.id, 'o', $1::text, 'to', $2::text)::text) FROM ins`,
      [office, to, from, JSON.stringify(data), Date.now(), this.processId]
    );
  }

  async revoked(office: string): Promise<void> {
    await this.notify({ k: 'r', p: this.processId, o: office });
  }

  async notify(note: Note): Promise<void> {
    await this.store.query(`SELECT pg_notify('${CHANNEL}', $1)`, [JSON.stringify(note)]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.store
      .query('DELETE FROM relay_presence WHERE process = $1', [this.processId])
      .catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }
}

const other = (role: PairingRole): PairingRole => (role === 'host' ? 'guest' : 'host');

/**
 * Pairing mailboxes shared by all relay processes: the new device and the manager's device
 * may be connected to different processes. Same rules as PairingMailboxes (pairing.ts): one
 * holder per role, each message delivered once, a mailbox dies after its TTL and its id stays
 * dead. Rows are in UNLOGGED tables (not written to PostgreSQL's WAL, emptied after a crash of
 * PostgreSQL) and deleted on delivery; the messages are end-to-end encrypted by the devices.
 * Per-address mailbox counts stay in the process that served the address (limits.ts).
 */
export class PgPairings implements PairingService {
  /** Roles this process holds: `${pairing}/${role}` → the connection. */
  private readonly local = new Map<string, PairingPeer>();
  private readonly tokens = new WeakMap<PairingPeer, string>();
  private tokenCount = 0;
  /** Mailboxes created here: when they end, their address's count drops. */
  private readonly created = new Map<string, { address: string; expires: number }>();
  private queuedBytes = 0;

  constructor(
    private readonly bus: PgBus,
    private readonly store: PgStore,
    private readonly ttlMs: number,
    private readonly quota: PairingQuota,
    private readonly maxBytes: number
  ) {}

  get bytes(): number {
    return this.queuedBytes;
  }

  private token(peer: PairingPeer): string {
    let token = this.tokens.get(peer);
    if (!token) this.tokens.set(peer, (token = `${this.bus.processId}:${++this.tokenCount}`));
    return token;
  }

  /** Whether a role's holder still counts: a connection of this process, or of a live one. */
  private async held(client: pg.PoolClient, holder: string | null, key: string): Promise<boolean> {
    if (!holder) return false;
    const process = holder.slice(0, holder.indexOf(':'));
    if (process === this.bus.processId) {
      const peer = this.local.get(key);
      return peer !== undefined && this.tokens.get(peer) === holder;
    }
    const alive = await client.query('SELECT 1 FROM relay_processes WHERE id = $1 AND seen >= $2', [
      process,
      Date.now() - LIVE_MS
    ]);
    return (alive.rowCount ?? 0) > 0;
  }

  /** The mailbox row, created if new; a refusal if it is dead or may not be made. */
  private async box(
    client: pg.PoolClient,
    pairing: string,
    now: number,
    address: string
  ): Promise<{ host: string | null; guest: string | null } | PairingRefusal> {
    const found = await client.query<{
      expires: number;
      dead: boolean;
      host: string | null;
      guest: string | null;
    }>('SELECT expires, dead, host, guest FROM relay_pairings WHERE id = $1 FOR UPDATE', [pairing]);
    const row = found.rows[0];
    if (row && !row.dead && row.expires > now) return row;
    if (row) {
      if (!row.dead) {
        await client.query(
          'UPDATE relay_pairings SET dead = true, host = NULL, guest = NULL, expires = $2 WHERE id = $1',
          [pairing, now + this.ttlMs * 10]
        );
        await client.query('DELETE FROM relay_pairing_messages WHERE pairing = $1', [pairing]);
      }
      return 'not-found';
    }
    const open = await client.query<{ n: number }>(
      'SELECT count(*) AS n FROM relay_pairings WHERE NOT dead AND expires > $1',
      [now]
    );
    if (open.rows[0].n >= MAX_MAILBOXES) return 'not-found';
    if (!this.quota.openPairing(address, now)) return 'rate-limited';
    this.created.set(pairing, { address, expires: now + this.ttlMs });
    await client.query('INSERT INTO relay_pairings (id, expires) VALUES ($1, $2)', [
      pairing,
      now + this.ttlMs
    ]);
    return { host: null, guest: null };
  }

  async open(
    pairing: string,
    role: PairingRole,
    peer: PairingPeer,
    now: number,
    address: string
  ): Promise<'ok' | PairingRefusal> {
    const token = this.token(peer);
    const key = `${pairing}/${role}`;
    const result = await this.store.transaction(async (client) => {
      const box = await this.box(client, pairing, now, address);
      if (typeof box === 'string') return box;
      const holder = box[role];
      if (holder && holder !== token && (await this.held(client, holder, key)))
        return 'pairing-taken' as const;
      await client.query(`UPDATE relay_pairings SET ${role} = $2 WHERE id = $1`, [pairing, token]);
      return this.take(client, pairing, role);
    });
    if (typeof result === 'string') return result;
    this.local.set(key, peer);
    for (const frame of result) peer.send(frame); // delivered once, then gone
    return 'ok';
  }

  /** Removes and returns the frames waiting for a role, oldest first. */
  private async take(
    client: pg.PoolClient | PgStore,
    pairing: string,
    role: PairingRole
  ): Promise<Uint8Array[]> {
    const rows =
      'pool' in client
        ? await client.query<{ id: number; frame: Buffer }>(
            'DELETE FROM relay_pairing_messages WHERE pairing = $1 AND to_role = $2 RETURNING id, frame',
            [pairing, role]
          )
        : (
            await client.query<{ id: number; frame: Buffer }>(
              'DELETE FROM relay_pairing_messages WHERE pairing = $1 AND to_role = $2 RETURNING id, frame',
              [pairing, role]
            )
          ).rows;
    return rows.sort((a, b) => a.id - b.id).map((row) => new Uint8Array(row.frame));
  }

  async send(
    pairing: string,
    from: PairingRole,
    body: Uint8Array,
    now: number,
    address: string
  ): Promise<'ok' | PairingRefusal> {
    const to = other(from);
    const frame = encodeFrame({ t: 'pair-msg', pairing, from }, body);
    const result = await this.store.transaction(async (client) => {
      const box = await this.box(client, pairing, now, address);
      if (typeof box === 'string') return box;
      const queued = await client.query<{ n: number; bytes: number; all: number }>(
        `SELECT count(*) FILTER (WHERE pairing = $1 AND to_role = $2) AS n,
           coalesce(sum(length(frame)), 0)::bigint AS all
         FROM relay_pairing_messages`,
        [pairing, to]
      );
      const { n, all } = queued.rows[0];
      this.queuedBytes = all;
      if (n >= MAX_QUEUED || all + frame.length > this.maxBytes) return 'too-large' as const;
      await client.query(
        'INSERT INTO relay_pairing_messages (pairing, to_role, frame) VALUES ($1, $2, $3)',
        [pairing, to, Buffer.from(frame)]
      );
      // Whoever holds the other role (any process) takes it; delivered at the commit.
      if (box[to])
        await client.query(`SELECT pg_notify('relay', $1)`, [
          JSON.stringify({ k: 'p', id: pairing, r: to })
        ]);
      return 'ok' as const;
    });
    return result;
  }

  /** A message arrived for a role: if this process holds it, take and deliver. */
  notified(pairing: string, role: PairingRole): void {
    const peer = this.local.get(`${pairing}/${role}`);
    if (!peer) return;
    void this.take(this.store, pairing, role).then(
      (frames) => frames.forEach((frame) => peer.send(frame)),
      () => undefined // still queued: delivered at the holder's next open
    );
  }

  release(peer: PairingPeer, pairings: Iterable<string>): void {
    const token = this.tokens.get(peer);
    if (!token) return;
    for (const id of pairings)
      for (const role of ['host', 'guest'] as const) {
        const key = `${id}/${role}`;
        if (this.local.get(key) !== peer) continue;
        this.local.delete(key);
        void this.store
          .query(`UPDATE relay_pairings SET ${role} = NULL WHERE id = $1 AND ${role} = $2`, [
            id,
            token
          ])
          .catch(() => undefined);
      }
  }

  sweep(now: number): void {
    for (const [id, box] of this.created)
      if (box.expires <= now) {
        this.created.delete(id);
        this.quota.closePairing(box.address);
      }
    void (async () => {
      await this.store.query(
        `WITH ended AS (UPDATE relay_pairings SET dead = true, host = NULL, guest = NULL, expires = $2
           WHERE NOT dead AND expires <= $1 RETURNING id)
         DELETE FROM relay_pairing_messages WHERE pairing IN (SELECT id FROM ended)`,
        [now, now + this.ttlMs * 10]
      );
      await this.store.query('DELETE FROM relay_pairings WHERE dead AND expires <= $1', [now]);
    })().catch(() => undefined);
  }
}
