import type { Notice } from '../records/notice';
import type { Occupancy } from '../records/occupancy';
import type { Person } from '../records/person';
import type { Unit } from '../records/unit';

/** A household the notice is for, with who lives there, for the desk's call list. */
export interface HouseholdToTell {
  unit: Unit;
  people: Person[];
  /** 002: 残疾人, 孤寡老人, 特殊贡献者 — the desk calls them first. */
  specialCare: boolean;
}

/** Whether a unit is among a notice's targets. */
export function isTargeted(
  notice: Pick<Notice, 'communityId' | 'scope' | 'buildingIds' | 'unitIds'>,
  unit: Pick<Unit, 'id' | 'communityId' | 'buildingId'>
): boolean {
  if (unit.communityId !== notice.communityId) return false;
  if (notice.scope === 'buildings') return notice.buildingIds.includes(unit.buildingId);
  if (notice.scope === 'units') return notice.unitIds.includes(unit.id);
  return true;
}

/**
 * The targeted households not told yet: units with someone living there now (on `today`,
 * YYYY-MM-DD), special-care households first, then in the order of `units`.
 */
export function householdsNotTold(
  notice: Pick<Notice, 'communityId' | 'scope' | 'buildingIds' | 'unitIds'>,
  units: readonly Unit[],
  occupancies: readonly Occupancy[],
  people: ReadonlyMap<string, Person>,
  toldUnitIds: ReadonlySet<string>,
  today: string
): HouseholdToTell[] {
  const residents = new Map<string, Person[]>();
  for (const o of occupancies) {
    if (o.deleted || o.from > today || (o.to !== undefined && o.to < today)) continue;
    const person = people.get(o.personId);
    if (!person || person.deleted) continue;
    const list = residents.get(o.unitId) ?? [];
    if (!list.includes(person)) list.push(person);
    residents.set(o.unitId, list);
  }
  const list: HouseholdToTell[] = [];
  for (const unit of units) {
    if (unit.deleted || toldUnitIds.has(unit.id) || !isTargeted(notice, unit)) continue;
    const living = residents.get(unit.id);
    if (!living?.length) continue;
    list.push({
      unit,
      people: living,
      specialCare: living.some((p) => p.specialCare.length > 0)
    });
  }
  // Stable: special care first, the caller's unit order otherwise.
  return list
    .map((h, i) => ({ h, i }))
    .sort((a, b) => Number(b.h.specialCare) - Number(a.h.specialCare) || a.i - b.i)
    .map(({ h }) => h);
}
