import { withoutClocks } from '$lib/oplog/format';
import type { HouseHealthEntry } from '$lib/domain/records/house-health';
import type { Occupancy } from '$lib/domain/records/occupancy';
import type { Ticket } from '$lib/domain/records/ticket';
import type { GuanjiaDexie } from '../database';
import { lifecycleSource } from './lifecycle-timeline';
import { visitTimelineSource } from './visits-timeline';

/**
 * One thing that happened to a household, for its timeline (issue 5 §2). `titleKey` and
 * `params` are an i18n message; `at` is ms, or a day (YYYY-MM-DD) for things with a date only.
 */
export interface TimelineEntry {
  /** Unique within the timeline: `<source>/<record id>`. */
  key: string;
  /** The source's name: the timeline filters and styles by it. */
  source: string;
  at: number | string;
  titleKey: string;
  params: Record<string, string | number>;
  detail?: string;
  /** A record the entry opens, as a path without base (`/tickets/<id>`). */
  path?: string;
}

/** What a source gets: the unit, and the people who ever held a role on it. */
export interface TimelineScope {
  unitId: string;
  occupancies: Occupancy[];
  names: Map<string, string>;
}

/**
 * A source of timeline entries. The extension point of the household page: requests,
 * visits, fees, renovation and letters each add their source to `timelineSources` when
 * their issue lands, and the page shows them without changing.
 */
export interface TimelineSource {
  name: string;
  entries(db: GuanjiaDexie, scope: TimelineScope): Promise<TimelineEntry[]>;
}

const occupancySource: TimelineSource = {
  name: 'occupancy',
  async entries(_db, { occupancies, names }) {
    return occupancies.flatMap((o) => {
      const params = { name: names.get(o.personId) ?? '', role: o.role };
      const list: TimelineEntry[] = [
        {
          key: `occupancy/${o.id}/from`,
          source: 'occupancy',
          at: o.from,
          titleKey: 'households.timeline.from',
          params
        }
      ];
      if (o.to)
        list.push({
          key: `occupancy/${o.id}/to`,
          source: 'occupancy',
          at: o.to,
          titleKey: 'households.timeline.to',
          params
        });
      return list;
    });
  }
};

const healthSource: TimelineSource = {
  name: 'health',
  async entries(db, { unitId }) {
    const rows = await db.houseHealthEntry.where('unitId').equals(unitId).toArray();
    return rows
      .filter((r) => !r.deleted)
      .map((r) => withoutClocks(r) as HouseHealthEntry)
      .map((e) => ({
        key: `health/${e.id}`,
        source: 'health',
        at: e.date,
        titleKey: 'households.timeline.health',
        params: { category: e.category, doneBy: e.doneBy },
        detail: e.description
      }));
  }
};

/** Service requests about the unit (the ticket table exists; its own issue adds the details). */
const ticketSource: TimelineSource = {
  name: 'ticket',
  async entries(db, { unitId }) {
    const rows = await db.ticket.where('unitId').equals(unitId).toArray();
    return rows
      .filter((r) => !r.deleted)
      .map((r) => withoutClocks(r) as Ticket)
      .map((t) => ({
        key: `ticket/${t.id}`,
        source: 'ticket',
        at: t.createdAt,
        titleKey: 'households.timeline.ticket',
        params: { kind: t.kind, number: t.number },
        detail: t.content,
        path: `/tickets/${t.id}`
      }));
  }
};

/** The household timeline's sources, in no particular order (the page sorts by time). */
export const timelineSources: TimelineSource[] = [
  occupancySource,
  healthSource,
  ticketSource,
  lifecycleSource,
  visitTimelineSource
];

/** Comparable time of an entry: days sort at their start, in UTC, which is close enough to order a history. */
export function entryTime(at: number | string): number {
  return typeof at === 'number' ? at : Date.parse(`${at}T00:00:00Z`);
}

/** Every source's entries, newest first. */
export async function householdTimeline(
  db: GuanjiaDexie,
  scope: TimelineScope,
  sources: TimelineSource[] = timelineSources
): Promise<TimelineEntry[]> {
  const lists = await Promise.all(sources.map((s) => s.entries(db, scope)));
  return lists.flat().sort((a, b) => entryTime(b.at) - entryTime(a.at));
}
