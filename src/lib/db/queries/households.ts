import { withoutClocks } from '$lib/oplog/format';
import type { Building } from '$lib/domain/records/building';
import type { Community } from '$lib/domain/records/community';
import type { HouseHealthEntry } from '$lib/domain/records/house-health';
import { isCurrent, type Occupancy } from '$lib/domain/records/occupancy';
import type { Person, SpecialCare } from '$lib/domain/records/person';
import type { SegmentTag } from '$lib/domain/records/segment-tag';
import type { SensitiveReveal } from '$lib/domain/records/sensitive-reveal';
import { unitCode, type Unit, type UnitStatus } from '$lib/domain/records/unit';
import type { ExportLine } from '$lib/domain/import/export-rows';
import type { Ticket } from '$lib/domain/records/ticket';
import { SETTINGS_ID } from '$lib/domain/record-ids';
import type { TimelineEvent } from '$lib/domain/tickets/fold';
import { repairWorks } from '$lib/domain/tickets/repair-health';
import { database, type GuanjiaDexie } from '../database';
import { householdTimeline, type TimelineEntry } from './households-timeline';

export interface Resident {
  occupancy: Occupancy;
  person: Person;
  current: boolean;
}

export interface Household {
  unit: Unit;
  code: string;
  building: Building;
  community?: Community;
  /** Current roles first (owner, tenant, company contact, family), then past ones, newest first. */
  residents: Resident[];
  /** The house health archive: entries written by hand and the unit's finished repairs. */
  health: HealthLine[];
  timeline: TimelineEntry[];
}

/** A line of the house health archive; a finished repair links to its request. */
export type HealthLine = HouseHealthEntry & { ticketId?: string; ticketNumber?: string };

const roleOrder = { owner: 0, tenant: 1, companyContact: 2, family: 3 } as const;

/** The unit's finished in-unit repairs as archive lines (issue 20: derived from the requests). */
async function repairLines(unitId: string, db: GuanjiaDexie): Promise<HealthLine[]> {
  const tickets = (await db.ticket.where('unitId').equals(unitId).toArray())
    .map((r) => withoutClocks(r) as unknown as Ticket)
    .filter((t) => t.kind === 'repair' && !t.deleted);
  if (!tickets.length) return [];
  const [events, settings] = await Promise.all([
    db.ticketEvent
      .where('ticketId')
      .anyOf(tickets.map((t) => t.id))
      .toArray(),
    db.settings.get(SETTINGS_ID)
  ]);
  const zone = (settings?.timeZone as string | undefined) ?? 'Asia/Shanghai'; // the settings' default
  const byTicket = new Map<string, TimelineEvent[]>();
  for (const row of events) {
    const e = withoutClocks(row) as unknown as TimelineEvent & { ticketId: string };
    const list = byTicket.get(e.ticketId);
    if (list) list.push(e);
    else byTicket.set(e.ticketId, [e]);
  }
  const works = tickets.flatMap((t) => repairWorks(t, byTicket.get(t.id) ?? [], zone));
  const staff = await db.staff.bulkGet([...new Set(works.map((w) => w.staffId))]);
  const names = new Map(staff.flatMap((s) => (s ? [[s.id, String(s.name)]] : [])));
  return works.map((w) => ({
    id: `repair/${w.id}`,
    createdAt: 0,
    updatedAt: 0,
    deleted: false,
    unitId: w.unitId,
    category: w.category,
    date: w.date,
    description: w.description,
    doneBy: names.get(w.staffId) ?? '',
    photos: w.photos,
    ticketId: w.ticketId,
    ticketNumber: w.number
  }));
}

/** Everything the household page shows (issue 5 §2), read in one go. */
export async function getHousehold(
  unitId: string,
  today: string,
  db: GuanjiaDexie = database()
): Promise<Household | undefined> {
  const unitRow = await db.unit.get(unitId);
  if (!unitRow || unitRow.deleted) return undefined;
  const unit = withoutClocks(unitRow) as Unit;
  const [buildingRow, communityRow, occupancyRows, healthRows, repairs] = await Promise.all([
    db.building.get(unit.buildingId),
    db.community.get(unit.communityId),
    db.occupancy.where('unitId').equals(unitId).toArray(),
    db.houseHealthEntry.where('unitId').equals(unitId).toArray(),
    repairLines(unitId, db)
  ]);
  if (!buildingRow) return undefined;
  const building = withoutClocks(buildingRow) as Building;
  const occupancies = occupancyRows
    .filter((o) => !o.deleted)
    .map((o) => withoutClocks(o) as Occupancy);
  const personRows = await db.person.bulkGet(occupancies.map((o) => o.personId));
  const people = new Map<string, Person>();
  for (const row of personRows)
    if (row && !row.deleted) people.set(row.id, withoutClocks(row) as Person);

  const residents = occupancies
    .flatMap((occupancy) => {
      const person = people.get(occupancy.personId);
      return person ? [{ occupancy, person, current: isCurrent(occupancy, today) }] : [];
    })
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        roleOrder[a.occupancy.role] - roleOrder[b.occupancy.role] ||
        b.occupancy.from.localeCompare(a.occupancy.from)
    );
  const names = new Map([...people.values()].map((p) => [p.id, p.name]));
  const timeline = await householdTimeline(db, { unitId, occupancies, names });
  return {
    unit,
    code: unitCode(building.code, unit),
    building,
    community: communityRow ? (withoutClocks(communityRow) as Community) : undefined,
    residents,
    health: [
      ...healthRows.filter((r) => !r.deleted).map((r) => withoutClocks(r) as HouseHealthEntry),
      ...repairs
    ].sort((a, b) => b.date.localeCompare(a.date)),
    timeline
  };
}

export interface HouseholdFilter {
  communityId?: string;
  buildingId?: string;
  status?: UnitStatus | '';
  tag?: string;
  specialCare?: SpecialCare | '';
  /** Show units with nobody on them as well. */
  includeEmpty?: boolean;
}

export interface HouseholdRow {
  unit: Unit;
  code: string;
  buildingCode: string;
  /** The building's floors and lift, for the export (issue 14). */
  building?: { floors?: number; lift?: boolean };
  residents: { person: Person; occupancy: Occupancy }[];
}

/**
 * The households list: units with the people who hold a role on them now, filtered
 * (issue 5 §6: "export of any filtered list"). A tag or care filter keeps the units where
 * someone current has it.
 */
export async function listHouseholds(
  filter: HouseholdFilter,
  today: string,
  db: GuanjiaDexie = database()
): Promise<HouseholdRow[]> {
  const [buildingRows, unitRows, occupancyRows, personRows] = await Promise.all([
    db.building.toArray(),
    filter.buildingId
      ? db.unit.where('buildingId').equals(filter.buildingId).toArray()
      : filter.communityId
        ? db.unit.where('communityId').equals(filter.communityId).toArray()
        : db.unit.toArray(),
    db.occupancy.toArray(),
    db.person.toArray()
  ]);
  const codes = new Map(buildingRows.map((b) => [b.id, String(b.code)]));
  const buildingInfo = new Map(
    buildingRows.map((b) => [
      b.id,
      { floors: b.floors as number | undefined, lift: b.lift as boolean | undefined }
    ])
  );
  const people = new Map(
    personRows.filter((p) => !p.deleted).map((p) => [p.id, withoutClocks(p) as Person])
  );
  const byUnit = new Map<string, { person: Person; occupancy: Occupancy }[]>();
  for (const row of occupancyRows) {
    if (row.deleted) continue;
    const occupancy = withoutClocks(row) as Occupancy;
    if (!isCurrent(occupancy, today)) continue;
    const person = people.get(occupancy.personId);
    if (!person) continue;
    const list = byUnit.get(occupancy.unitId);
    if (list) list.push({ person, occupancy });
    else byUnit.set(occupancy.unitId, [{ person, occupancy }]);
  }
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  const rows: HouseholdRow[] = [];
  for (const row of unitRows) {
    if (row.deleted) continue;
    const unit = withoutClocks(row) as Unit;
    if (filter.status && unit.status !== filter.status) continue;
    const residents = (byUnit.get(unit.id) ?? []).sort(
      (a, b) => roleOrder[a.occupancy.role] - roleOrder[b.occupancy.role]
    );
    if (!residents.length && !filter.includeEmpty) continue;
    if (filter.tag && !residents.some((r) => r.person.tags.includes(filter.tag ?? ''))) continue;
    if (
      filter.specialCare &&
      !residents.some((r) => r.person.specialCare.includes(filter.specialCare as SpecialCare))
    )
      continue;
    const buildingCode = codes.get(unit.buildingId) ?? '';
    rows.push({
      unit,
      code: unitCode(buildingCode, unit),
      buildingCode,
      building: buildingInfo.get(unit.buildingId),
      residents
    });
  }
  return rows.sort((a, b) => collator.compare(a.code, b.code));
}

/** The lines of an export of a filtered list: one per person on a unit, or the unit alone. */
export function exportLinesOf(rows: HouseholdRow[]): ExportLine[] {
  return rows.flatMap((r) =>
    r.residents.length
      ? r.residents.map((x) => ({
          buildingCode: r.buildingCode,
          building: r.building,
          unit: r.unit,
          person: x.person,
          occupancy: x.occupancy
        }))
      : [{ buildingCode: r.buildingCode, building: r.building, unit: r.unit }]
  );
}

export async function listSegmentTags(db: GuanjiaDexie = database()): Promise<SegmentTag[]> {
  const rows = await db.segmentTag.toArray();
  const collator = new Intl.Collator('zh-Hans-CN');
  return rows
    .filter((r) => !r.deleted)
    .map((r) => withoutClocks(r) as SegmentTag)
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Reveals of a person's masked fields, newest first: who looked, when (issue 5 §4). */
export async function revealsOf(
  personId: string,
  db: GuanjiaDexie = database()
): Promise<SensitiveReveal[]> {
  const rows = await db.sensitiveReveal.where('personId').equals(personId).toArray();
  return rows.map((r) => withoutClocks(r) as SensitiveReveal).sort((a, b) => b.at - a.at);
}
