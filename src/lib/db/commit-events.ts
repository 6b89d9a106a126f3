import type { TableName } from '$lib/domain/tables';
import type { CommitOrigin } from './commit';

/** One committed change: where it came from and which rows of which tables it changed. */
export interface CommitEvent {
  origin: CommitOrigin;
  changed: ReadonlyMap<TableName, readonly string[]>;
}

type Listener = (event: CommitEvent) => void;
const listeners = new Set<Listener>();

/**
 * Be told of every commit of this tab (local writes and received batches), e.g. to mark an
 * in-memory index stale. Returns the unsubscribe function. Emitted when the commit's own
 * transaction is done; a read started then sees the change (IndexedDB orders them).
 */
export function onCommit(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitCommit(event: CommitEvent): void {
  for (const l of listeners) {
    try {
      l(event);
    } catch (error) {
      console.error('commit listener', error);
    }
  }
}
