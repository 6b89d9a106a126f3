import { describe, expect, it } from 'vitest';
import { tableSchemas, type TableName } from '$lib/domain/tables';
import { mobilePhone } from '$lib/domain/record';
import { DAY, dayOf, hourOf } from './calendar';
import { generateDemoOffice, type DemoOffice } from './generate';
import { timelineProblems } from './workflow-check';

const asOf = Date.UTC(2026, 5, 15, 4, 0); // 2026-06-15 12:00 in Shanghai
const small = generateDemoOffice({ size: 'small', asOf });

const tables = [
  'community',
  'building',
  'unit',
  'person',
  'occupancy',
  'ticket',
  'ticketEvent'
] as const;

function eventsByTicket(office: DemoOffice) {
  const map = new Map<string, DemoOffice['ticketEvent']>();
  for (const e of office.ticketEvent) {
    const list = map.get(e.ticketId);
    if (list) list.push(e);
    else map.set(e.ticketId, [e]);
  }
  return map;
}

describe('the demo office generator', () => {
  it('gives byte-identical output for the same seed, and another office for another seed', () => {
    const again = generateDemoOffice({ size: 'small', asOf: new Date(asOf) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
    const other = generateDemoOffice({ size: 'small', seed: 7, asOf });
    expect(other.person.map((p) => p.name)).not.toEqual(small.person.map((p) => p.name));
    expect(other.ticket.map((t) => t.content)).not.toEqual(small.ticket.map((t) => t.content));
  });

  it('builds the small office: 1 community, 12 buildings, 600 units, about 1,800 residents', () => {
    expect(small.community).toHaveLength(1);
    expect(small.building).toHaveLength(12);
    expect(small.unit).toHaveLength(600);
    const residents = small.person.filter((p) => p.kind === 'person').length;
    expect(residents).toBeGreaterThanOrEqual(1620);
    expect(residents).toBeLessThanOrEqual(1980);
    for (const b of small.building) expect(b.floors >= 6 && b.floors <= 33).toBe(true);
    const statuses = new Set(small.unit.map((u) => u.status));
    expect(statuses).toEqual(new Set(['occupied', 'vacant', 'renovating']));
  });

  it('emits rows every table schema accepts, with unique ids', () => {
    const stamp = { createdAt: asOf, updatedAt: asOf, deleted: false };
    const ids = new Set<string>();
    let rows = 0;
    for (const table of tables) {
      for (const row of small[table]) {
        const parsed = tableSchemas[table as TableName].safeParse({ ...row, ...stamp });
        if (!parsed.success) throw new Error(`${table} ${row.id}: ${parsed.error.message}`);
        ids.add(row.id);
        rows++;
      }
    }
    const pin = { pinHash: 'x'.repeat(32), pinSalt: 'y'.repeat(24), pinIterations: 10_000 };
    for (const s of small.staff)
      expect(tableSchemas.staff.safeParse({ ...s, ...pin, ...stamp }).success).toBe(true);
    expect(ids.size).toBe(rows);
  });

  it('gives people valid mobile numbers that nobody else has', () => {
    const seen = new Set<string>();
    const all = [
      ...small.person.flatMap((p) => p.phones ?? []),
      ...small.staff.map((s) => s.phone!)
    ];
    for (const phone of all) {
      expect(mobilePhone.safeParse(phone).success).toBe(true);
      expect(seen.has(phone)).toBe(false);
      seen.add(phone);
    }
    // Adults have phones; children do not.
    expect(all.length).toBeGreaterThan(small.person.length * 0.6);
  });

  it('keeps the references whole: units, people, staff, requests', () => {
    const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
    const [communities, buildings, units, people, staff, tickets] = [
      small.community,
      small.building,
      small.unit,
      small.person,
      small.staff,
      small.ticket
    ].map(ids);
    for (const u of small.unit)
      expect(buildings.has(u.buildingId) && communities.has(u.communityId)).toBe(true);
    for (const o of small.occupancy)
      expect(units.has(o.unitId) && people.has(o.personId)).toBe(true);
    for (const t of small.ticket) {
      expect(communities.has(t.communityId)).toBe(true);
      if (t.unitId) expect(units.has(t.unitId)).toBe(true);
      if (t.personId) expect(people.has(t.personId)).toBe(true);
    }
    for (const e of small.ticketEvent)
      expect(tickets.has(e.ticketId) && staff.has(e.staffId)).toBe(true);
    expect(new Set(small.ticket.map((t) => t.number)).size).toBe(small.ticket.length);
    // Every occupied flat has a current owner or tenant.
    const current = new Set(small.occupancy.filter((o) => !o.to).map((o) => o.unitId));
    for (const u of small.unit.filter((u) => u.status === 'occupied'))
      expect(current.has(u.id)).toBe(true);
    // Someone moved out during the two years.
    expect(small.occupancy.some((o) => o.to && o.to < '2026-06-15' && o.role === 'tenant')).toBe(
      true
    );
    expect(small.person.some((p) => p.specialCare?.includes('elderlyAlone'))).toBe(true);
  });

  it('tells two years of requests ending at asOf, each following its workflow in time order', () => {
    const byTicket = eventsByTicket(small);
    const problems = small.ticket.flatMap((t) => timelineProblems(t, byTicket.get(t.id) ?? []));
    expect(problems).toEqual([]);
    const times = small.ticketEvent.map((e) => e.at);
    expect(Math.max(...times)).toBeLessThanOrEqual(asOf);
    expect(Math.min(...times)).toBeGreaterThan(asOf - 731 * DAY);
    expect(Math.min(...times)).toBeLessThan(asOf - 725 * DAY);
    // Old requests are closed (a few repairs lack their return visit); recent ones are still open.
    const last = (id: string) => byTicket.get(id)!.at(-1)!.type;
    const old = small.ticket.filter((t) => byTicket.get(t.id)![0].at < asOf - 30 * DAY);
    expect(old.filter((t) => last(t.id) !== 'closed').length).toBeLessThan(old.length * 0.01);
    const recent = small.ticket.filter((t) => byTicket.get(t.id)![0].at > asOf - 2 * DAY);
    expect(
      new Set(recent.filter((t) => last(t.id) !== 'closed').map((t) => last(t.id))).size
    ).toBeGreaterThan(1);
  });

  it('follows the repair targets of 004, with the few misses of a real office', () => {
    const byTicket = eventsByTicket(small);
    const repairs = small.ticket
      .filter((t) => t.kind === 'repair')
      .map((t) => ({ t, ev: byTicket.get(t.id)! }));
    const finished = repairs.filter((r) => r.ev.some((e) => e.type === 'closed'));
    // Every closed repair had a satisfied return visit right before it.
    for (const { ev } of finished) {
      const i = ev.findIndex((e) => e.type === 'closed');
      expect(ev[i - 1]).toMatchObject({ type: 'returnVisit', data: { satisfied: true } });
    }
    const urgent = repairs.filter((r) => r.t.urgent);
    expect(urgent.length / repairs.length).toBeGreaterThan(0.02);
    expect(urgent.length / repairs.length).toBeLessThan(0.1);
    for (const { ev } of urgent) {
      const arrived = ev.find((e) => e.type === 'arrived');
      const done = ev.find((e) => e.type === 'done');
      if (arrived && done) expect(dayOf(done.at)).toBe(dayOf(arrived.at));
    }
    // Arrival within 10 minutes of the order, or before the appointment, with ~1 % late.
    const arrivals = repairs.flatMap(({ ev }) =>
      ev.flatMap((e, i) => (e.type === 'arrived' ? [{ arrived: e.at, order: ev[i - 2] }] : []))
    );
    const late = arrivals.filter(
      ({ arrived, order }) => arrived > (order.data?.appointmentAt as number)
    ).length;
    expect(late).toBeGreaterThan(0);
    expect(late / arrivals.length).toBeLessThan(0.03);
    const unhappy = repairs.filter((r) => r.ev.some((e) => e.type === 'reopened')).length;
    expect(unhappy / repairs.length).toBeGreaterThan(0.005);
    expect(unhappy / repairs.length).toBeLessThan(0.04);
  });

  it('has the rhythms of a desk: office hours, summer air conditioners', () => {
    const recorded = small.ticketEvent.filter((e) => e.type === 'recorded');
    const officeHours = recorded.filter((e) => hourOf(e.at) >= 8 && hourOf(e.at) < 18).length;
    expect(officeHours / recorded.length).toBeGreaterThan(0.7);
    const at = new Map(recorded.map((e) => [e.ticketId, e.at]));
    const month = (t: { id: string }) => new Date(at.get(t.id)! + 8 * 3600_000).getUTCMonth() + 1;
    const ac = small.ticket.filter((t) => t.category === '空调');
    const summer = ac.filter((t) => month(t) >= 6 && month(t) <= 8).length;
    expect(summer / ac.length).toBeGreaterThan(0.5);
  });

  it('moves on when loaded later: the same ids keep the same content, open requests gain steps', () => {
    const later = generateDemoOffice({ size: 'small', asOf: asOf + 3 * DAY });
    expect(later.unit.map((u) => u.id)).toEqual(small.unit.map((u) => u.id));
    expect(later.person.map((p) => p.id)).toEqual(small.person.map((p) => p.id));
    const laterTickets = new Map(later.ticket.map((t) => [t.id, t]));
    const shared = small.ticket.filter((t) => laterTickets.has(t.id));
    expect(shared.length).toBeGreaterThan(small.ticket.length * 0.99);
    for (const t of shared)
      expect(laterTickets.get(t.id)).toMatchObject({
        number: t.number,
        content: t.content,
        kind: t.kind
      });
    const laterEvents = new Map(later.ticketEvent.map((e) => [e.id, e]));
    const kept = small.ticketEvent.filter((e) => laterEvents.has(e.id));
    expect(kept.length).toBeGreaterThan(small.ticketEvent.length * 0.98);
    for (const e of kept) expect(laterEvents.get(e.id)).toEqual(e);
  });
});

describe('the large demo office', () => {
  it('has 3 communities, 5,000 units, about 15,000 residents and 200,000 request events', () => {
    const large = generateDemoOffice({ size: 'large', asOf });
    expect(large.community).toHaveLength(3);
    expect(large.unit).toHaveLength(5_000);
    const residents = large.person.filter((p) => p.kind === 'person').length;
    expect(residents).toBeGreaterThanOrEqual(13_500);
    expect(residents).toBeLessThanOrEqual(16_500);
    expect(large.ticketEvent.length).toBeGreaterThanOrEqual(190_000);
    expect(large.ticketEvent.length).toBeLessThanOrEqual(210_000);
    expect(new Set(large.unit.map((u) => u.type))).toEqual(
      new Set(['residential', 'shop', 'office', 'parking'])
    );
    expect(large.person.some((p) => p.kind === 'company')).toBe(true);
    expect(new Set(large.ticket.map((t) => t.number)).size).toBe(large.ticket.length);
  }, 180_000);
});
