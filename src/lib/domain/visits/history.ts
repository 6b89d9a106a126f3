/**
 * A community's visit history in one row, so that drawing a month's plan (001 §4.3 抽样, 002)
 * reads a row per community instead of every visit record of every month. Two rows per
 * community, derived from the records (lib/db/actions/visit-history.ts keeps them):
 * `VisitHistoryRow` from visit records and plans, `VisitHouseholdsRow` from units, people and
 * their occupancies. `planContextOf` gives the draw exactly what reading every record gave it.
 * Pure: no Dexie, no clock.
 */
import { monthRange, zonedMonth } from '../calendar/zoned';
import { duringMonth } from './deadlines';
import type { SpecialCareHousehold } from './special-care';

export interface VisitHistoryRow {
  communityId: string;
  /** Counted visits (return visits are not), in time order (ties by record id). */
  recordIds: string[];
  unitIds: string[];
  at: number[];
  /** Each month's plan: the households the company's survey drew (left out of that draw). */
  surveys: Record<string, string[]>;
}

/** A special-care person's occupancy (002): the household is on its own cadence while it lasts. */
export interface CareStay {
  /** The occupancy's id. */
  id: string;
  personId: string;
  unitId: string;
  from: string;
  to?: string;
}

export interface VisitHouseholdsRow {
  communityId: string;
  /** Occupied units, by id. */
  occupied: string[];
  care: CareStay[];
}

/**
 * How the rows are stored (lib/db/actions/visit-history.ts packs and unpacks them): the id
 * lists as one string each (ids never hold a newline) and the times as a Float64Array.
 * IndexedDB copies a string or a typed array whole, where an array of thousands of strings is
 * copied one by one.
 */
export interface StoredVisitHistory {
  communityId: string;
  recordIds: string;
  unitIds: string;
  at: Float64Array;
  surveys: Record<string, string[]>;
}
export interface StoredVisitHouseholds {
  communityId: string;
  occupied: string;
  care: CareStay[];
}

/** What the draw of a community's month needs (lib/domain/visits/plan.ts drawPlan). */
export interface PlanContext {
  occupied: string[];
  specialCare: SpecialCareHousehold[];
  /** Each earlier month's survey draws, then its counted visits, oldest first. */
  history: string[];
}

export const emptyHistory = (communityId: string): VisitHistoryRow => ({
  communityId,
  recordIds: [],
  unitIds: [],
  at: [],
  surveys: {}
});

export const emptyHouseholds = (communityId: string): VisitHouseholdsRow => ({
  communityId,
  occupied: [],
  care: []
});

/** The fields of a visit record the history reads. */
export interface VisitRecordLike {
  id: string;
  communityId?: unknown;
  unitId?: unknown;
  visitedAt?: unknown;
  returnVisit?: unknown;
  deleted?: unknown;
}

/** The fields of a visit plan the history reads. */
export interface VisitPlanLike {
  id: string;
  communityId?: unknown;
  month?: unknown;
  surveyExcluded?: unknown;
  deleted?: unknown;
}

/** Where (at, id) goes in a row kept in time order, ties by id (the visit-time index's order). */
function placeOf(row: VisitHistoryRow, at: number, id: string): number {
  let lo = 0;
  let hi = row.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const before = row.at[mid] < at || (row.at[mid] === at && row.recordIds[mid] < id);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Take changed visit records into the rows of their communities (rows keyed by community).
 * Returns the communities whose row changed.
 */
export function applyVisitRecords(
  rows: Map<string, VisitHistoryRow>,
  records: readonly VisitRecordLike[]
): Set<string> {
  const touched = new Set<string>();
  for (const r of records) {
    // A record seen before leaves wherever it was, then comes back in its place if it counts.
    for (const row of rows.values()) {
      const i = row.recordIds.indexOf(r.id);
      if (i >= 0) {
        row.recordIds.splice(i, 1);
        row.unitIds.splice(i, 1);
        row.at.splice(i, 1);
        touched.add(row.communityId);
      }
    }
    if (r.deleted || r.returnVisit || typeof r.communityId !== 'string') continue;
    const at = Number(r.visitedAt);
    if (!Number.isFinite(at)) continue;
    let row = rows.get(r.communityId);
    if (!row) rows.set(r.communityId, (row = emptyHistory(r.communityId)));
    const i = placeOf(row, at, r.id);
    row.recordIds.splice(i, 0, r.id);
    row.unitIds.splice(i, 0, String(r.unitId));
    row.at.splice(i, 0, at);
    touched.add(r.communityId);
  }
  return touched;
}

/**
 * Take changed plans' survey exclusions into the rows of their communities. Returns the
 * communities whose row changed (drawing a plan again mostly changes nothing here).
 */
export function applyVisitPlans(
  rows: Map<string, VisitHistoryRow>,
  plans: readonly VisitPlanLike[]
): Set<string> {
  const touched = new Set<string>();
  for (const p of plans) {
    if (typeof p.communityId !== 'string' || typeof p.month !== 'string') continue;
    let row = rows.get(p.communityId);
    if (!row) rows.set(p.communityId, (row = emptyHistory(p.communityId)));
    const units = Array.isArray(p.surveyExcluded) ? p.surveyExcluded.map(String) : [];
    const month = p.month;
    const before = row.surveys[month] ?? [];
    const after = p.deleted ? [] : units;
    if (before.length === after.length && before.every((u, i) => u === after[i])) continue;
    touched.add(p.communityId);
    if (!after.length)
      row.surveys = Object.fromEntries(Object.entries(row.surveys).filter(([m]) => m !== month));
    else row.surveys[month] = after;
  }
  return touched;
}

/** The fields of a unit the households row reads. */
export interface UnitLike {
  id: string;
  communityId?: unknown;
  status?: unknown;
  deleted?: unknown;
}

/**
 * Take changed units into the households rows (all of them: a unit could in principle move
 * to another community, and its special-care stays move with it).
 */
export function applyUnits(
  rows: Map<string, VisitHouseholdsRow>,
  units: readonly UnitLike[]
): void {
  const changed = new Map(units.map((u) => [u.id, u]));
  const moved: CareStay[] = [];
  for (const row of rows.values()) {
    row.occupied = row.occupied.filter((id) => !changed.has(id));
    row.care = row.care.filter((c) => {
      const u = changed.get(c.unitId);
      if (!u || u.communityId === row.communityId) return true;
      moved.push(c);
      return false;
    });
  }
  const rowOf = (communityId: string) => {
    let row = rows.get(communityId);
    if (!row) rows.set(communityId, (row = emptyHouseholds(communityId)));
    return row;
  };
  for (const u of units)
    if (!u.deleted && u.status === 'occupied' && typeof u.communityId === 'string')
      rowOf(u.communityId).occupied.push(u.id);
  for (const c of moved) {
    const u = changed.get(c.unitId);
    if (typeof u?.communityId === 'string') rowOf(u.communityId).care.push(c);
  }
}

/** Remove the special-care stays of these people or occupancies (before adding them again). */
export function dropCare(
  rows: Map<string, VisitHouseholdsRow>,
  which: { people?: ReadonlySet<string>; stays?: ReadonlySet<string> }
): void {
  for (const row of rows.values())
    row.care = row.care.filter((c) => !which.people?.has(c.personId) && !which.stays?.has(c.id));
}

/** Add special-care stays to the row of each stay's community. */
export function addCare(
  rows: Map<string, VisitHouseholdsRow>,
  stays: readonly (CareStay & { communityId: string })[]
): void {
  for (const { communityId, ...stay } of stays) {
    let row = rows.get(communityId);
    if (!row) rows.set(communityId, (row = emptyHouseholds(communityId)));
    row.care.push(stay);
  }
}

/**
 * The draw's context for a community's month from its two rows: the occupied households,
 * the special-care ones among them (a special-care resident during the month, 002) with
 * their last counted visit, and the past in order — each earlier month's survey draws, then
 * its counted visits of households still occupied.
 */
export function planContextOf(
  history: VisitHistoryRow | undefined,
  households: VisitHouseholdsRow | undefined,
  month: string,
  timeZone: string
): PlanContext {
  const occupied = [...(households?.occupied ?? [])].sort();
  const occupiedSet = new Set(occupied);
  const careUnits = new Set<string>();
  for (const c of households?.care ?? [])
    if (occupiedSet.has(c.unitId) && duringMonth(c, month)) careUnits.add(c.unitId);

  const [start] = monthRange(month, timeZone);
  const surveys = Object.entries(history?.surveys ?? {})
    .filter(([m]) => m < month)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const out: string[] = [];
  const lastVisited = new Map<string, string>();
  let s = 0;
  // Visits come in time order: a visit's month is worked out once per month, not per visit
  // (Intl in a zone costs tens of microseconds a call; 24 months are thousands of visits).
  let m = '';
  let monthEnd = -Infinity;
  const at = history?.at ?? [];
  const units = history?.unitIds ?? [];
  for (let i = 0; i < at.length && at[i] < start; i++) {
    if (!occupiedSet.has(units[i])) continue;
    if (at[i] >= monthEnd || m === '') {
      m = zonedMonth(at[i], timeZone);
      monthEnd = monthRange(m, timeZone)[1];
    }
    while (s < surveys.length && surveys[s][0] <= m) out.push(...surveys[s++][1]);
    out.push(units[i]);
    lastVisited.set(units[i], m);
  }
  while (s < surveys.length) out.push(...surveys[s++][1]);
  return {
    occupied,
    specialCare: [...careUnits]
      .sort()
      .map((unitId) => ({ unitId, lastVisited: lastVisited.get(unitId) })),
    history: out
  };
}
