import { z } from 'zod';
import { mobilePhone } from '../record';
import type { Building } from '../records/building';
import { occupancyForm, type Occupancy, type OccupancyRole } from '../records/occupancy';
import { personForm, type Person } from '../records/person';
import { unitCode, unitForm, type Unit } from '../records/unit';
import type { NewRow, RowPatch, TableName } from '../tables';
import { floorOfRoom, readDate, readNumber, readPhone, splitList } from './cells';
import type { ColumnMapping, ImportField } from './columns';
import { creditCodeOk, idNumberKind } from './id-number';
import { normaliseCell, type CellChange } from './normalise';
import { stableId } from './stable-id';
import {
  genderWords,
  kindWords,
  liftWords,
  readWord,
  roleWords,
  specialCareWords,
  unitStatusWords,
  unitTypeWords
} from './words';

export type { CellChange } from './normalise';

/** What the import needs to know of the community it imports into. */
export interface ImportRegistry {
  communityId: string;
  buildings: (Pick<Building, 'id' | 'code'> &
    Partial<Pick<Building, 'floors' | 'entrances' | 'lift'>>)[];
  /** The community's units, people on them and their roles, to match and to skip the unchanged. */
  units: Unit[];
  people: Person[];
  occupancies: Occupancy[];
  /** YYYY-MM-DD: the start date of a role when the sheet gives none. */
  today: string;
}

export interface RowProblem {
  field: ImportField | 'row';
  /** The source's own column it is about, when that column feeds no field (HC's 户主编号). */
  column?: string;
  /** An i18n key (import.error.*, validation.*). */
  reason: string;
  params?: Record<string, string | number>;
}

/**
 * One line of the file the import refused or changed, numbered as a spreadsheet numbers
 * it (in `sheet` when the source has several).
 */
export interface RowReport {
  line: number;
  sheet?: string;
  /** Index of the row in the rows given to planImport. */
  index: number;
  problems: RowProblem[];
  changes: CellChange[];
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
  /** Rows refused, with the reasons. */
  bad: RowReport[];
  /** Good rows whose values the import normalised (before → after). */
  changed: RowReport[];
  /** The writes that import the good rows: only what is new or different. */
  changes: PlannedChange[];
  buildings: Tally;
  units: Tally;
  people: Tally;
  occupancies: Tally;
}

export interface PlanOptions {
  /** Line number of each row in its sheet (default: index + 2, under one header row). */
  lines?: number[];
  /** Sheet of each row, when the source has several. */
  sheets?: (string | undefined)[];
  /** What the source's reader already found on each row (HC codes it refused or changed). */
  pre?: ({ problems: RowProblem[]; changes: CellChange[] } | undefined)[];
  /**
   * HC小区管理系统's row rules (hc-formats.md "Row semantics"): at most one 业主 row per
   * room, and a family or tenant row needs its room's 业主 (in the file above it, or
   * already in the archive).
   */
  ownerRows?: boolean;
}

type PersonFields = Partial<z.input<typeof personForm>> & {
  name: string;
  kind: Person['kind'];
  phones: string[];
};

interface ParsedPerson {
  fields: PersonFields;
  /** What identifies them across rooms: `id:` ID, `np:` name + a phone, else `nu:` name on this unit. */
  keys: string[];
}

interface ParsedUnit {
  entrance: string;
  room: string;
  floor: number;
  type: Unit['type'];
  /** Whether the sheet said the type (else an existing unit keeps its own). */
  typeGiven: boolean;
  areaM2: number;
  status?: Unit['status'];
  layout?: string;
  innerAreaM2?: number;
  rentYuan?: number;
}

interface ParsedRow {
  line: number;
  /** BUILDING|entrance|room: the building's code upper-cased, as the codes are matched. */
  unitKey: string;
  buildingCode: string;
  unit: ParsedUnit;
  totalFloors?: number;
  lift?: boolean;
  people: ParsedPerson[];
  role: OccupancyRole;
  from: string;
  /** Whether the sheet gave the start date (else an existing role's date is left alone). */
  fromGiven: boolean;
  to?: string;
}

interface Slot {
  id: string;
  existing?: Person;
  /** What the file says of them, merged over their rows (first value wins, phones add up). */
  fields?: PersonFields;
  line?: number;
}

interface Role {
  unitKey: string;
  slot: Slot;
  role: OccupancyRole;
  from: string;
  fromGiven: boolean;
  to?: string;
}

const issuesToProblems = (error: z.ZodError, fieldOf: (path: string) => ImportField | 'row') =>
  error.issues.map((i) => ({ field: fieldOf(String(i.path[0] ?? '')), reason: i.message }));

const personKeys = (fields: PersonFields, unitKey: string): string[] => {
  const keys: string[] = [];
  if (fields.idNumber) keys.push(`id:${fields.idNumber}`);
  for (const phone of fields.phones) keys.push(`np:${fields.name}|${phone}`);
  if (!keys.length) keys.push(`nu:${fields.name}|${unitKey}`);
  return keys;
};

/**
 * Check every row of a sheet against the registry and plan the writes of the good ones
 * (issue 5 §6, issue 14). Pure: the same rows and registry give the same plan, and the
 * caller decides to import none or the good rows. Buildings and units the registry lacks
 * are created from the rows; one person across several rows (same ID, or same name and
 * phone) is one archive entry with several roles. Ids come from the natural keys, or from
 * the matching record already there, so importing the same file again changes nothing.
 */
export function planImport(
  rows: string[][],
  mapping: ColumnMapping,
  registry: ImportRegistry,
  options: PlanOptions = {}
): ImportPlan {
  const codeOf = new Map(registry.buildings.map((b) => [b.id, b.code.toUpperCase()]));
  const unitKeyOf = (u: Pick<Unit, 'buildingId' | 'entrance' | 'room'>) =>
    `${codeOf.get(u.buildingId) ?? ''}|${u.entrance}|${u.room}`;
  const unitByKey = new Map(registry.units.map((u) => [unitKeyOf(u), u]));
  const keyOfUnitId = new Map(registry.units.map((u) => [u.id, unitKeyOf(u)]));

  // Everyone already in the archive, findable by the same keys as the file's people.
  const slotOfKey = new Map<string, Slot>();
  const registrySlots = new Map<string, Slot>();
  for (const p of registry.people) registrySlots.set(p.id, { id: p.id, existing: p });
  const roleKeys = new Set<string>();
  const ownedUnits = new Set<string>();
  for (const o of registry.occupancies) {
    const slot = registrySlots.get(o.personId);
    const unitKey = keyOfUnitId.get(o.unitId);
    if (!slot?.existing || unitKey === undefined) continue;
    for (const key of personKeys(
      { ...slot.existing, phones: [...slot.existing.phones] },
      unitKey
    ).concat(`nu:${slot.existing.name}|${unitKey}`))
      if (!slotOfKey.has(key)) slotOfKey.set(key, slot);
    if (o.role === 'owner' && (!o.to || o.to >= registry.today)) ownedUnits.add(unitKey);
  }

  const bad: RowReport[] = [];
  const changed: RowReport[] = [];
  const good: ParsedRow[] = [];
  const roles: Role[] = [];
  const roleLine = new Map<string, number>();
  const ownerLine = new Map<string, number>();
  const checkedUnits = new Map<string, string>();

  rows.forEach((row, index) => {
    const line = options.lines?.[index] ?? index + 2;
    const sheet = options.sheets?.[index];
    const pre = options.pre?.[index];
    const problems: RowProblem[] = [...(pre?.problems ?? [])];
    const changes: CellChange[] = [...(pre?.changes ?? [])];
    const cell = (f: ImportField) => {
      const i = mapping[f];
      if (i === undefined) return '';
      const raw = String(row[i] ?? '').trim();
      const value = normaliseCell(raw);
      if (value !== raw) changes.push({ field: f, before: raw, after: value });
      return value;
    };
    // A row the source's reader refused for want of its room (an HC owner no room refers
    // to) is reported with that reason alone.
    const roomless = !!pre?.problems.length && !cell('building') && !cell('room');
    const parsed = roomless ? undefined : parseRow(cell, line, registry.today, problems, changes);
    if (parsed && !unitByKey.has(parsed.unitKey)) {
      // HC repeats a room's columns on each of its people's rows: the same values are
      // checked once.
      const same = JSON.stringify(parsed.unit);
      if (checkedUnits.get(parsed.unitKey) !== same) {
        const before = problems.length;
        newUnitProblems(parsed, problems);
        if (problems.length === before) checkedUnits.set(parsed.unitKey, same);
      }
    }

    // Who each person is: someone already met (in the archive or a row above), or new.
    const found: (Slot | undefined)[] = [];
    for (const person of parsed?.people ?? []) {
      const key = person.keys.find((k) => slotOfKey.has(k));
      const slot = key ? slotOfKey.get(key) : undefined;
      found.push(slot);
      if (!parsed || !slot) continue;
      const known = slot.fields ?? slot.existing;
      const where = slot.line ?? 0;
      if (person.fields.idNumber && known?.idNumber && known.idNumber !== person.fields.idNumber)
        problems.push({
          field: 'idNumber',
          reason: where ? 'import.error.idConflict' : 'import.error.idConflictArchive',
          params: { line: String(where), value: known.idNumber }
        });
      else if (key?.startsWith('id:') && known && known.name !== person.fields.name)
        problems.push({
          field: 'name',
          reason: 'import.error.idOtherName',
          params: { name: known.name }
        });
      const first = roleLine.get(`${parsed.unitKey}|${slot.id}|${parsed.role}`);
      if (first !== undefined)
        problems.push({
          field: 'row',
          reason: 'import.error.duplicate',
          params: { line: String(first) }
        });
    }
    if (parsed?.people.length && options.ownerRows) {
      const owner = ownerLine.get(parsed.unitKey);
      if (parsed.role === 'owner' && owner !== undefined)
        problems.push({
          field: 'role',
          reason: 'import.error.secondOwner',
          params: { line: String(owner) }
        });
      if (parsed.role !== 'owner' && owner === undefined && !ownedUnits.has(parsed.unitKey))
        problems.push({ field: 'role', reason: 'import.error.noOwner' });
    }

    // The source's reader already said why a field is refused (HC's 1004 临时人员): the
    // plan's own word on the same field ("无法识别：1004") would only repeat it.
    const said = new Set(pre?.problems.map((p) => p.field));
    const own = problems.slice(pre?.problems.length ?? 0).filter((p) => !said.has(p.field));
    problems.splice(pre?.problems.length ?? 0, Infinity, ...own);
    const report = { line, sheet, index, problems, changes };
    if (problems.length || !parsed) {
      bad.push(report);
      return;
    }
    if (changes.length) changed.push(report);
    good.push(parsed);
    if (parsed.people.length && parsed.role === 'owner') ownerLine.set(parsed.unitKey, line);
    parsed.people.forEach((person, i) => {
      let slot = found[i];
      if (!slot) {
        slot = { id: stableId('person', registry.communityId, person.keys[0]), line };
        slot.fields = { ...person.fields, phones: [...person.fields.phones] };
      } else merge(slot, person.fields, line);
      for (const key of person.keys) if (!slotOfKey.has(key)) slotOfKey.set(key, slot);
      const roleKey = `${parsed.unitKey}|${slot.id}|${parsed.role}`;
      roleLine.set(roleKey, line);
      if (!roleKeys.has(roleKey)) {
        roleKeys.add(roleKey);
        roles.push({
          unitKey: parsed.unitKey,
          slot,
          role: parsed.role,
          from: parsed.from,
          fromGiven: parsed.fromGiven,
          to: parsed.to
        });
      }
    });
  });

  return {
    ...writesOf(good, roles, registry, unitByKey),
    rows: rows.length,
    good: good.length,
    bad,
    changed
  };
}

/** A later row of someone met before: their phones add up, other fields fill what is empty. */
function merge(slot: Slot, fields: PersonFields, line: number): void {
  if (!slot.fields) {
    slot.fields = { ...fields, phones: [...fields.phones] };
    slot.line = line;
    return;
  }
  const into = slot.fields as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'phones') continue;
    if (into[key] === undefined && value !== undefined) into[key] = value;
  }
  for (const phone of fields.phones)
    if (!slot.fields.phones.includes(phone) && slot.fields.phones.length < 5)
      slot.fields.phones.push(phone);
}

/** A unit the registry does not have yet needs what its record requires. */
function newUnitProblems(row: ParsedRow, problems: RowProblem[]): void {
  if (Number.isNaN(row.unit.floor))
    problems.push({ field: 'floor', reason: 'import.error.floorRequired' });
  if (Number.isNaN(row.unit.areaM2))
    problems.push({ field: 'areaM2', reason: 'import.error.areaRequired' });
  if (problems.length) return;
  const checked = unitForm.safeParse({ ...row.unit, communityId: 'c', buildingId: 'b' });
  if (!checked.success)
    problems.push(
      ...issuesToProblems(checked.error, (p) =>
        p === 'areaM2' || p === 'floor' || p === 'room' || p === 'entrance' || p === 'layout'
          ? p
          : 'row'
      )
    );
}

const separators = /[,，、;；]/;

function parseRow(
  cell: (f: ImportField) => string,
  line: number,
  today: string,
  problems: RowProblem[],
  changes: CellChange[]
): ParsedRow | undefined {
  const code = cell('building');
  if (!code) problems.push({ field: 'building', reason: 'validation.required' });
  else if (code.length > 20) problems.push({ field: 'building', reason: 'validation.tooLong' });
  const room = cell('room').toUpperCase();
  if (!room) problems.push({ field: 'room', reason: 'validation.required' });
  const entrance = cell('entrance');

  const floorCell = cell('floor');
  const floor = floorCell ? readNumber(floorCell) : floorOfRoom(room);
  if (floorCell && floor === undefined)
    problems.push({ field: 'floor', reason: 'validation.integer' });
  const numberOf = (f: 'areaM2' | 'innerAreaM2' | 'rentYuan' | 'totalFloors') => {
    const text = cell(f);
    const value = text ? readNumber(text) : undefined;
    if (text && value === undefined) problems.push({ field: f, reason: 'validation.number' });
    return value;
  };
  const areaM2 = numberOf('areaM2');
  const innerAreaM2 = numberOf('innerAreaM2');
  const rentYuan = numberOf('rentYuan');
  const totalFloors = numberOf('totalFloors');
  if (totalFloors !== undefined && (!Number.isInteger(totalFloors) || totalFloors < 1))
    problems.push({ field: 'totalFloors', reason: 'validation.integer' });
  const choice = <T extends string>(
    f: ImportField,
    words: Parameters<typeof readWord<T>>[0]
  ): T | undefined => {
    const text = cell(f);
    if (!text) return undefined;
    const key = readWord(words, text);
    if (!key)
      problems.push({ field: f, reason: 'import.error.badChoice', params: { value: text } });
    return key;
  };
  const type = choice('unitType', unitTypeWords);
  const status = choice('unitStatus', unitStatusWords);
  const lift = choice('lift', liftWords);
  const layout = cell('layout') || undefined;
  if (!code || !room) return undefined;

  const unitKey = `${code.toUpperCase()}|${entrance}|${room}`;
  const parsed: ParsedRow = {
    line,
    unitKey,
    buildingCode: code,
    unit: {
      entrance,
      room,
      floor: floor ?? Number.NaN,
      type: type ?? 'residential',
      typeGiven: type !== undefined,
      areaM2: areaM2 ?? Number.NaN,
      status,
      layout,
      innerAreaM2,
      rentYuan
    },
    totalFloors:
      totalFloors !== undefined && Number.isInteger(totalFloors) ? totalFloors : undefined,
    lift: lift === undefined ? undefined : lift === 'yes',
    people: [],
    role: 'owner',
    from: today,
    fromGiven: false
  };

  const nameCell = cell('name');
  const phoneCells = splitList(cell('phones'));
  if (!nameCell) {
    // HC lets a room with a phone or an ID but no owner name through as vacant, and drops both.
    const orphan = (
      ['phones', 'idNumber', 'gender', 'emergencyName', 'emergencyPhone'] as const
    ).find((f) => cell(f) !== '');
    if (orphan) problems.push({ field: 'name', reason: 'import.error.noName' });
    return parsed;
  }
  const roleCell = cell('role');
  const role = roleCell ? readWord(roleWords, roleCell) : undefined;
  if (!roleCell) problems.push({ field: 'role', reason: 'validation.required' });
  else if (!role)
    problems.push({ field: 'role', reason: 'import.error.badChoice', params: { value: roleCell } });
  const kind = choice('kind', kindWords) ?? 'person';
  const gender = choice('gender', genderWords);

  const phones = phoneCells.map((text) => {
    const phone = readPhone(text);
    if (phone !== text) changes.push({ field: 'phones', before: text, after: phone });
    if (!mobilePhone.safeParse(phone).success)
      problems.push({ field: 'phones', reason: 'import.error.badPhone', params: { value: phone } });
    return phone;
  });
  const dateOf = (f: 'from' | 'to') => {
    const text = cell(f);
    const date = text ? readDate(text) : undefined;
    if (text && !date) problems.push({ field: f, reason: 'validation.date' });
    return date;
  };
  const from = dateOf('from');
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

  // Co-owners written in one cell (HC's template: "两个业主用逗号隔开") are separate people.
  const names =
    kind === 'person' && separators.test(nameCell)
      ? nameCell
          .split(separators)
          .map((n) => n.trim())
          .filter(Boolean)
      : [nameCell];
  if (names.length > 1)
    changes.push({
      field: 'name',
      before: nameCell,
      after: names.join(' / '),
      why: 'import.change.coOwners'
    });
  const idCell = cell('idNumber').toUpperCase();
  const ids = names.length > 1 ? splitList(idCell) : idCell ? [idCell] : [];
  if (ids.length > 1 && ids.length !== names.length)
    problems.push({ field: 'idNumber', reason: 'import.error.idCount' });
  for (const id of ids) {
    if (kind === 'company') {
      if (!creditCodeOk(id))
        problems.push({
          field: 'idNumber',
          reason: 'import.error.creditCode',
          params: { value: id }
        });
      continue;
    }
    const state = idNumberKind(id);
    if (state === 'mangled')
      problems.push({ field: 'idNumber', reason: 'import.error.idMangled', params: { value: id } });
    if (state === 'badCheck')
      problems.push({ field: 'idNumber', reason: 'import.error.idCheck', params: { value: id } });
    if (state === 'badLength')
      problems.push({
        field: 'idNumber',
        reason: 'import.error.idLength',
        params: { value: id, n: String(id.length) }
      });
  }

  const has = (f: ImportField) => cell(f) !== '';
  names.forEach((name, i) => {
    const fields: PersonFields = {
      name,
      kind,
      // Co-owners share the phones unless there is one phone for each of them.
      phones: names.length > 1 && phones.length === names.length ? [phones[i]] : phones
    };
    // Only the columns the file has: an import never blanks what the desk wrote by hand.
    if (gender) fields.gender = gender;
    const id = ids.length === names.length ? ids[i] : i === 0 ? ids[0] : undefined;
    if (id) fields.idNumber = id;
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
    parsed.people.push({ fields, keys: personKeys(fields, unitKey) });
  });
  if (to !== undefined && to < (from ?? today))
    problems.push({ field: 'to', reason: 'validation.endBeforeStart' });
  parsed.role = role ?? 'owner';
  parsed.from = from ?? today;
  parsed.fromGiven = from !== undefined;
  parsed.to = to;
  return parsed;
}

const personFieldNames: Partial<Record<string, ImportField>> = {
  name: 'name',
  kind: 'kind',
  gender: 'gender',
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
    if (patch[key] === undefined) continue;
    if (JSON.stringify(existing[key]) !== JSON.stringify(patch[key])) out[key] = patch[key];
  }
  return out;
}

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

function writesOf(
  rows: ParsedRow[],
  roles: Role[],
  registry: ImportRegistry,
  unitByKey: Map<string, Unit>
): Pick<ImportPlan, 'changes' | 'buildings' | 'units' | 'people' | 'occupancies'> {
  const buildings = tally();
  const units = tally();
  const people = tally();
  const occupancies = tally();
  const changes: PlannedChange[] = [];

  // Buildings: what the rows say of each (entrances, floors, lift), created or completed.
  const existingBuilding = new Map(registry.buildings.map((b) => [b.code.toUpperCase(), b]));
  const seen = new Map<
    string,
    { code: string; entrances: Set<string>; floors: number; lift?: boolean }
  >();
  for (const row of rows) {
    const key = row.buildingCode.toUpperCase();
    let b = seen.get(key);
    if (!b) seen.set(key, (b = { code: row.buildingCode, entrances: new Set(), floors: 1 }));
    b.entrances.add(row.unit.entrance);
    if (!Number.isNaN(row.unit.floor)) b.floors = Math.max(b.floors, row.unit.floor);
    if (row.totalFloors !== undefined) b.floors = Math.max(b.floors, row.totalFloors);
    if (row.lift !== undefined) b.lift = b.lift === undefined ? row.lift : b.lift || row.lift;
  }
  const buildingIds = new Map<string, string>();
  for (const [key, b] of seen) {
    const floors = Math.min(b.floors, 200);
    const entrances = Math.min(Math.max(b.entrances.size, 1), 20);
    const existing = existingBuilding.get(key);
    if (existing) {
      buildingIds.set(key, existing.id);
      const patch: RowPatch<'building'> = {};
      if (existing.floors !== undefined && floors > existing.floors) patch.floors = floors;
      if (existing.entrances !== undefined && entrances > existing.entrances)
        patch.entrances = entrances;
      if (b.lift !== undefined && b.lift !== existing.lift) patch.lift = b.lift;
      if (Object.keys(patch).length) {
        changes.push({ op: 'update', table: 'building', id: existing.id, patch });
        buildings.updated++;
      } else buildings.unchanged++;
      continue;
    }
    const id = stableId('building', registry.communityId, key);
    buildingIds.set(key, id);
    changes.push({
      op: 'create',
      table: 'building',
      value: {
        id,
        communityId: registry.communityId,
        code: b.code,
        floors,
        entrances,
        lift: b.lift
      }
    });
    buildings.created++;
  }

  // A new unit's status, when the sheet gives none: occupied if someone holds a role there now.
  const lived = new Set(
    rows.filter((r) => r.people.length && (!r.to || r.to >= registry.today)).map((r) => r.unitKey)
  );
  const unitIds = new Map<string, string>();
  for (const row of rows) {
    if (unitIds.has(row.unitKey)) continue;
    const existing = unitByKey.get(row.unitKey);
    const { status, typeGiven, ...fields } = row.unit;
    if (existing) {
      unitIds.set(row.unitKey, existing.id);
      const patch: RowPatch<'unit'> = {
        type: typeGiven ? fields.type : undefined,
        layout: fields.layout,
        innerAreaM2: fields.innerAreaM2,
        rentYuan: fields.rentYuan,
        status
      };
      if (!Number.isNaN(fields.floor)) patch.floor = fields.floor;
      if (!Number.isNaN(fields.areaM2)) patch.areaM2 = fields.areaM2;
      const changed = changedFields(existing, patch);
      if (Object.keys(changed).length) {
        changes.push({ op: 'update', table: 'unit', id: existing.id, patch: changed });
        units.updated++;
      } else units.unchanged++;
      continue;
    }
    const buildingKey = row.buildingCode.toUpperCase();
    const buildingId = buildingIds.get(buildingKey) ?? '';
    // The code as the registry writes it, as before issue 14, so ids stay what they were.
    const code = existingBuilding.get(buildingKey)?.code ?? row.buildingCode;
    const id = stableId('unit', registry.communityId, unitCode(code, fields));
    unitIds.set(row.unitKey, id);
    // Only the fields the sheet gave: the record stays as the desk would have made it.
    const { layout, innerAreaM2, rentYuan, ...required } = fields;
    const value: NewRow<'unit'> & { id: string } = {
      ...required,
      ...(layout === undefined ? {} : { layout }),
      ...(innerAreaM2 === undefined ? {} : { innerAreaM2 }),
      ...(rentYuan === undefined ? {} : { rentYuan }),
      id,
      buildingId,
      communityId: registry.communityId,
      status: status ?? (lived.has(row.unitKey) ? 'occupied' : 'vacant')
    };
    changes.push({ op: 'create', table: 'unit', value });
    units.created++;
  }

  const written = new Set<Slot>();
  for (const { slot } of roles) {
    if (written.has(slot) || !slot.fields) continue;
    written.add(slot);
    const fields = slot.fields;
    if (slot.existing) {
      const phones = [...slot.existing.phones];
      for (const p of fields.phones) if (!phones.includes(p) && phones.length < 5) phones.push(p);
      const changed = changedFields(slot.existing, { ...fields, phones } as Partial<Person>);
      if (Object.keys(changed).length) {
        changes.push({ op: 'update', table: 'person', id: slot.id, patch: changed });
        people.updated++;
      } else people.unchanged++;
    } else {
      changes.push({ op: 'create', table: 'person', value: { ...fields, id: slot.id } });
      people.created++;
    }
  }

  const onUnit = new Map<string, Occupancy[]>();
  for (const o of registry.occupancies) {
    const list = onUnit.get(o.unitId);
    if (list) list.push(o);
    else onUnit.set(o.unitId, [o]);
  }
  for (const r of roles) {
    const unitId = unitIds.get(r.unitKey) ?? '';
    const there = onUnit.get(unitId) ?? [];
    const existing = there.find((o) => o.personId === r.slot.id && o.role === r.role);
    if (existing) {
      const changed = changedFields(existing, { from: r.fromGiven ? r.from : undefined, to: r.to });
      if (Object.keys(changed).length) {
        changes.push({ op: 'update', table: 'occupancy', id: existing.id, patch: changed });
        occupancies.updated++;
      } else occupancies.unchanged++;
      continue;
    }
    const value = {
      id: stableId('occupancy', unitId, r.slot.id, r.role),
      unitId,
      personId: r.slot.id,
      role: r.role,
      from: r.from,
      to: r.to
    };
    if (occupancyForm.safeParse(value).success) {
      changes.push({ op: 'create', table: 'occupancy', value });
      occupancies.created++;
    }
  }
  return { changes, buildings, units, people, occupancies };
}
