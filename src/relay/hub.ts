import { TokenBucket } from './limits';
import type { RelayLimits } from '../lib/sync/protocol';

/** What the hub needs of a connection. */
export interface Peer {
  readonly device: string | undefined;
  send(frame: Uint8Array): void;
  kick(code: 'revoked', message: string): void;
}

/**
 * The live side of the relay: which devices of which office are connected now (for live
 * forwarding and signalling) and each device's rate bucket (shared by its connections,
 * so reconnecting does not refill it).
 */
export class Hub {
  private readonly offices = new Map<string, Set<Peer>>();
  private readonly buckets = new Map<string, TokenBucket>();

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
    if (peers?.size === 0) this.offices.delete(office);
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

  get connectedOffices(): number {
    return this.offices.size;
  }
}
