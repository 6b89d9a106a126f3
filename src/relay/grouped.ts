/**
 * Group commit for small writes that arrive together (a reconnect storm's enrolments): what
 * comes in while a commit runs waits for the next one, so many callers share one transaction
 * and one fsync instead of one each. A failed commit fails every caller of its group.
 */
export class Grouped<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly commit: (items: T[]) => Promise<void> | void) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.pending.length === 0) return;
    this.running = true;
    // After the current turn of the event loop: the hellos read in it join this group.
    setImmediate(() => {
      const group = this.pending;
      this.pending = [];
      void (async () => {
        try {
          await this.commit(group.map((entry) => entry.item));
          for (const entry of group) entry.resolve();
        } catch (error) {
          for (const entry of group) entry.reject(error);
        } finally {
          this.running = false;
          this.next();
        }
      })();
    });
  }
}

/** One device's enrolment (with its office's first contact), as RelayStore.enrol takes it. */
export interface Enrolment {
  office: string;
  officePublicKey: Uint8Array;
  device: string;
  devicePublicKey: Uint8Array;
  now: number;
  certSig?: string;
}
