import type { Building } from '$lib/domain/records/building';
import type { Community } from '$lib/domain/records/community';
import type { Notice, NoticeTemplate, NoticeTold } from '$lib/domain/records/notice';
import type { Occupancy } from '$lib/domain/records/occupancy';
import type { Person } from '$lib/domain/records/person';
import type { Settings } from '$lib/domain/records/settings';
import { unitCode, type Unit } from '$lib/domain/records/unit';
import {
  chineseCalendar,
  fireSafetyRefreshDue,
  householdsNotTold,
  keptUntil,
  noticeState,
  publishDeadline,
  wallTime,
  type HouseholdToTell,
  type NoticeState
} from '$lib/domain/notices';
import { withoutClocks, type StoredRow } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from '../database';

/** Records without their clocks, the soft-deleted left out. */
function rows<T>(list: readonly (StoredRow | undefined)[]): T[] {
  const out: T[] = [];
  for (const row of list) if (row && row.deleted !== true) out.push(withoutClocks(row) as T);
  return out;
}

export interface DeskNotice {
  notice: Notice;
  state: NoticeState;
  /** The latest moment owners may be told (001 §4.2), when the kind has one. */
  deadline?: number;
  /** Published originals: kept until (001 篇2: one year by default). */
  keptUntil?: number;
}

/** Notices for the desk's list, newest first, each with where it stands at `now`. */
export async function listDeskNotices(
  settings: Settings,
  now: number,
  db: GuanjiaDexie = database()
): Promise<DeskNotice[]> {
  const notices = rows<Notice>(await db.notice.toArray());
  return notices
    .map((notice) => {
      const deadline = publishDeadline(notice, settings, chineseCalendar);
      return {
        notice,
        state: noticeState(notice, deadline, now),
        deadline,
        keptUntil:
          notice.publishedAt === undefined
            ? undefined
            : keptUntil(notice.publishedAt, settings.noticeArchiveDays)
      };
    })
    .sort((a, b) => b.notice.createdAt - a.notice.createdAt);
}

/** 001 §4.2 item 4: communities whose fire-safety information is due for its monthly refresh. */
export async function fireSafetyDue(
  settings: Settings,
  now: number,
  db: GuanjiaDexie = database()
): Promise<Community[]> {
  const communities = rows<Community>(await db.community.toArray());
  const notices = rows<Notice>(await db.notice.toArray()).filter(
    (n) => n.kind === 'fireSafety' && n.publishedAt !== undefined && n.withdrawnAt === undefined
  );
  return communities.filter((c) => {
    const last = Math.max(
      ...notices.filter((n) => n.communityId === c.id).map((n) => n.publishedAt ?? 0),
      -Infinity
    );
    return fireSafetyRefreshDue(
      Number.isFinite(last) ? last : undefined,
      settings.fireSafetyRefreshDays,
      now
    );
  });
}

export async function getNotice(
  id: string,
  db: GuanjiaDexie = database()
): Promise<Notice | undefined> {
  const row = await db.notice.get(id);
  return row ? (withoutClocks(row) as Notice) : undefined;
}

/** The company's own wording, by kind (kinds without a row use the built-in text). */
export async function listNoticeTemplates(
  db: GuanjiaDexie = database()
): Promise<Map<string, NoticeTemplate>> {
  const templates = rows<NoticeTemplate>(await db.noticeTemplate.toArray());
  return new Map(templates.map((t) => [t.kind, t]));
}

export interface NoticeTargets {
  buildings: Building[];
  units: { unit: Unit; code: string }[];
}

/** A community's buildings and units, for choosing who a notice is for. */
export async function noticeTargets(
  communityId: string,
  db: GuanjiaDexie = database()
): Promise<NoticeTargets> {
  const [buildingRows, unitRows] = await Promise.all([
    db.building.where('communityId').equals(communityId).toArray(),
    db.unit.where('communityId').equals(communityId).toArray()
  ]);
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  const buildings = rows<Building>(buildingRows).sort((a, b) => collator.compare(a.code, b.code));
  const codes = new Map(buildings.map((b) => [b.id, b.code]));
  const units = rows<Unit>(unitRows)
    .map((unit) => ({ unit, code: unitCode(codes.get(unit.buildingId) ?? '?', unit) }))
    .sort((a, b) => collator.compare(a.code, b.code));
  return { buildings, units };
}

/**
 * The buildings a notice is posted in: one lobby poster each (001 §4.2: 各大堂公告栏), and one
 * read-receipt tag each when counts are on. The whole community: all its buildings; units:
 * the buildings they are in.
 */
export async function noticeBuildingIds(
  notice: Pick<Notice, 'communityId' | 'scope' | 'buildingIds' | 'unitIds'>,
  db: GuanjiaDexie = database()
): Promise<string[]> {
  if (notice.scope === 'buildings') return [...new Set(notice.buildingIds)];
  if (notice.scope === 'units') {
    const units = rows<Unit>(await db.unit.bulkGet(notice.unitIds));
    return [...new Set(units.map((u) => u.buildingId))];
  }
  const targets = await noticeTargets(notice.communityId, db);
  return targets.buildings.map((b) => b.id);
}

export interface NoticeReach {
  /** Households targeted that have been told, by unit. */
  told: NoticeTold[];
  /** Households not told yet, special-care first (002), with their unit code. */
  notTold: (HouseholdToTell & { code: string })[];
}

/** Who has been told of a notice and who is left for the desk to call. */
export async function noticeReach(
  notice: Notice,
  timeZone: string,
  now: number,
  db: GuanjiaDexie = database()
): Promise<NoticeReach> {
  const [targets, toldRows] = await Promise.all([
    noticeTargets(notice.communityId, db),
    db.noticeTold.where('noticeId').equals(notice.id).toArray()
  ]);
  const told = rows<NoticeTold>(toldRows);
  const unitIds = targets.units.map((u) => u.unit.id);
  const occupancies = rows<Occupancy>(await db.occupancy.where('unitId').anyOf(unitIds).toArray());
  const personIds = [...new Set(occupancies.map((o) => o.personId))];
  const people = rows<Person>(await db.person.bulkGet(personIds));
  const codes = new Map(targets.units.map((u) => [u.unit.id, u.code]));
  const notTold = householdsNotTold(
    notice,
    targets.units.map((u) => u.unit),
    occupancies,
    new Map(people.map((p) => [p.id, p])),
    new Set(told.map((t) => t.unitId)),
    wallTime(now, timeZone).date
  ).map((h) => ({ ...h, code: codes.get(h.unit.id) ?? '' }));
  return { told, notTold };
}

const RELAY_KEY = 'notices.relayUrl';

/**
 * The relay that holds short links, as this device knows it (device-local until the sync
 * layer keeps the office's relay address).
 */
export async function getShortLinkRelay(db: GuanjiaDexie = database()): Promise<string> {
  const entry = await db.local.get(RELAY_KEY);
  return typeof entry?.value === 'string' ? entry.value : '';
}

export { RELAY_KEY as SHORT_LINK_RELAY_KEY };
