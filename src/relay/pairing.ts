import { encodeFrame, type PairingRole } from '../lib/sync/protocol';

/**
 * Pairing mailboxes: the rendezvous of a new device ("guest") and the manager's device
 * ("host") under a random pairing id from the QR code. The relay only passes opaque
 * (end-to-end encrypted) messages; it keeps them in memory, never on disk, for at most the
 * pairing TTL. An id is one-time: once expired it stays dead until the relay restarts.
 *
 * Anyone may open one (the new device has no certificate yet), so everything is bounded:
 * mailboxes in total and per remote address (`Quota`), messages and bytes per mailbox, and
 * bytes queued in all mailboxes together.
 */
export interface PairingPeer {
  send(frame: Uint8Array): void;
}

/** Who may create another mailbox (per remote address); told when one ends. */
export interface PairingQuota {
  openPairing(address: string, now: number): boolean;
  closePairing(address: string): void;
}

interface Mailbox {
  expires: number;
  creator: string; // remote address that created it (its quota)
  holders: Partial<Record<PairingRole, PairingPeer>>;
  queued: Record<PairingRole, Uint8Array[]>; // frames waiting for that role
  bytes: number;
}

const MAX_QUEUED = 16;
const MAX_MAILBOXES = 10_000;
const other = (role: PairingRole): PairingRole => (role === 'host' ? 'guest' : 'host');

export type PairingRefusal = 'not-found' | 'pairing-taken' | 'too-large' | 'rate-limited';

/**
 * What a session needs of the mailboxes: in memory (`PairingMailboxes`, one relay process) or
 * in PostgreSQL (`PgPairings` in bus.ts, when several processes share one database).
 */
export interface PairingService {
  open(
    pairing: string,
    role: PairingRole,
    peer: PairingPeer,
    now: number,
    address: string
  ): Promise<'ok' | PairingRefusal>;
  send(
    pairing: string,
    from: PairingRole,
    body: Uint8Array,
    now: number,
    address: string
  ): Promise<'ok' | PairingRefusal>;
  release(peer: PairingPeer, pairings: Iterable<string>): void;
  sweep(now: number): void;
  readonly bytes: number;
}

export class PairingMailboxes implements PairingService {
  private readonly boxes = new Map<string, Mailbox>();
  private readonly dead = new Map<string, number>(); // id → when the tombstone may be forgotten
  private queuedBytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly quota: PairingQuota,
    private readonly maxBytes: number
  ) {}

  private box(pairing: string, now: number, address: string): Mailbox | PairingRefusal {
    const found = this.boxes.get(pairing);
    if (found && found.expires <= now) this.end(pairing, found, now);
    else if (found) return found;
    if (this.dead.has(pairing)) return 'not-found';
    if (this.boxes.size >= MAX_MAILBOXES) this.sweep(now);
    if (this.boxes.size >= MAX_MAILBOXES) return 'not-found';
    // One address cannot hold more than its share: a flood from it leaves room for genuine pairings.
    if (!this.quota.openPairing(address, now)) return 'rate-limited';
    const box: Mailbox = {
      expires: now + this.ttlMs,
      creator: address,
      holders: {},
      queued: { host: [], guest: [] },
      bytes: 0
    };
    this.boxes.set(pairing, box);
    return box;
  }

  private end(id: string, box: Mailbox, now: number): void {
    this.boxes.delete(id);
    this.queuedBytes -= box.bytes;
    this.quota.closePairing(box.creator);
    this.dead.set(id, now + this.ttlMs * 10);
  }

  async open(
    pairing: string,
    role: PairingRole,
    peer: PairingPeer,
    now: number,
    address: string
  ): Promise<'ok' | PairingRefusal> {
    const box = this.box(pairing, now, address);
    if (typeof box === 'string') return box;
    const holder = box.holders[role];
    if (holder && holder !== peer) return 'pairing-taken';
    box.holders[role] = peer;
    const frames = box.queued[role].splice(0);
    for (const frame of frames) {
      box.bytes -= frame.length;
      this.queuedBytes -= frame.length;
      peer.send(frame); // delivered once, then gone
    }
    return 'ok';
  }

  async send(
    pairing: string,
    from: PairingRole,
    body: Uint8Array,
    now: number,
    address: string
  ): Promise<'ok' | PairingRefusal> {
    const box = this.box(pairing, now, address);
    if (typeof box === 'string') return box;
    const frame = encodeFrame({ t: 'pair-msg', pairing, from }, body);
    const to = box.holders[other(from)];
    if (to) to.send(frame);
    else if (
      box.queued[other(from)].length >= MAX_QUEUED ||
      this.queuedBytes + frame.length > this.maxBytes
    )
      return 'too-large';
    else {
      box.queued[other(from)].push(frame);
      box.bytes += frame.length;
      this.queuedBytes += frame.length;
    }
    return 'ok';
  }

  /** A connection ended: the roles it held in these mailboxes are free again. */
  release(peer: PairingPeer, pairings: Iterable<string>): void {
    for (const id of pairings) {
      const box = this.boxes.get(id);
      if (box?.holders.host === peer) delete box.holders.host;
      if (box?.holders.guest === peer) delete box.holders.guest;
    }
  }

  /** Bytes waiting in all mailboxes (tests, load figures). */
  get bytes(): number {
    return this.queuedBytes;
  }

  sweep(now: number): void {
    for (const [id, box] of this.boxes) if (box.expires <= now) this.end(id, box, now);
    for (const [id, until] of this.dead) if (until <= now) this.dead.delete(id);
  }
}
