import type { CommitResult, PendingBatch, RelayStore } from './store';
import type { RelayLog } from './log';

/**
 * Group commit: batches arriving in the same event-loop turn share one transaction and one
 * fsync, then each is acknowledged. With synchronous=FULL an fsync per batch would cap a
 * busy relay at the disk's fsync rate; grouping keeps "ack after commit" and the throughput.
 * On PostgreSQL a commit is a round trip: batches arriving while one group commits wait and
 * go together in the next group (one transaction in flight at a time, order kept).
 */
export class CommitQueue {
  private pending: { item: PendingBatch; resolve: (result: CommitResult) => void }[] = [];
  private scheduled = false;
  private running = false;

  constructor(
    private readonly store: RelayStore,
    private readonly log: RelayLog
  ) {}

  commit(item: PendingBatch): Promise<CommitResult> {
    return new Promise((resolve) => {
      this.pending.push({ item, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.running = true;
    const group = this.pending;
    this.pending = [];
    let results: CommitResult[];
    try {
      results = await this.store.commitBatches(group.map((entry) => entry.item));
    } catch (error) {
      this.log('error', 'commit-failed', { reason: String(error), batches: group.length });
      results = group.map(() => ({
        ok: false,
        code: 'internal',
        message: 'storage failure, nothing was stored'
      }));
    }
    this.running = false;
    group.forEach((entry, i) => entry.resolve(results[i]));
    this.schedule();
  }
}
