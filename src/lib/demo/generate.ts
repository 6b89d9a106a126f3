import { demoArchive } from './archive';
import { dayOf } from './calendar';
import { demoHistory, type DemoDay } from './history';
import { demoPeople, type UnitContact } from './households';
import { demoProperty, type DemoCommunity } from './property';
import { demoStaff } from './staff';
import {
  DEFAULT_DEMO_SEED,
  type DemoOptions,
  type DemoRow,
  type DemoSize,
  type DemoStaff
} from './types';

/** The registry: everything but the history. Small enough to hold in memory at once. */
export interface DemoRegistry {
  seed: number;
  size: DemoSize;
  asOf: number;
  staff: DemoStaff[];
  /** Staff id → plain demo PIN (the loader hashes it). */
  demoPins: Record<string, string>;
  community: DemoRow<'community'>[];
  building: DemoRow<'building'>[];
  unit: DemoRow<'unit'>[];
  person: DemoRow<'person'>[];
  occupancy: DemoRow<'occupancy'>[];
  /** The rest of the customer archive (issue 5): segment tags and the house health archive. */
  segmentTag: DemoRow<'segmentTag'>[];
  houseHealthEntry: DemoRow<'houseHealthEntry'>[];
  /** Kept for the history: who may call about a unit when. */
  communities: DemoCommunity[];
  contacts: Map<string, UnitContact[]>;
  byRole: ReturnType<typeof demoStaff>['byRole'];
}

export interface DemoOffice extends Omit<DemoRegistry, 'communities' | 'contacts' | 'byRole'> {
  ticket: DemoRow<'ticket'>[];
  ticketEvent: DemoRow<'ticketEvent'>[];
}

const asOfMs = (asOf: Date | number) => (typeof asOf === 'number' ? asOf : asOf.getTime());

/** Communities, buildings, units, people, their roles on the units, and the staff. */
export function demoRegistry(options: DemoOptions): DemoRegistry {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const asOf = asOfMs(options.asOf);
  if (!Number.isFinite(asOf)) throw new RangeError('demo: asOf is not a date');
  const communities = demoProperty(seed, options.size);
  const people = demoPeople(seed, options.size, communities, dayOf(asOf));
  const team = demoStaff(seed, options.size);
  const buildings = communities.flatMap((c) => c.buildings);
  const archive = demoArchive(
    seed,
    options.size,
    communities,
    people.person,
    team.byRole,
    dayOf(asOf)
  );
  return {
    seed,
    size: options.size,
    asOf,
    staff: team.staff,
    demoPins: team.pins,
    community: communities.map((c) => c.row),
    building: buildings.map((b) => b.row),
    unit: buildings.flatMap((b) => b.units),
    person: people.person,
    occupancy: people.occupancy,
    ...archive,
    communities,
    contacts: people.contacts,
    byRole: team.byRole
  };
}

/** The two years of requests of a registry, day by day (see demoHistory). */
export function demoDays(registry: DemoRegistry): Generator<DemoDay> {
  const { seed, size, asOf, communities, contacts, byRole } = registry;
  return demoHistory({ seed, size, asOf, communities, contacts, crew: { byRole } });
}

/**
 * The demo office (foundation issue item 7) as plain arrays per table. Pure and
 * deterministic: the same size, seed and asOf give byte-identical output; no clock, no
 * Math.random(), no database. Tests and benchmarks use this; the app uses loadDemoOffice.
 */
export function generateDemoOffice(options: DemoOptions): DemoOffice {
  const registry = demoRegistry(options);
  const ticket: DemoRow<'ticket'>[] = [];
  const ticketEvent: DemoRow<'ticketEvent'>[] = [];
  for (const day of demoDays(registry)) {
    for (const t of day.ticket) ticket.push(t);
    for (const e of day.ticketEvent) ticketEvent.push(e);
  }
  const { communities: _c, contacts: _p, byRole: _r, ...rows } = registry;
  return { ...rows, ticket, ticketEvent };
}
