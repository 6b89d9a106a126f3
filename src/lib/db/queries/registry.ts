import { withoutClocks } from '$lib/oplog/format';
import type { Building } from '$lib/domain/records/building';
import type { Occupancy } from '$lib/domain/records/occupancy';
import type { Person } from '$lib/domain/records/person';
import type { Unit } from '$lib/domain/records/unit';
import type { ImportRegistry } from '$lib/domain/import/plan';
import { database, type GuanjiaDexie } from '../database';

const live = <T extends { deleted: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** Buildings of a community (or all), in the order people count them: 1, 2, … 10, B1. */
export async function listBuildings(
  communityId?: string,
  db: GuanjiaDexie = database()
): Promise<Building[]> {
  const rows = communityId
    ? await db.building.where('communityId').equals(communityId).toArray()
    : await db.building.toArray();
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  return live(rows.map((r) => withoutClocks(r) as Building)).sort((a, b) =>
    collator.compare(a.code, b.code)
  );
}

/** A building's units by entrance, floor from the top, then room: how the unit grid reads. */
export async function unitsOfBuilding(
  buildingId: string,
  db: GuanjiaDexie = database()
): Promise<Unit[]> {
  const rows = await db.unit.where('buildingId').equals(buildingId).toArray();
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  return live(rows.map((r) => withoutClocks(r) as Unit)).sort(
    (a, b) =>
      collator.compare(a.entrance, b.entrance) ||
      b.floor - a.floor ||
      collator.compare(a.room, b.room)
  );
}

export async function getBuilding(
  id: string,
  db: GuanjiaDexie = database()
): Promise<Building | undefined> {
  const row = await db.building.get(id);
  return row && !row.deleted ? (withoutClocks(row) as Building) : undefined;
}

export async function getUnit(
  id: string,
  db: GuanjiaDexie = database()
): Promise<Unit | undefined> {
  const row = await db.unit.get(id);
  return row && !row.deleted ? (withoutClocks(row) as Unit) : undefined;
}

/** What an import into a community matches against (see planImport). */
export async function importRegistry(
  communityId: string,
  today: string,
  db: GuanjiaDexie = database()
): Promise<ImportRegistry> {
  const [buildings, unitRows] = await Promise.all([
    listBuildings(communityId, db),
    db.unit.where('communityId').equals(communityId).toArray()
  ]);
  const units = live(unitRows.map((r) => withoutClocks(r) as Unit));
  const occupancyRows = await db.occupancy
    .where('unitId')
    .anyOf(units.map((u) => u.id))
    .toArray();
  const occupancies = live(occupancyRows.map((r) => withoutClocks(r) as Occupancy));
  const personRows = await db.person.bulkGet([...new Set(occupancies.map((o) => o.personId))]);
  const people = live(personRows.flatMap((r) => (r ? [withoutClocks(r) as Person] : [])));
  return {
    communityId,
    buildings: buildings.map((b) => ({
      id: b.id,
      code: b.code,
      floors: b.floors,
      entrances: b.entrances,
      lift: b.lift
    })),
    units,
    people,
    occupancies,
    today
  };
}

export interface BuildingSummary {
  building: Building;
  units: number;
  byStatus: Record<Unit['status'], number>;
}

/** The registry page's list: each building with its units counted by status. */
export async function buildingSummaries(
  communityId: string,
  db: GuanjiaDexie = database()
): Promise<BuildingSummary[]> {
  const [buildings, units] = await Promise.all([
    listBuildings(communityId, db),
    db.unit.where('communityId').equals(communityId).toArray()
  ]);
  const counts = new Map<string, BuildingSummary>(
    buildings.map((building) => [
      building.id,
      { building, units: 0, byStatus: { vacant: 0, occupied: 0, renovating: 0 } }
    ])
  );
  for (const u of units) {
    const entry = counts.get(String(u.buildingId));
    if (!entry || u.deleted) continue;
    entry.units++;
    entry.byStatus[u.status as Unit['status']]++;
  }
  return [...counts.values()];
}
