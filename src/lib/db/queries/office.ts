import { OFFICE_ID, SETTINGS_ID } from '$lib/domain/record-ids';
import type { Office } from '$lib/domain/records/office';
import type { Settings } from '$lib/domain/records/settings';
import type { Staff } from '$lib/domain/records/staff';
import type { Community } from '$lib/domain/records/community';
import { withoutClocks } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from '../database';

export async function getOffice(db: GuanjiaDexie = database()): Promise<Office | undefined> {
  const row = await db.office.get(OFFICE_ID);
  return row ? (withoutClocks(row) as Office) : undefined;
}

/** The office's settings, with the defaults of DOMAIN.md for anything not set yet. */
export async function getSettings(db: GuanjiaDexie = database()): Promise<Settings> {
  const row = await db.settings.get(SETTINGS_ID);
  // The defaults come from the zod schema, loaded on demand: not on the start page's path.
  // Imported after the read, so a liveQuery still sees the read it depends on.
  const { defaultSettings } = await import('$lib/domain/records/settings');
  return {
    id: SETTINGS_ID,
    createdAt: 0,
    updatedAt: 0,
    deleted: false,
    ...defaultSettings(),
    ...(row ? withoutClocks(row) : {})
  } as Settings;
}

/** Staff of the office (without the deleted), by name in Chinese collation. */
export async function listStaff(
  db: GuanjiaDexie = database(),
  { activeOnly = false } = {}
): Promise<Staff[]> {
  const rows = (await db.staff.toArray()).map((r) => withoutClocks(r) as Staff);
  const collator = new Intl.Collator('zh-Hans-CN');
  return rows
    .filter((s) => !s.deleted && (!activeOnly || s.active))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export async function listCommunities(db: GuanjiaDexie = database()): Promise<Community[]> {
  return (await db.community.toArray())
    .map((r) => withoutClocks(r) as Community)
    .filter((c) => !c.deleted);
}

/**
 * The community a screen opens on: the first that has units. A new office's setup community
 * stays empty when the demo (or an import) fills others; opening on it would look like no data.
 */
export async function defaultCommunityId(db: GuanjiaDexie = database()): Promise<string> {
  const communities = await listCommunities(db);
  for (const c of communities) {
    if ((await db.unit.where('communityId').equals(c.id).limit(1).count()) > 0) return c.id;
  }
  return communities[0]?.id ?? '';
}
