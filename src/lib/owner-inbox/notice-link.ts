/**
 * The owner form link a notice carries (issue 16 §1: "a link or QR (per lobby poster, per
 * household, or inside a notice) opens a small owner page"). It is the community's lobby
 * poster link — the same signed link its QR code carries (`formLinkUrl`), so a request from a
 * notice lands in the intake queue exactly as one from the lobby does.
 */
import type { OwnerLink } from '$lib/domain/records/owner-link';
import { ownerFormKinds } from '$lib/domain/records/owner-link';
import { canWrite } from '$lib/domain/roles';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { listOwnerLinks } from '$lib/db/queries/owner-inbox';
import type { Actor } from '$lib/db/write';
import { withoutClocks } from '$lib/oplog/format';
import { createLink, formLinkUrl, inboxRelay } from './intake';

export type NoticeFormLink =
  | { url: string; link: OwnerLink; made: boolean }
  /** No relay to send to, or no poster link and no right to make one. */
  | { problem: 'noRelay' | 'noLink' };

/**
 * The community's poster link: the one for the whole community first, else a building's
 * (the oldest, so the same link each time). None yet: one for the whole community is made
 * (all kinds, name and phone optional, as the links page's defaults) if the actor may.
 */
export async function communityFormLink(
  actor: Actor,
  community: { id: string; name: string },
  ownerPageUrl: string,
  db: GuanjiaDexie = database()
): Promise<NoticeFormLink> {
  if (!(await inboxRelay(db))) return { problem: 'noRelay' };
  const posters = (await listOwnerLinks(db))
    .filter((l) => l.kind === 'poster' && l.communityId === community.id && !l.closed)
    .sort((a, b) => Number(!!a.buildingId) - Number(!!b.buildingId) || a.createdAt - b.createdAt);
  let link = posters[0];
  let made = false;
  if (!link) {
    if (!canWrite(actor.role, 'ownerLink', 'create')) return { problem: 'noLink' };
    const { id } = await createLink(
      actor,
      {
        kind: 'poster',
        communityId: community.id,
        label: community.name,
        kinds: [...ownerFormKinds],
        askName: 'optional',
        askPhone: 'optional'
      },
      db
    );
    const row = await db.ownerLink.get(id);
    if (!row) return { problem: 'noLink' };
    link = withoutClocks(row) as unknown as OwnerLink;
    made = true;
  }
  const url = await formLinkUrl(link, ownerPageUrl, db);
  return url ? { url, link, made } : { problem: 'noRelay' };
}

/**
 * `line` put into `body` on a line of its own at the cursor (`start`–`end`, a selection is
 * replaced); where the cursor goes after it.
 */
export function insertLine(
  body: string,
  start: number,
  end: number,
  line: string
): { body: string; caret: number } {
  const from = Math.max(0, Math.min(start, body.length));
  const to = Math.max(from, Math.min(end, body.length));
  const before = body.slice(0, from);
  const after = body.slice(to);
  const head = before && !before.endsWith('\n') ? '\n' : '';
  const tail = after && !after.startsWith('\n') ? '\n' : '';
  const inserted = `${head}${line}${tail}`;
  return { body: before + inserted + after, caret: before.length + head.length + line.length };
}
