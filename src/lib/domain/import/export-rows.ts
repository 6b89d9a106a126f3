import type { Occupancy } from '../records/occupancy';
import type { Person } from '../records/person';
import type { Unit } from '../records/unit';
import { importFields, type ImportField } from './columns';
import {
  genderWords,
  kindWords,
  liftWords,
  roleWords,
  specialCareWords,
  unitStatusWords,
  unitTypeWords,
  writeWord,
  type SheetLocale
} from './words';

/** One line of an export: a unit, and one person's role on it (or none for an empty unit). */
export interface ExportLine {
  buildingCode: string;
  /** The building's floors and lift, written on each of its rows (HC's 总层数, 是否有电梯). */
  building?: { floors?: number; lift?: boolean };
  unit: Unit;
  person?: Person;
  occupancy?: Occupancy;
}

/**
 * The sheet of a filtered list (issue 5 §6), in the columns the import reads, so an
 * export imports back into the same records. `headers` are the column names in the
 * desk's language.
 */
export function exportRows(
  lines: ExportLine[],
  headers: Record<ImportField, string>,
  locale: SheetLocale
): string[][] {
  const out: string[][] = [importFields.map((f) => headers[f])];
  const num = (n: number | undefined) => (n === undefined ? '' : String(n));
  for (const { buildingCode, building, unit, person, occupancy } of lines) {
    const values: Record<ImportField, string> = {
      building: buildingCode,
      entrance: unit.entrance,
      room: unit.room,
      floor: String(unit.floor),
      totalFloors: num(building?.floors),
      lift:
        building?.lift === undefined
          ? ''
          : writeWord(liftWords, building.lift ? 'yes' : 'no', locale),
      unitType: writeWord(unitTypeWords, unit.type, locale),
      layout: unit.layout ?? '',
      areaM2: String(unit.areaM2),
      innerAreaM2: num(unit.innerAreaM2),
      rentYuan: num(unit.rentYuan),
      unitStatus: writeWord(unitStatusWords, unit.status, locale),
      name: person?.name ?? '',
      kind: person ? writeWord(kindWords, person.kind, locale) : '',
      gender: person?.gender ? writeWord(genderWords, person.gender, locale) : '',
      role: occupancy ? writeWord(roleWords, occupancy.role, locale) : '',
      phones: person?.phones.join(';') ?? '',
      from: occupancy?.from ?? '',
      to: occupancy?.to ?? '',
      idNumber: person?.idNumber ?? '',
      tags: person?.tags.join(';') ?? '',
      specialCare:
        person?.specialCare.map((k) => writeWord(specialCareWords, k, locale)).join(';') ?? '',
      emergencyName: person?.emergencyContact?.name ?? '',
      emergencyPhone: person?.emergencyContact?.phone ?? '',
      preferences: person?.preferences ?? ''
    };
    out.push(importFields.map((f) => values[f]));
  }
  return out;
}
