import { TokenBucket } from './limits';
import type { DeviceCertificate } from '../lib/sync/crypto/identity';
import type { RelayLimits, WireBatch } from '../lib/sync/protocol';

/** What the hub needs of a connection. */
export interface Peer {
  readonly device: string | undefined;
  send(frame: Uint8Array): void;
  /**
   * A live batch of another device: `plain()` is its frame, encoded once for all peers; a
   * connection that has not had the author's certificate yet gets a frame carrying it
   * (`cert`, known to whoever passes the batch on).
   */
  sendBatch(
    batch: WireBatch,
    body: Uint8Array,
    plain: () => Uint8Array,
    cert: DeviceCertificate | undefined
  ): void;
  kick(code: 'revoked', message: string): void;
  /** Close so the device reconnects (and pulls): what it was sent live may have a gap. */
  restart(reason: string): void;
}

/**
 * The live side of the relay: which devices of which office are connected now (for live
 * forwarding and signalling) and each device's rate bucket (shared by its connections,
 * so reconnecting does not refill it).
 */
export class Hub {
  private readonly offices = new Map<string, Set<Peer>>();
  private readonly buckets = new Map<string, TokenBucket>();
  /** Per office/device: the highest seq passed on live, which may run ahead of the store. */
  private readonly forwarded = new Map<string, number>();

  constructor(private readonly limits: RelayLimits) {}

  join(office: string, peer: Peer): boolean {
    let peers = this.offices.get(office);
    if (!peers) this.offices.set(office, (peers = new Set()));
    if (peers.size >= this.limits.maxConnectionsPerOffice) return false;
    peers.add(peer);
    return true;
  }

  leave(office: string, peer: Peer): void {
    const peers = this.offices.get(office);
    peers?.delete(peer);
    if (peers?.size === 0) {
      this.offices.delete(office);
      for (const key of this.forwarded.keys())
        if (key.startsWith(`${office}/`)) this.forwarded.delete(key);
    }
  }

  /** Every device session of this process. */
  *all(): IterableIterator<Peer> {
    for (const peers of this.offices.values()) yield* [...peers];
  }

  peers(office: string): ReadonlySet<Peer> {
    return this.offices.get(office) ?? new Set();
  }

  bucket(office: string, device: string, now: number): TokenBucket {
    const key = `${office}/${device}`;
    let bucket = this.buckets.get(key);
    if (!bucket)
      this.buckets.set(
        key,
        (bucket = new TokenBucket(this.limits.ratePerSecond, this.limits.rateBurst, now))
      );
    return bucket;
  }

  /**
   * Whether a verified batch continues what the office's devices were last given of its
   * author (then it is passed on before its commit; `stored` = the store's run, used when
   * nothing was forwarded yet). Resends and batches after a gap are not passed on live.
   */
  claimForward(office: string, batch: WireBatch, stored: number): boolean {
    const key = `${office}/${batch.device}`;
    const high = Math.max(this.forwarded.get(key) ?? 0, stored);
    if (batch.first !== high + 1) return false;
    this.forwarded.set(key, batch.last);
    return true;
  }

  /** A batch passed on live was not stored after all: forward again from the store's run. */
  forgetForward(office: string, device: string): void {
    this.forwarded.delete(`${office}/${device}`);
  }

  /** Forgets the buckets of devices not connected whose bucket is full again (nothing to remember). */
  sweep(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (!this.offices.has(key.slice(0, key.indexOf('/'))) && bucket.idle(now))
        this.buckets.delete(key);
  }

  get connectedOffices(): number {
    return this.offices.size;
  }
}
