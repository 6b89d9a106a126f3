import type { StoredRow } from '$lib/oplog/format';
import type { TableName } from '$lib/domain/tables';
import { specialCareKinds } from '$lib/domain/records/person';
import {
  addCare,
  applyUnits,
  applyVisitPlans,
  applyVisitRecords,
  dropCare,
  planContextOf,
  type CareStay,
  type PlanContext,
  type StoredVisitHistory,
  type StoredVisitHouseholds,
  type VisitHistoryRow,
  type VisitHouseholdsRow
} from '$lib/domain/visits/history';
import { database, type GuanjiaDexie } from '../database';
import { derivedBuilt } from '../derived-built';

/**
 * The visit history per community (domain/visits/history.ts), derived tables kept by the
 * commit road (derived.ts) for local writes and received batches alike: `visitHistory` from
 * visit records and plans, `visitHouseholds` from units, people and occupancies. Drawing a
 * month's plan reads two rows instead of 24 months of records (issue 15's planMs target).
 */

export const visitHistorySources = [
  'visitRecord',
  'visitPlan',
  'unit',
  'person',
  'occupancy'
] as const satisfies readonly TableName[];

/** The tables the deriver reads or writes inside a commit. */
export const visitHistoryScope = (db: GuanjiaDexie) => [
  db.visitHistory,
  db.visitHouseholds,
  db.unit,
  db.person,
  db.occupancy
];

const BUILT = derivedBuilt.visitHistory;

/** A packed list (an array from the first build is taken as it is, until the rebuild). */
const split = (s: string | string[]): string[] => (Array.isArray(s) ? s : s ? s.split('\n') : []);

function unpackHistory(r: StoredVisitHistory): VisitHistoryRow {
  return {
    communityId: r.communityId,
    recordIds: split(r.recordIds),
    unitIds: split(r.unitIds),
    at: Array.from(r.at),
    surveys: r.surveys
  };
}
const packHistory = (r: VisitHistoryRow): StoredVisitHistory => ({
  communityId: r.communityId,
  recordIds: r.recordIds.join('\n'),
  unitIds: r.unitIds.join('\n'),
  at: Float64Array.from(r.at),
  surveys: r.surveys
});
const unpackHouseholds = (r: StoredVisitHouseholds): VisitHouseholdsRow => ({
  communityId: r.communityId,
  occupied: split(r.occupied),
  care: r.care
});
const packHouseholds = (r: VisitHouseholdsRow): StoredVisitHouseholds => ({
  communityId: r.communityId,
  occupied: r.occupied.join('\n'),
  care: r.care
});

const live = (rows: StoredRow[]) => rows.filter((r) => !r.deleted);

/** The ids of special-care people (the person table's multi-entry index, keys only). */
async function carePeople(db: GuanjiaDexie): Promise<Set<string>> {
  const keys = await Promise.all(
    specialCareKinds.map((k) => db.person.where('specialCare').equals(k).primaryKeys())
  );
  return new Set(keys.flat().map(String));
}

/** The special-care stays of these occupancies, each with its unit's community. */
async function staysOf(
  db: GuanjiaDexie,
  occupancies: StoredRow[]
): Promise<(CareStay & { communityId: string })[]> {
  if (!occupancies.length) return [];
  const units = await db.unit.bulkGet([...new Set(occupancies.map((o) => String(o.unitId)))]);
  const communityOf = new Map(
    units.flatMap((u) => (u && typeof u.communityId === 'string' ? [[u.id, u.communityId]] : []))
  );
  return occupancies.flatMap((o) => {
    const communityId = communityOf.get(String(o.unitId));
    if (!communityId) return [];
    return [
      {
        id: o.id,
        personId: String(o.personId),
        unitId: String(o.unitId),
        from: String(o.from),
        ...(typeof o.to === 'string' ? { to: o.to } : {}),
        communityId
      }
    ];
  });
}

async function updateHistory(
  db: GuanjiaDexie,
  records: StoredRow[],
  plans: StoredRow[]
): Promise<void> {
  if (!records.length && !plans.length) return;
  const communities = [
    ...new Set(
      [...records, ...plans].map((r) => r.communityId).filter((c) => typeof c === 'string')
    )
  ];
  const stored = await db.visitHistory.bulkGet(communities);
  const rows = new Map<string, VisitHistoryRow>();
  stored.forEach((r) => r && rows.set(r.communityId, unpackHistory(r)));
  const touched = new Set([...applyVisitRecords(rows, records), ...applyVisitPlans(rows, plans)]);
  // A plan drawn again (the usual write) mostly leaves the row as it was: no write then.
  const put = [...rows.values()].filter((r) => touched.has(r.communityId));
  if (put.length) await db.visitHistory.bulkPut(put.map(packHistory));
}

async function updateHouseholds(
  db: GuanjiaDexie,
  units: StoredRow[],
  people: StoredRow[],
  occupancies: StoredRow[]
): Promise<void> {
  if (!units.length && !people.length && !occupancies.length) return;
  // A community's row is small (its occupied unit ids and a few special-care stays): a unit
  // may move between communities, so every row is read.
  const rows = new Map(
    (await db.visitHouseholds.toArray()).map((r) => [r.communityId, unpackHouseholds(r)])
  );
  applyUnits(rows, units);
  if (people.length) {
    const ids = new Set(people.map((p) => p.id));
    dropCare(rows, { people: ids });
    const care = live(people).filter((p) => Array.isArray(p.specialCare) && p.specialCare.length);
    const stays = (
      await Promise.all(care.map((p) => db.occupancy.where('personId').equals(p.id).toArray()))
    ).flat();
    addCare(rows, await staysOf(db, live(stays)));
  }
  if (occupancies.length) {
    dropCare(rows, { stays: new Set(occupancies.map((o) => o.id)) });
    const care = await carePeople(db);
    addCare(
      rows,
      await staysOf(
        db,
        live(occupancies).filter((o) => care.has(String(o.personId)))
      )
    );
  }
  await db.visitHouseholds.bulkPut([...rows.values()].map(packHouseholds));
}

/** Inside the commit's transaction: the rows of the communities whose records changed. */
export async function updateVisitHistory(
  db: GuanjiaDexie,
  changed: ReadonlyMap<TableName, StoredRow[]>
): Promise<void> {
  await updateHistory(db, changed.get('visitRecord') ?? [], changed.get('visitPlan') ?? []);
  await updateHouseholds(
    db,
    changed.get('unit') ?? [],
    changed.get('person') ?? [],
    changed.get('occupancy') ?? []
  );
}

/** Every community's rows from scratch (a database from before the commit road kept them). */
export async function rebuildVisitHistory(db: GuanjiaDexie = database()): Promise<number> {
  return db.transaction(
    'rw',
    [
      db.visitRecord,
      db.visitPlan,
      db.unit,
      db.person,
      db.occupancy,
      db.visitHistory,
      db.visitHouseholds,
      db.local
    ],
    async () => {
      const [records, plans, units, care] = await Promise.all([
        db.visitRecord.orderBy('visitedAt').toArray(),
        db.visitPlan.toArray(),
        db.unit.toArray(),
        carePeople(db)
      ]);
      const history = new Map<string, VisitHistoryRow>();
      // In time order, each goes at the end: no search needed.
      applyVisitRecords(history, live(records));
      applyVisitPlans(history, live(plans));
      const households = new Map<string, VisitHouseholdsRow>();
      applyUnits(households, live(units));
      const stays = (
        await Promise.all(
          [...care].map((id) => db.occupancy.where('personId').equals(id).toArray())
        )
      ).flat();
      addCare(households, await staysOf(db, live(stays)));
      await db.visitHistory.clear();
      await db.visitHouseholds.clear();
      await db.visitHistory.bulkPut([...history.values()].map(packHistory));
      await db.visitHouseholds.bulkPut([...households.values()].map(packHouseholds));
      await db.local.put({ key: BUILT, value: true });
      return history.size + households.size;
    }
  );
}

/**
 * Build the rows once on a database whose records were stored before the commit road kept
 * them (the staff layout calls it, like the request index; the draw calls it too).
 */
export async function ensureVisitHistory(db: GuanjiaDexie = database()): Promise<boolean> {
  if (await db.local.get(BUILT)) return false;
  await rebuildVisitHistory(db);
  return true;
}

/** The draw's context for a community's month, from its two rows. */
export async function planContext(
  db: GuanjiaDexie,
  communityId: string,
  month: string,
  timeZone: string
): Promise<PlanContext> {
  await ensureVisitHistory(db);
  const [history, households] = await Promise.all([
    db.visitHistory.get(communityId),
    db.visitHouseholds.get(communityId)
  ]);
  return planContextOf(
    history && unpackHistory(history),
    households && unpackHouseholds(households),
    month,
    timeZone
  );
}
