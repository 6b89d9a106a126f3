import type * as Y from 'yjs';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';

/**
 * Each shift's document is kept on the device by y-indexeddb (one small IndexedDB database
 * per document, named after the app's database and the document), so it opens offline and survives a reload.
 *
 * y-indexeddb appends every change as one row and, on every open, one more row with the
 * whole state of the document as it was before loading (yjs/y-indexeddb#31): a document
 * opened often grows without bound. We open it on an empty Y.Doc (that row is then two
 * bytes) and compact — all rows replaced by one state update — when a document is opened
 * with more than COMPACT_AT rows, and when its shift is closed (it is read-only for good).
 */
export const COMPACT_AT = 50;

export function docDatabaseName(database: string, key: string): string {
  return `${database}:doc:${key}`;
}

export interface DocStore {
  provider: IndexeddbPersistence;
  /** Resolves once every change applied so far is on disk. */
  flushed(): Promise<void>;
  /** Replace the stored rows by one state update. */
  compact(): Promise<void>;
  /** Rows stored for this document. */
  rows(): Promise<number>;
  close(): Promise<void>;
}

function whenDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export async function openDocStore(name: string, doc: Y.Doc): Promise<DocStore> {
  const provider = new IndexeddbPersistence(name, doc);
  await provider.whenSynced;
  const idb = () => {
    if (!provider.db) throw new Error('doc store closed');
    return provider.db;
  };
  const store: DocStore = {
    provider,
    // IndexedDB runs read-write transactions over the same store in the order they were
    // created: one made now completes after every row y-indexeddb has queued before it.
    flushed: () => whenDone(idb().transaction(['updates'], 'readwrite')),
    async compact() {
      await storeState(provider, true);
      await store.flushed();
    },
    rows: () =>
      new Promise((resolve, reject) => {
        const request = idb().transaction(['updates']).objectStore('updates').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      }),
    close: () => provider.destroy()
  };
  if ((await store.rows()) > COMPACT_AT) await store.compact();
  return store;
}
