import {
  noticeTemplateId,
  type Notice,
  type NoticeKind,
  type ToldChannel
} from '$lib/domain/records/notice';
import { database, type GuanjiaDexie } from '../database';
import { write, type Actor } from '../write';
import { WriteError } from '../write-error';
import type { NewRow } from '$lib/domain/tables';

/** What the notice editor fills in (read counts stay off unless asked for). */
export type NoticeDraft = Partial<Pick<Notice, 'receipts'>> &
  Pick<
    Notice,
    | 'kind'
    | 'communityId'
    | 'title'
    | 'body'
    | 'startsAt'
    | 'endsAt'
    | 'deptToldAt'
    | 'analysedAt'
    | 'publishAt'
    | 'scope'
    | 'buildingIds'
    | 'unitIds'
  >;

function published(): WriteError {
  return new WriteError('invalid', [
    { change: 0, path: [], message: 'notices.alreadyPublished', code: 'custom' }
  ]);
}

/** Creates a draft, or saves one; a published notice is the archived original and stays as it is. */
export async function saveNoticeDraft(
  actor: Actor,
  draft: NoticeDraft,
  id?: string,
  db: GuanjiaDexie = database()
): Promise<string> {
  // Optional times the form left empty must be cleared, not kept from an earlier save.
  const value = {
    ...draft,
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    deptToldAt: draft.deptToldAt,
    analysedAt: draft.analysedAt,
    publishAt: draft.publishAt
  };
  if (!id) {
    const [created] = await write(actor, [{ op: 'create', table: 'notice', value }], { db });
    return created;
  }
  const existing = await db.notice.get(id);
  if (existing?.publishedAt !== undefined) throw published();
  await write(actor, [{ op: 'update', table: 'notice', id, patch: value }], { db });
  return id;
}

/** Withdraws a published notice (it stays in the archive, marked). */
export async function withdrawNotice(
  actor: Actor,
  id: string,
  now = Date.now(),
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'notice', id, patch: { withdrawnAt: now } }], {
    db,
    now
  });
}

/** Deletes a draft (soft, like every delete). */
export async function discardNoticeDraft(
  actor: Actor,
  id: string,
  db: GuanjiaDexie = database()
): Promise<void> {
  const existing = await db.notice.get(id);
  if (existing?.publishedAt !== undefined) throw published();
  await write(actor, [{ op: 'delete', table: 'notice', id }], { db });
}

/** Records that households were told (a call, a door visit, a chat message) — one write. */
export async function markTold(
  actor: Actor,
  noticeId: string,
  unitIds: readonly string[],
  channel: ToldChannel,
  now = Date.now(),
  db: GuanjiaDexie = database()
): Promise<void> {
  if (!unitIds.length) return;
  await write(
    actor,
    unitIds.map((unitId) => ({
      op: 'create' as const,
      table: 'noticeTold' as const,
      value: { noticeId, unitId, channel, at: now, staffId: actor.staffId }
    })),
    { db, now }
  );
}

/** Saves the company's own wording of a template (001 §4.2: 公司统一版本). */
export async function saveNoticeTemplate(
  actor: Actor,
  kind: NoticeKind,
  text: { title: string; body: string },
  db: GuanjiaDexie = database()
): Promise<void> {
  const id = noticeTemplateId(kind);
  if (await db.noticeTemplate.get(id)) {
    await write(actor, [{ op: 'update', table: 'noticeTemplate', id, patch: text }], { db });
  } else {
    const value: NewRow<'noticeTemplate'> = { id, kind, ...text };
    await write(actor, [{ op: 'create', table: 'noticeTemplate', value }], { db });
  }
}
