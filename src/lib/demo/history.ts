import type { ticketChannels, ticketKinds } from '$lib/domain/records/ticket';
import type { Role } from '$lib/domain/roles';
import { ticketNumber } from '$lib/domain/tickets/numbers';
import { atHour, isoDate, dayOf, monthOf, weekdayOf } from './calendar';
import type { UnitContact } from './households';
import { demoTimeId } from './ids';
import type { DemoBuilding, DemoCommunity } from './property';
import { random, type Random } from './random';
import * as texts from './texts';
import type { DemoRow, DemoSize } from './types';
import {
  answerSteps,
  complaintSteps,
  paidServiceSteps,
  repairSteps,
  type Crew,
  type Step
} from './workflows';

type Kind = (typeof ticketKinds)[number];
type Channel = (typeof ticketChannels)[number];

/** Days of history that end at asOf ("two years of history", foundation issue item 7). */
export const HISTORY_DAYS = 730;

/**
 * Requests per unit per day. Tuned so the large office (5,000 units) has about 200,000
 * request events over two years (foundation issue item 7): ~32,000 requests.
 */
const DAILY_RATE_PER_UNIT = 0.0091;

const kinds: readonly (readonly [Kind, number])[] = [
  ['repair', 52],
  ['inquiry', 20],
  ['complaint', 9],
  ['paidService', 9],
  ['suggestion', 5],
  ['praise', 5]
];

const channels: Record<Kind, readonly (readonly [Channel, number])[]> = {
  repair: [
    ['phone', 55],
    ['counter', 15],
    ['ownerLink', 15],
    ['visit', 5]
  ],
  complaint: [
    ['phone', 50],
    ['counter', 25],
    ['ownerLink', 15],
    ['visit', 5],
    ['suggestionBox', 5]
  ],
  inquiry: [
    ['phone', 60],
    ['counter', 35],
    ['ownerLink', 5]
  ],
  suggestion: [
    ['suggestionBox', 30],
    ['ownerLink', 30],
    ['counter', 20],
    ['visit', 20]
  ],
  paidService: [
    ['phone', 60],
    ['counter', 30],
    ['ownerLink', 10]
  ],
  praise: [
    ['phone', 30],
    ['counter', 30],
    ['ownerLink', 20],
    ['suggestionBox', 20]
  ]
};

/** When requests come in: office hours mostly, a morning and an afternoon peak, few at night. */
const hours: readonly (readonly [number, number])[] = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 5, 8, 8, 7, 4, 5, 7, 7, 6, 5, 3, 2.5, 2, 1.5, 0.8, 0.4
].map((w, h) => [h, w] as const);

/** Monday is busiest (the weekend's leaks), Sunday quietest. */
const weekdayFactor = [0, 1.15, 1, 1, 1, 1, 0.9, 0.8];
/** Summer brings air conditioners and mosquitoes; the Spring Festival empties the city. */
const monthFactor = [0, 0.8, 0.8, 1, 1, 1, 1.15, 1.25, 1.2, 1.05, 1, 1, 0.95];

function seasonal(month: number, season: texts.Season | undefined): number {
  if (season === 'summer') return month >= 6 && month <= 9 ? 4 : 0.3;
  if (season === 'winter') return month >= 11 || month <= 3 ? 3 : 0.1;
  return 1;
}

/** The texts with this month's weights, computed once per month. */
function byMonth<T extends { weight: number; season?: texts.Season }>(list: readonly T[]) {
  return Array.from({ length: 13 }, (_, month) =>
    list.map((t) => [t, t.weight * seasonal(month, t.season)] as const)
  );
}
const repairsByMonth = byMonth(texts.repairs);
const complaintsByMonth = byMonth(texts.complaints);
const weightedList = <T extends { weight: number }>(list: readonly T[]) =>
  list.map((t) => [t, t.weight] as const);
const inquiries = weightedList(texts.inquiries);
const suggestions = weightedList(texts.suggestions);
const paid = weightedList(texts.paidServices);
const praises = weightedList(texts.praises);

export interface HistoryInput {
  seed: number;
  size: DemoSize;
  asOf: number;
  communities: DemoCommunity[];
  contacts: Map<string, UnitContact[]>;
  crew: Crew;
}

/** One day of the office's life: the requests recorded that day and every step taken that day. */
export interface DemoDay {
  day: number;
  ticket: DemoRow<'ticket'>[];
  ticketEvent: DemoRow<'ticketEvent'>[];
}

interface Place {
  community: DemoCommunity;
  weight: number;
  /** Units people live or work in: where requests come from. */
  inhabited: { unit: DemoRow<'unit'>; building: DemoBuilding }[];
  buildings: DemoBuilding[];
  tall: DemoBuilding[];
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

function buildingLabel(b: DemoBuilding, entrance: string): string {
  const name = b.row.name ?? `${b.row.code}号楼`;
  return entrance ? `${name}${entrance}单元` : name;
}

/**
 * The service-request history, one day at a time in time order, so the loader can write
 * it day by day with flat memory. Each day's requests come from a stream of their own
 * (seed, size, day): the same day gives the same requests whatever `asOf` is, and a later
 * load only adds what happened since — the open requests simply move on.
 */
export function* demoHistory(input: HistoryInput): Generator<DemoDay> {
  const { seed, size, asOf, crew, contacts } = input;
  const lastDay = dayOf(asOf);
  const firstDay = lastDay - HISTORY_DAYS + 1;
  const places: Place[] = input.communities.map((community) => {
    const inhabited = community.buildings.flatMap((building) =>
      building.units
        .filter((u) => u.type !== 'parking' && u.status !== 'vacant')
        .map((unit) => ({ unit, building }))
    );
    const buildings = community.buildings.filter((b) => b.units[0]?.type !== 'parking');
    return {
      community,
      weight: inhabited.length,
      inhabited,
      buildings,
      tall: buildings.filter((b) => b.row.floors >= 8)
    };
  });
  const placeWeights = places.map((p) => [p, p.weight] as const);
  const totalUnits = input.communities.reduce(
    (n, c) => n + c.buildings.reduce((m, b) => m + b.units.length, 0),
    0
  );

  /** Who calls about a unit on a day: someone living or working there then (a stream of its own). */
  function caller(who: Random, unitId: string, day: number): string | undefined {
    const list = contacts.get(unitId) ?? [];
    const present = list.filter((c) => c.from <= day && (c.to === undefined || c.to >= day));
    return (present.length ? who.pick(present) : list.length ? list[list.length - 1] : undefined)
      ?.personId;
  }

  const pending = new Map<number, DemoRow<'ticketEvent'>[]>();

  for (let day = firstDay; day <= lastDay; day++) {
    const month = monthOf(day);
    const dayRandom = random(seed, size, 'day', day);
    const count = dayRandom.poisson(
      totalUnits * DAILY_RATE_PER_UNIT * weekdayFactor[weekdayOf(day)] * monthFactor[month]
    );
    const drafts: { ticket: DemoRow<'ticket'>; steps: Step[]; r: Random }[] = [];

    for (let i = 0; i < count; i++) {
      const r = random(seed, size, 'ticket', day, i);
      const who = random(seed, size, 'caller', day, i);
      const kind = r.weighted(kinds);
      const recordedAt = atHour(day, r.weighted(hours) + r.next());
      const place = r.weighted(placeWeights);
      const { unit, building } = r.pick(place.inhabited);
      const spot = r.pick(texts.spots);
      const where = `${buildingLabel(building, unit.entrance ?? '')}${r.int(1, building.row.floors)}层`;
      const values: Record<string, string> = {
        room: r.pick(texts.rooms),
        wet: r.pick(texts.wetRooms),
        spot,
        where,
        building: buildingLabel(building, unit.entrance ?? '')
      };
      const channel = r.weighted(channels[kind]);
      let unitId: string | undefined = unit.id;
      let category = '';
      let content = '';
      let urgent = false;
      let steps: Step[];

      if (kind === 'repair') {
        const item = r.weighted(repairsByMonth[month]);
        category = item.category;
        urgent = r.chance(item.urgent ?? 0.02);
        if (item.place === 'common') {
          unitId = undefined;
          if (item.category === '电梯' && building.row.floors < 8) {
            const tall = r.pick(place.tall.length ? place.tall : place.buildings);
            values.building = buildingLabel(
              tall,
              tall.entrances > 1 ? String(r.int(1, tall.entrances)) : ''
            );
          }
        }
        content = fill(item.content, values);
        steps = repairSteps(r, crew, {
          recordedAt,
          urgent,
          inUnit: item.place === 'unit',
          record: item.record,
          failures: texts.returnVisitFailures
        });
      } else if (kind === 'complaint') {
        const item = r.weighted(complaintsByMonth[month]);
        category = item.category;
        content = fill(item.content, values);
        steps = complaintSteps(r, crew, {
          recordedAt,
          department: item.department,
          result: item.result
        });
      } else if (kind === 'paidService') {
        const item = r.weighted(paid);
        category = item.category;
        content = item.content;
        steps = paidServiceSteps(r, crew, recordedAt, item);
      } else if (kind === 'praise') {
        const item = r.weighted(praises);
        category = item.category;
        const role: Role =
          item.department === 'engineering'
            ? 'engineer'
            : item.department === 'customerService'
              ? 'frontDesk'
              : item.department;
        content = fill(item.content, { ...values, staff: r.pick(crew.byRole[role]).name });
        steps = answerSteps(r, crew, recordedAt, kind, item.answer);
      } else {
        const item = r.weighted(kind === 'inquiry' ? inquiries : suggestions);
        category = item.category;
        content = fill(item.content, values);
        steps = answerSteps(r, crew, recordedAt, kind, item.answer);
      }

      // Patrols find common-area faults themselves; suggestion-box notes are often unsigned.
      const anonymous = channel === 'patrol' || (channel === 'suggestionBox' && r.chance(0.5));
      const personId = anonymous ? undefined : caller(who, unit.id, day);
      if (kind === 'repair' && unitId === undefined && r.chance(0.3)) {
        drafts.push({
          ticket: ticketRow(
            r,
            recordedAt,
            kind,
            'patrol',
            place,
            undefined,
            undefined,
            category,
            content,
            urgent
          ),
          steps,
          r
        });
        continue;
      }
      if (anonymous || (kind !== 'repair' && kind !== 'paidService' && r.chance(0.15)))
        unitId = undefined;
      drafts.push({
        ticket: ticketRow(
          r,
          recordedAt,
          kind,
          channel,
          place,
          unitId,
          personId,
          category,
          content,
          urgent
        ),
        steps,
        r
      });
    }

    // Numbers follow the order requests came in, per kind and day: BX-20261123-A007.
    drafts.sort((a, b) => recordedAtOf(a.steps) - recordedAtOf(b.steps));
    const seq: Partial<Record<Kind, number>> = {};
    const date = isoDate(day);
    const tickets: DemoRow<'ticket'>[] = [];
    for (const { ticket, steps, r } of drafts) {
      const n = (seq[ticket.kind] = (seq[ticket.kind] ?? 0) + 1);
      ticket.number = ticketNumber(ticket.kind, date, 'A', n); // the desk's first tablet
      if (recordedAtOf(steps) > asOf) continue;
      tickets.push(ticket);
      for (const step of steps) {
        if (step.at > asOf) break;
        const d = dayOf(step.at);
        const list = pending.get(d) ?? [];
        list.push({
          id: demoTimeId(r, step.at),
          ticketId: ticket.id,
          type: step.type,
          at: step.at,
          staffId: step.staffId,
          data: step.data
        });
        pending.set(d, list);
      }
    }
    const events = (pending.get(day) ?? []).sort((a, b) => a.at - b.at);
    pending.delete(day);
    yield { day, ticket: tickets, ticketEvent: events };
  }
}

const recordedAtOf = (steps: Step[]) => steps[0].at;

function ticketRow(
  r: Random,
  recordedAt: number,
  kind: Kind,
  channel: Channel,
  place: Place,
  unitId: string | undefined,
  personId: string | undefined,
  category: string,
  content: string,
  urgent: boolean
): DemoRow<'ticket'> {
  return {
    id: demoTimeId(r, recordedAt),
    kind,
    channel,
    communityId: place.community.row.id,
    unitId,
    personId,
    category,
    content,
    urgent,
    number: ''
  };
}
