/**
 * Freshness of signals without trusting other devices' clocks: each sender stamps its
 * messages with its own strictly rising `at`, and a receiver refuses a knock or an offer
 * whose `at` is not above the last one it accepted from that sender. A relay that replays
 * a captured offer therefore cannot tear down a working channel. Kept in memory: after a
 * reload a replay can cost one failed attempt, never data (the SDP's DTLS fingerprint
 * belongs to a connection that no longer exists).
 */
export class SignalClock {
  private last = 0;
  private readonly accepted = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A stamp above every earlier one of this device, even within one millisecond. */
  stamp(): number {
    this.last = Math.max(this.last + 1, this.now());
    return this.last;
  }

  /** True (and remembered) when `at` is newer than anything accepted from `from`. */
  accept(from: string, at: number): boolean {
    if (at <= (this.accepted.get(from) ?? -1)) return false;
    this.accepted.set(from, at);
    return true;
  }
}
