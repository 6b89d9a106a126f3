import * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates
} from 'y-protocols/awareness';
import { liveQuery } from 'dexie';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { writeDocUpdates, type Actor } from '$lib/db/write';
import type { TableName } from '$lib/domain/tables';
import { broadcast, onChannelMessage, startTabChannel } from './channels';
import { takeInbox } from './inbox';
import { Outbox } from './outbox';
import { docDatabaseName, openDocStore, type DocStore } from './persistence';
import { REMOTE } from './safe-apply';
import { throttle } from './throttle';
import { recoverUnsent, unsentMarker } from './unsent';

/** Changes from another tab of this device: that tab put them in the op log already. */
const TAB = Symbol('tab');

/** Awareness (cursor, presence) leaves a tab at most this often: about 10 messages a second. */
export const AWARENESS_MS = 100;

/** Who shows in the others' cursors: the staff id and a colour; names are looked up locally. */
export interface CollabUser {
  staffId: string;
  color: string;
}

export interface CollabDoc {
  readonly key: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly store: DocStore;
  /** Updates from other devices refused as damaged since the document was opened. */
  readonly rejected: number;
  /** Put this device's typing in the op log now (before signing, before leaving). */
  flush(): Promise<void>;
  /** Take in what other devices sent (also done by itself as it arrives). */
  takeInbox(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  db?: GuanjiaDexie;
  /** Who is typing now; null while the tablet is locked. */
  actor: () => Actor | null;
  user?: CollabUser;
  onError?: (error: unknown) => void;
}

/**
 * Open a record's collaborative document (a shift's handover log): load it from this
 * device's store, take in what other devices sent meanwhile, and from then on put this
 * device's changes in the op log (batched per burst of typing) and apply what arrives.
 */
export async function openCollabDoc(
  ref: { table: TableName; id: string },
  options: OpenOptions
): Promise<CollabDoc> {
  const db = options.db ?? database();
  const key = `${ref.table}/${ref.id}`;
  const doc = new Y.Doc();
  const store = await openDocStore(docDatabaseName(db.name, key), doc);
  const unsent = unsentMarker(key, doc.clientID);
  const outbox = new Outbox(doc, [REMOTE, TAB, store.provider, 'inbox'], {
    actor: options.actor,
    send: (actor, updates) => writeDocUpdates(actor, ref, updates, { db }),
    markUnsent: unsent.set,
    onError: options.onError
  });
  // A tab that closed or crashed between typing and sending left a marker: send everything.
  if (recoverUnsent(key)) await outbox.resendAll();

  let rejected = 0;
  let intake: Promise<void> = Promise.resolve();
  const take = () =>
    (intake = intake.then(async () => {
      const result = await takeInbox(db, key, doc, store.flushed);
      rejected += result.rejected;
    }));
  await take();
  const inboxWatch = liveQuery(() => db.docInbox.where('doc').equals(key).count()).subscribe({
    next: (n) => {
      if (n > 0) void take();
    },
    error: (e: unknown) => options.onError?.(e)
  });

  // Other tabs of this device: share updates (their store is ours) and awareness.
  startTabChannel();
  const awareness = new Awareness(doc);
  if (options.user) awareness.setLocalStateField('user', options.user);
  const onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== TAB && origin !== store.provider)
      broadcast({ kind: 'update', doc: key, update }, 'tab');
  };
  doc.on('update', onDocUpdate);
  // This tab's awareness goes out as its whole current state, at most every AWARENESS_MS
  // (cursor moves while typing would otherwise be one message per keystroke to every device).
  // Others' states that time out here are not sent on: every copy times them out itself.
  const sendLocal = throttle(
    () =>
      broadcast({
        kind: 'awareness',
        doc: key,
        update: encodeAwarenessUpdate(awareness, [doc.clientID])
      }),
    AWARENESS_MS
  );
  const onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown
  ) => {
    if (origin === REMOTE) return;
    if (![...added, ...updated, ...removed].includes(doc.clientID)) return;
    sendLocal();
  };
  awareness.on('update', onAwareness);
  if (options.user) sendLocal(); // here now: whoever has the shift open sees it
  const known = new Set<number>();
  const stopListening = onChannelMessage((message) => {
    if (message.doc !== key) return;
    if (message.kind === 'update') {
      try {
        Y.applyUpdate(doc, message.update, TAB);
      } catch (error) {
        options.onError?.(error);
      }
      return;
    }
    const before = new Set(awareness.getStates().keys());
    try {
      applyAwarenessUpdate(awareness, message.update, REMOTE);
    } catch (error) {
      return options.onError?.(error); // sealed and signed, yet not an awareness update
    }
    // Someone new: tell them who is here, rather than wait for the 15 s renewal.
    const fresh = [...awareness.getStates().keys()].some((c) => !before.has(c) && !known.has(c));
    for (const c of awareness.getStates().keys()) known.add(c);
    if (fresh) sendLocal();
  });

  return {
    key,
    doc,
    awareness,
    store,
    get rejected() {
      return rejected;
    },
    flush: () => outbox.flush(),
    takeInbox: take,
    async close() {
      inboxWatch.unsubscribe();
      stopListening();
      // Leaving: the others drop this cursor now, not after their 30 s timeout.
      sendLocal.cancel();
      awareness.off('update', onAwareness);
      removeAwarenessStates(awareness, [doc.clientID], 'close');
      broadcast({
        kind: 'awareness',
        doc: key,
        update: encodeAwarenessUpdate(awareness, [doc.clientID])
      });
      awareness.destroy();
      doc.off('update', onDocUpdate);
      await outbox.close();
      await intake;
      await store.flushed();
      await store.close();
      doc.destroy();
    }
  };
}
