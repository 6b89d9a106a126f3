import type { CommitResult, PendingBatch, RelayStore } from './store';
import type { RelayLog } from './log';

/**
 * Group commit: batches arriving in the same event-loop turn share one transaction and one
 * fsync, then each is acknowledged. With synchronous=FULL an fsync per batch would cap a
 * busy relay at the disk's fsync rate; grouping keeps "ack after commit" and the throughput.
 */
export class CommitQueue {
  private pending: { item: PendingBatch; resolve: (result: CommitResult) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly store: RelayStore,
    private readonly log: RelayLog
  ) {}

  commit(item: PendingBatch): Promise<CommitResult> {
    return new Promise((resolve) => {
      this.pending.push({ item, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const group = this.pending;
    this.pending = [];
    let results: CommitResult[];
    try {
      results = this.store.commitBatches(group.map((entry) => entry.item));
    } catch (error) {
      this.log('error', 'commit-failed', { reason: String(error), batches: group.length });
      results = group.map(() => ({
        ok: false,
        code: 'internal',
        message: 'storage failure, nothing was stored'
      }));
    }
    group.forEach((entry, i) => entry.resolve(results[i]));
  }
}
