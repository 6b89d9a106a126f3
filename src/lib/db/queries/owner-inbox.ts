import type { OwnerLink } from '$lib/domain/records/owner-link';
import type { OwnerSubmission } from '$lib/domain/records/owner-submission';
import { withoutClocks } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from '../database';

const DAY_MS = 24 * 3600 * 1000;

export async function listOwnerLinks(db: GuanjiaDexie = database()): Promise<OwnerLink[]> {
  return (await db.ownerLink.toArray())
    .map((r) => withoutClocks(r) as unknown as OwnerLink)
    .filter((l) => !l.deleted)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Submissions in a state, newest first (the intake queue: `new`). */
export async function listSubmissions(
  state: OwnerSubmission['state'],
  db: GuanjiaDexie = database()
): Promise<OwnerSubmission[]> {
  return (await db.ownerSubmission.where('state').equals(state).toArray())
    .map((r) => withoutClocks(r) as unknown as OwnerSubmission)
    .sort((a, b) => b.receivedAt - a.receivedAt);
}

/** What the sync indicator counts: submissions waiting at the desk. */
export function countNewSubmissions(db: GuanjiaDexie = database()): Promise<number> {
  return db.ownerSubmission.where('state').equals('new').count();
}

export interface BoxReminder {
  link: OwnerLink;
  unread: number;
  /** When the box was due to be read (its last reading + the office's interval). */
  dueAt: number;
}

/**
 * Suggestion boxes due for reading (issue 16 §4: "read on a schedule the office sets, a
 * reminder when unread ones wait"): unread notes wait and the interval since the last reading
 * (or since the box was made) has passed.
 */
export async function dueSuggestionBoxes(
  now: number,
  db: GuanjiaDexie = database()
): Promise<BoxReminder[]> {
  const boxes = (await listOwnerLinks(db)).filter((l) => l.kind === 'box' && !l.closed);
  if (!boxes.length) return [];
  const waiting = await listSubmissions('new', db);
  const out: BoxReminder[] = [];
  for (const link of boxes) {
    const unread = waiting.filter((s) => s.linkId === link.id).length;
    const dueAt = (link.lastReadAt ?? link.createdAt) + (link.readEveryDays ?? 7) * DAY_MS;
    if (unread > 0 && now >= dueAt) out.push({ link, unread, dueAt });
  }
  return out;
}
