/** Token bucket: `rate` messages per second on average, bursts up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number
  ) {
    this.tokens = burst;
    this.updated = now;
  }

  /** Takes one token, or returns the milliseconds to wait for one. */
  take(now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updated) / 1000) * this.rate);
    this.updated = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - this.tokens) / this.rate) * 1000) };
  }

  /** Full again (nothing taken for long enough): the bucket can be forgotten. */
  idle(now: number): boolean {
    return this.tokens + ((now - this.updated) / 1000) * this.rate >= this.burst;
  }
}

/**
 * What the relay allows a stranger on the internet (src/relay/README.md "Hostile input"):
 * everything a connection can make the relay hold (sockets, buffers, mailboxes, offices,
 * stored bytes) has a cap per remote address and in total. Flags/env in config.ts.
 */
export interface RelayGuards {
  /** A connection that neither said hello nor opened a pairing mailbox by then is closed. */
  helloTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Messages before hello (hello, pairing) per remote address: token bucket refill and size. */
  unauthRatePerSecond: number;
  unauthBurst: number;
  /** Pairing mailboxes opened by one address and not yet expired. */
  maxPairingsPerAddress: number;
  /** Bytes queued in all pairing mailboxes together (memory, not disk). */
  maxPairingBytes: number;
  /** New offices / newly enrolled devices per remote address per hour. */
  maxOfficesPerAddressPerHour: number;
  maxDevicesPerAddressPerHour: number;
  /** Batches and blobs of all offices together (each office also has officeQuotaBytes). */
  maxStoredBytes: number;
  /** A connection's unsent bytes: above a quarter of this it is not read, above it is closed. */
  maxSendBufferBytes: number;
  /** Refusals written to the log per minute; the rest are counted in one summary line. */
  logRejectsPerMinute: number;
  /** `GET /healthz` with `Authorization: Bearer <token>` shows counts; empty: only `ok`. */
  adminToken: string;
}

export const DEFAULT_GUARDS: RelayGuards = {
  helloTimeoutMs: 10_000,
  maxConnections: 10_000,
  maxConnectionsPerAddress: 100,
  unauthRatePerSecond: 10,
  unauthBurst: 40,
  maxPairingsPerAddress: 8,
  maxPairingBytes: 64 * 1024 * 1024,
  maxOfficesPerAddressPerHour: 10,
  maxDevicesPerAddressPerHour: 100,
  maxStoredBytes: 100 * 1024 * 1024 * 1024,
  maxSendBufferBytes: 4 * 1024 * 1024,
  logRejectsPerMinute: 600,
  adminToken: ''
};

const HOUR_MS = 3_600_000;
/** Addresses remembered at once (an attacker with many addresses cannot grow the map without end). */
const MAX_ADDRESSES = 100_000;

interface AddressState {
  connections: number;
  pairings: number;
  bucket: TokenBucket;
  hourStart: number;
  offices: number;
  devices: number;
}

/** Per remote address: open connections, pre-hello message bucket, mailboxes, hourly enrolments. */
export class AddressBook {
  private readonly addresses = new Map<string, AddressState>();
  private total = 0;

  constructor(private readonly guards: RelayGuards) {}

  private state(address: string, now: number): AddressState {
    let state = this.addresses.get(address);
    if (!state) {
      if (this.addresses.size >= MAX_ADDRESSES) this.sweep(now);
      // Still full: forget the oldest address holding nothing (its hourly counts go with it).
      if (this.addresses.size >= MAX_ADDRESSES)
        for (const [old, held] of this.addresses)
          if (held.connections === 0 && held.pairings === 0) {
            this.addresses.delete(old);
            break;
          }
      state = {
        connections: 0,
        pairings: 0,
        bucket: new TokenBucket(this.guards.unauthRatePerSecond, this.guards.unauthBurst, now),
        hourStart: now,
        offices: 0,
        devices: 0
      };
      this.addresses.set(address, state);
    }
    if (now - state.hourStart >= HOUR_MS) {
      state.hourStart = now;
      state.offices = 0;
      state.devices = 0;
    }
    return state;
  }

  /** A new connection, or why not. */
  connect(address: string, now: number): 'ok' | 'total' | 'address' {
    if (this.total >= this.guards.maxConnections) return 'total';
    const state = this.state(address, now);
    if (state.connections >= this.guards.maxConnectionsPerAddress) return 'address';
    state.connections++;
    this.total++;
    return 'ok';
  }

  disconnect(address: string): void {
    const state = this.addresses.get(address);
    if (!state || state.connections === 0) return;
    state.connections--;
    this.total--;
  }

  get connections(): number {
    return this.total;
  }

  /** One message before hello (hello itself, pairing). */
  takeUnauthenticated(address: string, now: number): ReturnType<TokenBucket['take']> {
    return this.state(address, now).bucket.take(now);
  }

  openPairing(address: string, now: number): boolean {
    const state = this.state(address, now);
    if (state.pairings >= this.guards.maxPairingsPerAddress) return false;
    state.pairings++;
    return true;
  }

  closePairing(address: string): void {
    const state = this.addresses.get(address);
    if (state && state.pairings > 0) state.pairings--;
  }

  /** Counts a first hello of an office or device from this address; false above the hourly cap. */
  enrol(address: string, now: number, kind: 'office' | 'device'): boolean {
    const state = this.state(address, now);
    if (kind === 'office') {
      if (state.offices >= this.guards.maxOfficesPerAddressPerHour) return false;
      state.offices++;
    } else {
      if (state.devices >= this.guards.maxDevicesPerAddressPerHour) return false;
      state.devices++;
    }
    return true;
  }

  /** Forgets addresses that hold nothing and whose bucket and hour have run out. */
  sweep(now: number): void {
    for (const [address, state] of this.addresses) {
      if (
        state.connections === 0 &&
        state.pairings === 0 &&
        state.bucket.idle(now) &&
        now - state.hourStart >= HOUR_MS
      )
        this.addresses.delete(address);
    }
  }
}

/**
 * Bytes stored by all offices: read from the store at start and on each sweep, added to on
 * every accepted write in between (a sum over all offices per edit would cost the honest path).
 */
export class StorageMeter {
  private total = 0;

  constructor(
    private readonly read: () => Promise<number>,
    readonly max: number
  ) {}

  fits(bytes: number): boolean {
    return this.total + bytes <= this.max;
  }

  add(bytes: number): void {
    this.total += bytes;
  }

  /** Reads the store's total (at start, then on each sweep: other processes' writes too). */
  async refresh(): Promise<void> {
    this.total = await this.read();
  }
}
