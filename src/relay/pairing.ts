import { encodeFrame, type PairingRole } from '../lib/sync/protocol';

/**
 * Pairing mailboxes: the rendezvous of a new device ("guest") and the manager's device
 * ("host") under a random pairing id from the QR code. The relay only passes opaque
 * (end-to-end encrypted) messages; it keeps them in memory, never on disk, for at most the
 * pairing TTL. An id is one-time: once expired it stays dead until the relay restarts.
 */
export interface PairingPeer {
  send(frame: Uint8Array): void;
}

interface Mailbox {
  expires: number;
  holders: Partial<Record<PairingRole, PairingPeer>>;
  queued: Record<PairingRole, Uint8Array[]>; // frames waiting for that role
}

const MAX_QUEUED = 16;
const MAX_MAILBOXES = 10_000; // unauthenticated, so bounded: a flood cannot exhaust memory
const other = (role: PairingRole): PairingRole => (role === 'host' ? 'guest' : 'host');

export class PairingMailboxes {
  private readonly boxes = new Map<string, Mailbox>();
  private readonly dead = new Map<string, number>(); // id → when the tombstone may be forgotten

  constructor(private readonly ttlMs: number) {}

  private box(pairing: string, now: number): Mailbox | undefined {
    this.sweep(now);
    if (this.dead.has(pairing)) return undefined;
    let box = this.boxes.get(pairing);
    if (!box && this.boxes.size >= MAX_MAILBOXES) return undefined;
    if (!box)
      this.boxes.set(
        pairing,
        (box = { expires: now + this.ttlMs, holders: {}, queued: { host: [], guest: [] } })
      );
    return box;
  }

  open(
    pairing: string,
    role: PairingRole,
    peer: PairingPeer,
    now: number
  ): 'ok' | 'not-found' | 'pairing-taken' {
    const box = this.box(pairing, now);
    if (!box) return 'not-found';
    const holder = box.holders[role];
    if (holder && holder !== peer) return 'pairing-taken';
    box.holders[role] = peer;
    for (const frame of box.queued[role].splice(0)) peer.send(frame); // delivered once, then gone
    return 'ok';
  }

  send(
    pairing: string,
    from: PairingRole,
    body: Uint8Array,
    now: number
  ): 'ok' | 'not-found' | 'too-large' {
    const box = this.box(pairing, now);
    if (!box) return 'not-found';
    const frame = encodeFrame({ t: 'pair-msg', pairing, from }, body);
    const to = box.holders[other(from)];
    if (to) to.send(frame);
    else if (box.queued[other(from)].length >= MAX_QUEUED) return 'too-large';
    else box.queued[other(from)].push(frame);
    return 'ok';
  }

  release(peer: PairingPeer): void {
    for (const box of this.boxes.values()) {
      if (box.holders.host === peer) delete box.holders.host;
      if (box.holders.guest === peer) delete box.holders.guest;
    }
  }

  sweep(now: number): void {
    for (const [id, box] of this.boxes) {
      if (box.expires <= now) {
        this.boxes.delete(id);
        this.dead.set(id, now + this.ttlMs * 10);
      }
    }
    for (const [id, until] of this.dead) if (until <= now) this.dead.delete(id);
  }
}
