import { z } from 'zod';
import { mobilePhone } from '../record';
import { occupancyForm, type Occupancy } from '../records/occupancy';
import { personForm, type Person } from '../records/person';
import { unitCode, unitForm, type Unit } from '../records/unit';
import type { NewRow, RowPatch, TableName } from '../tables';
import { floorOfRoom, readDate, readNumber, readPhone, splitList } from './cells';
import type { ColumnMapping, ImportField } from './columns';
import { stableId } from './stable-id';
import {
  kindWords,
  readWord,
  roleWords,
  specialCareWords,
  unitStatusWords,
  unitTypeWords
} from './words';

/** What the import needs to know of the community it imports into. */
export interface ImportRegistry {
  communityId: string;
  buildings: { id: string; code: string }[];
  /** The community's units, people on them and their roles, to match and to skip the unchanged. */
  units: Unit[];
  people: Person[];
  occupancies: Occupancy[];
  /** YYYY-MM-DD: the start date of a role when the sheet gives none. */
  today: string;
}

export interface RowProblem {
  field: ImportField | 'row';
  /** An i18n key (import.error.*, validation.*). */
  reason: string;
  params?: Record<string, string | number>;
}

/** One line of the file that cannot be imported, numbered as a spreadsheet numbers it. */
export interface RowReport {
  line: number;
  problems: RowProblem[];
}

export type PlannedChange = {
  [T in TableName]:
    | { op: 'create'; table: T; value: NewRow<T> & { id: string } }
    | { op: 'update'; table: T; id: string; patch: RowPatch<T> };
}[TableName];

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportPlan {
  rows: number;
  good: number;
  bad: RowReport[];
  /** The writes that import the good rows: only what is new or different. */
  changes: PlannedChange[];
  units: Tally;
  people: Tally;
  occupancies: Tally;
}

interface ParsedRow {
  line: number;
  unitKey: string;
  unit: Omit<z.input<typeof unitForm>, 'status'> & { status?: Unit['status'] };
  person?: {
    key: string;
    fields: Partial<z.input<typeof personForm>> & { name: string };
    role: Occupancy['role'];
    from: string;
    to?: string;
  };
}

const issuesToProblems = (error: z.ZodError, fieldOf: (path: string) => ImportField | 'row') =>
  error.issues.map((i) => ({ field: fieldOf(String(i.path[0] ?? '')), reason: i.message }));

/**
 * Check every row of a sheet against the registry and plan the writes of the good ones
 * (issue 5 §6). Pure: the same rows and registry give the same plan, and the caller
 * decides to import none or the good rows. Ids come from the natural keys (unit code,
 * then name and first phone), or from the matching record already there, so importing
 * the same file again changes nothing.
 */
export function planImport(
  rows: string[][],
  mapping: ColumnMapping,
  registry: ImportRegistry
): ImportPlan {
  const buildings = new Map(registry.buildings.map((b) => [b.code.toUpperCase(), b]));
  const known = new Set(registry.units.map((u) => `${u.buildingId}|${u.entrance}|${u.room}`));
  const codeOfBuilding = new Map(registry.buildings.map((b) => [b.id, b.code]));
  const bad: RowReport[] = [];
  const good: ParsedRow[] = [];
  const seen = new Map<string, number>();

  rows.forEach((row, index) => {
    const line = index + 2; // line 1 is the header
    const cell = (f: ImportField) => {
      const i = mapping[f];
      return i === undefined ? '' : String(row[i] ?? '').trim();
    };
    const problems: RowProblem[] = [];
    const mapped = (f: ImportField) => mapping[f] !== undefined;
    const parsed = parseRow(cell, mapped, line, buildings, registry.today, problems);
    if (parsed && !known.has(parsed.unitKey)) newUnitProblems(parsed, problems);
    if (parsed?.person) {
      const first = seen.get(parsed.person.key);
      if (first !== undefined)
        problems.push({
          field: 'row',
          reason: 'import.error.duplicate',
          params: { line: String(first) }
        });
      else seen.set(parsed.person.key, line);
    }
    if (problems.length || !parsed) bad.push({ line, problems });
    else good.push(parsed);
  });

  return { ...writesOf(good, registry, codeOfBuilding), rows: rows.length, good: good.length, bad };
}

/** A unit the registry does not have yet needs what its record requires. */
function newUnitProblems(row: ParsedRow, problems: RowProblem[]): void {
  if (Number.isNaN(row.unit.floor))
    problems.push({ field: 'floor', reason: 'import.error.floorRequired' });
  if (Number.isNaN(row.unit.areaM2))
    problems.push({ field: 'areaM2', reason: 'import.error.areaRequired' });
  if (problems.length) return;
  const checked = unitForm.safeParse({ ...row.unit, communityId: 'c' });
  if (!checked.success)
    problems.push(
      ...issuesToProblems(checked.error, (p) =>
        p === 'areaM2' ? 'areaM2' : p === 'floor' ? 'floor' : p === 'room' ? 'room' : 'row'
      )
    );
}

function parseRow(
  cell: (f: ImportField) => string,
  mapped: (f: ImportField) => boolean,
  line: number,
  buildings: Map<string, { id: string; code: string }>,
  today: string,
  problems: RowProblem[]
): ParsedRow | undefined {
  const code = cell('building');
  const building = code ? buildings.get(code.toUpperCase()) : undefined;
  if (!code) problems.push({ field: 'building', reason: 'validation.required' });
  else if (!building)
    problems.push({
      field: 'building',
      reason: 'import.error.unknownBuilding',
      params: { value: code }
    });
  const room = cell('room').toUpperCase();
  if (!room) problems.push({ field: 'room', reason: 'validation.required' });
  const entrance = cell('entrance');

  const floorCell = cell('floor');
  const floor = floorCell ? readNumber(floorCell) : floorOfRoom(room);
  if (floorCell && floor === undefined)
    problems.push({ field: 'floor', reason: 'validation.integer' });
  const areaCell = cell('areaM2');
  const areaM2 = areaCell ? readNumber(areaCell) : undefined;
  if (areaCell && areaM2 === undefined)
    problems.push({ field: 'areaM2', reason: 'validation.number' });
  const typeCell = cell('unitType');
  const type = typeCell ? readWord(unitTypeWords, typeCell) : 'residential';
  if (!type)
    problems.push({
      field: 'unitType',
      reason: 'import.error.badChoice',
      params: { value: typeCell }
    });
  const statusCell = cell('unitStatus');
  const status = statusCell ? readWord(unitStatusWords, statusCell) : undefined;
  if (statusCell && !status)
    problems.push({
      field: 'unitStatus',
      reason: 'import.error.badChoice',
      params: { value: statusCell }
    });
  if (!building || !room) return undefined;

  const unitKey = `${building.id}|${entrance}|${room}`;
  const parsed: ParsedRow = {
    line,
    unitKey,
    unit: {
      communityId: '',
      buildingId: building.id,
      entrance,
      room,
      floor: floor ?? Number.NaN,
      type: type ?? 'residential',
      areaM2: areaM2 ?? Number.NaN,
      status
    }
  };

  const name = cell('name');
  if (!name) return parsed;
  const roleCell = cell('role');
  const role = roleCell ? readWord(roleWords, roleCell) : undefined;
  if (!roleCell) problems.push({ field: 'role', reason: 'validation.required' });
  else if (!role)
    problems.push({ field: 'role', reason: 'import.error.badChoice', params: { value: roleCell } });
  const kindCell = cell('kind');
  const kind = kindCell ? readWord(kindWords, kindCell) : 'person';
  if (!kind)
    problems.push({ field: 'kind', reason: 'import.error.badChoice', params: { value: kindCell } });

  const phones = splitList(cell('phones')).map(readPhone);
  for (const phone of phones)
    if (!mobilePhone.safeParse(phone).success)
      problems.push({ field: 'phones', reason: 'import.error.badPhone', params: { value: phone } });
  const dateOf = (f: 'from' | 'to') => {
    const text = cell(f);
    const date = text ? readDate(text) : undefined;
    if (text && !date) problems.push({ field: f, reason: 'validation.date' });
    return date;
  };
  const from = dateOf('from') ?? today;
  const to = dateOf('to');

  const specialCare = splitList(cell('specialCare')).map((w) => {
    const key = readWord(specialCareWords, w);
    if (!key)
      problems.push({
        field: 'specialCare',
        reason: 'import.error.badChoice',
        params: { value: w }
      });
    return key;
  });
  const emergencyName = cell('emergencyName');
  const emergencyPhone = readPhone(cell('emergencyPhone'));
  if (!!emergencyName !== !!emergencyPhone)
    problems.push({
      field: emergencyName ? 'emergencyPhone' : 'emergencyName',
      reason: 'validation.required'
    });

  const fields: NonNullable<ParsedRow['person']>['fields'] = {
    name,
    kind: kind ?? 'person',
    phones
  };
  // Only the columns the file has: an import never blanks what the desk wrote by hand.
  const has = (f: ImportField) => cell(f) !== '';
  if (has('idNumber')) fields.idNumber = cell('idNumber');
  if (has('tags')) fields.tags = splitList(cell('tags'));
  if (has('specialCare'))
    fields.specialCare = specialCare.filter((k): k is NonNullable<typeof k> => k !== undefined);
  if (emergencyName && emergencyPhone)
    fields.emergencyContact = { name: emergencyName, phone: emergencyPhone };
  if (has('preferences')) fields.preferences = cell('preferences');

  // Phones are reported above with the number that is wrong; the schema catches the rest.
  const checked = personForm.safeParse(fields);
  if (!checked.success)
    problems.push(
      ...issuesToProblems(checked.error, (p) =>
        p === 'emergencyContact' ? 'emergencyPhone' : toField(p)
      ).filter((p) => p.field !== 'phones')
    );
  if (to !== undefined && to < from)
    problems.push({ field: 'to', reason: 'validation.endBeforeStart' });

  parsed.person = {
    key: `${unitKey}|${name}|${phones[0] ?? ''}`,
    fields,
    role: role ?? 'owner',
    from,
    to
  };
  return parsed;
}

const personFieldNames: Partial<Record<string, ImportField>> = {
  name: 'name',
  kind: 'kind',
  idNumber: 'idNumber',
  tags: 'tags',
  specialCare: 'specialCare',
  preferences: 'preferences'
};
const toField = (path: string): ImportField | 'row' =>
  path === 'phones' ? 'phones' : (personFieldNames[path] ?? 'row');

/** Fields of `patch` that differ from `existing` (arrays and objects compared by value). */
function changedFields<T extends object>(existing: T, patch: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (JSON.stringify(existing[key]) !== JSON.stringify(patch[key])) out[key] = patch[key];
  }
  return out;
}

function writesOf(
  rows: ParsedRow[],
  registry: ImportRegistry,
  codeOfBuilding: Map<string, string>
): Pick<ImportPlan, 'changes' | 'units' | 'people' | 'occupancies'> {
  const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });
  const units = tally();
  const people = tally();
  const occupancies = tally();
  const changes: PlannedChange[] = [];

  const unitByKey = new Map(
    registry.units.map((u) => [`${u.buildingId}|${u.entrance}|${u.room}`, u])
  );
  const personById = new Map(registry.people.map((p) => [p.id, p]));
  const onUnit = new Map<string, Occupancy[]>();
  for (const o of registry.occupancies) {
    const list = onUnit.get(o.unitId);
    if (list) list.push(o);
    else onUnit.set(o.unitId, [o]);
  }

  // A new unit's status, when the sheet gives none: occupied if someone holds a role there now.
  const lived = new Set(
    rows
      .filter((r) => r.person && (!r.person.to || r.person.to >= registry.today))
      .map((r) => r.unitKey)
  );
  const unitIds = new Map<string, string>();
  for (const row of rows) {
    if (unitIds.has(row.unitKey)) continue;
    const existing = unitByKey.get(row.unitKey);
    const { status, ...fields } = row.unit;
    if (existing) {
      unitIds.set(row.unitKey, existing.id);
      const patch: RowPatch<'unit'> = { type: fields.type };
      if (!Number.isNaN(fields.floor)) patch.floor = fields.floor;
      if (!Number.isNaN(fields.areaM2)) patch.areaM2 = fields.areaM2;
      if (status) patch.status = status;
      const changed = changedFields(existing, patch);
      if (Object.keys(changed).length) {
        changes.push({ op: 'update', table: 'unit', id: existing.id, patch: changed });
        units.updated++;
      } else units.unchanged++;
      continue;
    }
    const code = unitCode(codeOfBuilding.get(fields.buildingId) ?? '', {
      entrance: fields.entrance ?? '',
      room: fields.room
    });
    const id = stableId('unit', registry.communityId, code);
    unitIds.set(row.unitKey, id);
    changes.push({
      op: 'create',
      table: 'unit',
      value: {
        ...fields,
        id,
        communityId: registry.communityId,
        status: status ?? (lived.has(row.unitKey) ? 'occupied' : 'vacant')
      }
    });
    units.created++;
  }

  for (const row of rows) {
    if (!row.person) continue;
    const unitId = unitIds.get(row.unitKey) ?? '';
    const { fields, role, from, to } = row.person;
    const phone = fields.phones?.[0] ?? '';
    const there = onUnit.get(unitId) ?? [];
    const match = there
      .map((o) => personById.get(o.personId))
      .find((p) => p && p.name === fields.name && (p.phones[0] ?? '') === phone);
    let personId: string;
    if (match) {
      personId = match.id;
      const changed = changedFields(match, fields as Partial<Person>);
      if (Object.keys(changed).length) {
        changes.push({ op: 'update', table: 'person', id: match.id, patch: changed });
        people.updated++;
      } else people.unchanged++;
    } else {
      personId = stableId('person', registry.communityId, row.unitKey, fields.name, phone);
      changes.push({ op: 'create', table: 'person', value: { ...fields, id: personId } });
      people.created++;
    }
    const role0 = there.find((o) => o.personId === personId && o.role === role);
    if (role0) {
      const changed = changedFields(role0, { from, to });
      if (Object.keys(changed).length) {
        changes.push({ op: 'update', table: 'occupancy', id: role0.id, patch: changed });
        occupancies.updated++;
      } else occupancies.unchanged++;
    } else {
      const value = {
        id: stableId('occupancy', unitId, personId, role),
        unitId,
        personId,
        role,
        from,
        to
      };
      if (occupancyForm.safeParse(value).success) {
        changes.push({ op: 'create', table: 'occupancy', value });
        occupancies.created++;
      }
    }
  }
  return { changes, units, people, occupancies };
}
