import type * as Y from 'yjs';
import type { GuanjiaDexie } from '$lib/db/database';
import { applyRemoteUpdates } from './safe-apply';

export interface IntakeResult {
  applied: number;
  rejected: number;
}

/**
 * Take a document's updates from the device's doc inbox (filled by sync, db/apply-remote.ts):
 * apply each as remote (so it is not sent again), wait until the document's own store holds
 * them, and only then delete them from the inbox — a crash in between applies them again,
 * which Yjs ignores. A damaged update is rejected and removed: it can never apply, and
 * keeping it would block nothing but clutter the inbox.
 */
export async function takeInbox(
  db: GuanjiaDexie,
  key: string,
  doc: Y.Doc,
  persisted: () => Promise<void>
): Promise<IntakeResult> {
  const entries = await db.docInbox.where('doc').equals(key).toArray();
  if (!entries.length) return { applied: 0, rejected: 0 };
  const rejected = applyRemoteUpdates(
    doc,
    entries.map((e) => e.update)
  );
  const result: IntakeResult = { applied: entries.length - rejected, rejected };
  await persisted();
  await db.docInbox.bulkDelete(entries.flatMap((e) => (e.seq === undefined ? [] : [e.seq])));
  return result;
}
