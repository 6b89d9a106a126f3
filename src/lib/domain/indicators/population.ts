import type { Occupancy } from '../records/occupancy';
import type { Unit } from '../records/unit';

/** The first and last calendar day of a month, "2026-10" → ["2026-10-01", "2026-10-31"]. */
export function monthDays(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

/** Whether a role with dates covers any day of [first, last] (a tenancy that starts on the
 *  31st counts in that month; one that ended on the 1st counts too). */
export const activeDuring = (o: Pick<Occupancy, 'from' | 'to'>, first: string, last: string) =>
  o.from <= last && (o.to === undefined || o.to >= first);

export interface Population {
  /** 004 入住总人数: people with a role on a unit (owner, tenant, family) during the month. */
  residents: number;
  /** 004 入住总户数: units with someone living or working there during the month. */
  occupiedHouseholds: number;
  /** 004 二: commercial units (shops, offices) and the part let on the month's last day. */
  commercialAreaM2: number;
  letAreaM2: number;
  commercialUnits: number;
  letUnits: number;
}

const commercialTypes = new Set(['shop', 'office']);

/**
 * Who lives in the community in a month, from the archive's roles with dates. Company
 * contacts are not residents (DOMAIN "Records"), but a company's contact on a shop makes it
 * let. Deleted rows are left out.
 */
export function population(
  month: string,
  units: readonly Pick<Unit, 'id' | 'type' | 'areaM2' | 'deleted'>[],
  occupancy: readonly Pick<Occupancy, 'unitId' | 'personId' | 'role' | 'from' | 'to' | 'deleted'>[]
): Population {
  const [first, last] = monthDays(month);
  const people = new Set<string>();
  const households = new Set<string>();
  const letOnLastDay = new Set<string>();
  for (const o of occupancy) {
    if (o.deleted) continue;
    if (activeDuring(o, first, last)) {
      if (o.role !== 'companyContact') people.add(o.personId);
      households.add(o.unitId);
    }
    if ((o.role === 'tenant' || o.role === 'companyContact') && activeDuring(o, last, last))
      letOnLastDay.add(o.unitId);
  }
  let commercialAreaM2 = 0;
  let letAreaM2 = 0;
  let commercialUnits = 0;
  let letUnits = 0;
  let occupiedHouseholds = 0;
  for (const u of units) {
    if (u.deleted) continue;
    if (households.has(u.id) && u.type !== 'parking') occupiedHouseholds++;
    if (!commercialTypes.has(u.type)) continue;
    commercialUnits++;
    commercialAreaM2 += u.areaM2;
    if (letOnLastDay.has(u.id)) {
      letUnits++;
      letAreaM2 += u.areaM2;
    }
  }
  return {
    residents: people.size,
    occupiedHouseholds,
    commercialAreaM2,
    letAreaM2,
    commercialUnits,
    letUnits
  };
}
