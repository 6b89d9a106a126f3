import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { specialCareKinds } from '$lib/domain/records/person';
import { monthRange, zonedMonth } from '$lib/domain/calendar/zoned';
import { duringMonth } from '$lib/domain/visits/deadlines';
import type { PlanContext } from '$lib/domain/visits/history';
import { applyRemoteChunks, chunksSince } from '../apply-remote';
import type { GuanjiaDexie } from '../database';
import { getSettings } from '../queries/office';
import { syncState } from '../sync-state';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { ensureVisitHistory, planContext, rebuildVisitHistory } from './visit-history';
import { drawVisitPlan } from './visits';

const manager: Actor = { staffId: 'mgr', role: 'manager' };
const supervisor: Actor = { staffId: 'sup', role: 'supervisor' };
const UNITS = 8;
const PEOPLE = 3;
const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
const sh = (month: string, day: number) =>
  Date.parse(`${month}-${String(day).padStart(2, '0')}T10:00:00+08:00`);

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie) {
  const theirs = (await syncState(to)).vv;
  return applyRemoteChunks(await chunksSince(theirs, { db: from }), { db: to });
}

/**
 * The draw's context as it was read before the history rows existed: every unit of the
 * community, every special-care person and their stays, every visit record and plan.
 */
async function fromEveryRecord(
  db: GuanjiaDexie,
  communityId: string,
  month: string,
  timeZone: string
): Promise<PlanContext> {
  const [unitRows, recordRows, planRows, people, stays] = await Promise.all([
    db.unit.where('communityId').equals(communityId).toArray(),
    db.visitRecord.orderBy('visitedAt').toArray(),
    db.visitPlan.where('month').below(month).toArray(),
    db.person.toArray(),
    db.occupancy.toArray()
  ]);
  const occupied = unitRows
    .filter((u) => !u.deleted && u.status === 'occupied')
    .map((u) => u.id)
    .sort();
  const occupiedSet = new Set(occupied);
  const care = new Set(
    people
      .filter((p) => !p.deleted && Array.isArray(p.specialCare) && p.specialCare.length)
      .map((p) => p.id)
  );
  const careUnits = new Set(
    stays
      .filter(
        (o) =>
          !o.deleted &&
          care.has(String(o.personId)) &&
          occupiedSet.has(String(o.unitId)) &&
          duringMonth({ from: String(o.from), to: o.to as string | undefined }, month)
      )
      .map((o) => String(o.unitId))
  );
  const [start] = monthRange(month, timeZone);
  const surveys = planRows
    .filter((p) => !p.deleted && p.communityId === communityId)
    .map((p) => ({ month: String(p.month), units: (p.surveyExcluded as string[]) ?? [] }))
    .sort((a, b) => (a.month < b.month ? -1 : 1));
  const history: string[] = [];
  const lastVisited = new Map<string, string>();
  let s = 0;
  for (const r of recordRows) {
    const at = Number(r.visitedAt);
    // A visit belongs to the community it was made in (the record's own communityId).
    if (r.deleted || r.returnVisit || r.communityId !== communityId) continue;
    if (at >= start || !occupiedSet.has(String(r.unitId))) continue;
    const m = zonedMonth(at, timeZone);
    while (s < surveys.length && surveys[s].month <= m) history.push(...surveys[s++].units);
    history.push(String(r.unitId));
    lastVisited.set(String(r.unitId), m);
  }
  while (s < surveys.length) history.push(...surveys[s++].units);
  return {
    occupied,
    specialCare: [...careUnits].sort().map((unitId) => ({
      unitId,
      lastVisited: lastVisited.get(unitId)
    })),
    history
  };
}

type Step =
  | { k: 'visit'; unit: number; month: number; day: number; ret: boolean }
  | { k: 'moveVisit'; n: number; month: number; day: number }
  | { k: 'returnVisit'; n: number }
  | { k: 'status'; unit: number; occupied: boolean }
  | { k: 'move'; unit: number; community: number }
  | { k: 'care'; person: number; on: boolean }
  | { k: 'stay'; person: number; unit: number; from: number; to?: number }
  | { k: 'endStay'; n: number; at: number }
  | { k: 'plan'; month: number; community: number; survey: number[] }
  | { k: 'sync' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('visit' as const),
      unit: fc.nat(UNITS - 1),
      month: fc.nat(MONTHS.length - 1),
      day: fc.integer({ min: 1, max: 28 }),
      ret: fc.boolean()
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('moveVisit' as const),
      n: fc.nat(40),
      month: fc.nat(MONTHS.length - 1),
      day: fc.integer({ min: 1, max: 28 })
    })
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('returnVisit' as const), n: fc.nat(40) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('status' as const),
      unit: fc.nat(UNITS - 1),
      occupied: fc.boolean()
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('move' as const),
      unit: fc.nat(UNITS - 1),
      community: fc.nat(1)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('care' as const),
      person: fc.nat(PEOPLE - 1),
      on: fc.boolean()
    })
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        k: fc.constant('stay' as const),
        person: fc.nat(PEOPLE - 1),
        unit: fc.nat(UNITS - 1),
        from: fc.nat(MONTHS.length - 1),
        to: fc.nat(MONTHS.length - 1)
      },
      { requiredKeys: ['k', 'person', 'unit', 'from'] }
    )
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('endStay' as const),
      n: fc.nat(10),
      at: fc.nat(MONTHS.length - 1)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('plan' as const),
      month: fc.nat(MONTHS.length - 1),
      community: fc.nat(1),
      survey: fc.array(fc.nat(UNITS - 1), { maxLength: 3 })
    })
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('sync' as const) }) }
);

const community = (i: number) => `c${i + 1}`;

async function office(db: GuanjiaDexie) {
  await write(
    manager,
    [
      ...[0, 1].map((i) => ({
        op: 'create' as const,
        table: 'building' as const,
        value: { id: `b${i}`, communityId: community(i), code: String(i + 1), floors: 6 }
      })),
      ...Array.from({ length: UNITS }, (_, i) => ({
        op: 'create' as const,
        table: 'unit' as const,
        value: {
          id: `u${i}`,
          communityId: community(i % 2),
          buildingId: `b${i % 2}`,
          room: String(101 + i),
          floor: 1,
          areaM2: 90,
          status: 'occupied' as const
        }
      })),
      ...Array.from({ length: PEOPLE }, (_, i) => ({
        op: 'create' as const,
        table: 'person' as const,
        value: {
          id: `p${i}`,
          name: `住户${i}`,
          specialCare: i === 0 ? [specialCareKinds[0]] : []
        }
      }))
    ],
    { db, now: 1 }
  );
}

async function play(a: GuanjiaDexie, b: GuanjiaDexie, steps: Step[]) {
  const records: string[] = [];
  const stays: string[] = [];
  const unitCommunity = Array.from({ length: UNITS }, (_, i) => community(i % 2));
  for (const s of steps) {
    if (s.k === 'visit') {
      const [id] = await write(
        manager,
        [
          {
            op: 'create',
            table: 'visitRecord',
            value: {
              unitId: `u${s.unit}`,
              communityId: unitCommunity[s.unit],
              visitorId: 'sup',
              method: 'phone',
              // Some visits share a time: the order is then by record id, as the index has it.
              visitedAt: sh(MONTHS[s.month], s.day % 3 ? s.day : 1),
              returnVisit: s.ret,
              handedInAt: sh(MONTHS[s.month], s.day)
            }
          }
        ],
        { db: a }
      );
      records.push(id);
    } else if (s.k === 'moveVisit' && records.length) {
      // Records are never deleted (no role may); a corrected visit time moves it in the order.
      const id = records[s.n % records.length];
      await write(
        manager,
        [
          {
            op: 'update',
            table: 'visitRecord',
            id,
            patch: { visitedAt: sh(MONTHS[s.month], s.day % 3 ? s.day : 1) }
          }
        ],
        { db: a }
      );
    } else if (s.k === 'returnVisit' && records.length) {
      const id = records[s.n % records.length];
      const row = await a.visitRecord.get(id);
      await write(
        manager,
        [{ op: 'update', table: 'visitRecord', id, patch: { returnVisit: !row?.returnVisit } }],
        { db: a }
      );
    } else if (s.k === 'status') {
      await write(
        manager,
        [
          {
            op: 'update',
            table: 'unit',
            id: `u${s.unit}`,
            patch: { status: s.occupied ? 'occupied' : 'vacant' }
          }
        ],
        { db: a }
      );
    } else if (s.k === 'move') {
      unitCommunity[s.unit] = community(s.community);
      await write(
        manager,
        [
          {
            op: 'update',
            table: 'unit',
            id: `u${s.unit}`,
            patch: { communityId: community(s.community), buildingId: `b${s.community}` }
          }
        ],
        { db: a }
      );
    } else if (s.k === 'care') {
      await write(
        manager,
        [
          {
            op: 'update',
            table: 'person',
            id: `p${s.person}`,
            patch: { specialCare: s.on ? [specialCareKinds[s.person % 3]] : [] }
          }
        ],
        { db: a }
      );
    } else if (s.k === 'stay') {
      const from = Math.min(s.from, s.to ?? s.from);
      const to = s.to === undefined ? undefined : Math.max(s.from, s.to);
      const [id] = await write(
        manager,
        [
          {
            op: 'create',
            table: 'occupancy',
            value: {
              unitId: `u${s.unit}`,
              personId: `p${s.person}`,
              role: 'owner',
              from: `${MONTHS[from]}-10`,
              ...(to === undefined ? {} : { to: `${MONTHS[to]}-20` })
            }
          }
        ],
        { db: a }
      );
      stays.push(id);
    } else if (s.k === 'endStay' && stays.length) {
      const id = stays[s.n % stays.length];
      const row = await a.occupancy.get(id);
      const to = `${MONTHS[s.at]}-25`;
      if (row && to >= String(row.from))
        await write(manager, [{ op: 'update', table: 'occupancy', id, patch: { to } }], {
          db: a
        });
    } else if (s.k === 'plan') {
      await drawVisitPlan(
        supervisor,
        {
          communityId: community(s.community),
          month: MONTHS[s.month],
          surveyExcluded: [...new Set(s.survey.map((u) => `u${u}`))]
        },
        { db: a, now: sh(MONTHS[s.month], 1) }
      );
    } else if (s.k === 'sync') await exchange(a, b);
  }
}

const months = [...MONTHS, '2026-04'];

describe('visit history rows (derived by the commit road)', () => {
  it('give the draw what every record gives it, on the writing and the receiving tablet, and equal a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
        const a = testDatabase();
        const b = testDatabase();
        try {
          // Both tablets keep the rows from their first commit on (built while empty).
          await ensureVisitHistory(a);
          await ensureVisitHistory(b);
          await office(a);
          await play(a, b, steps);
          await exchange(a, b);
          const { timeZone } = await getSettings(a);
          const kept = {
            history: await a.visitHistory.toArray(),
            households: await a.visitHouseholds.toArray()
          };
          for (const c of [community(0), community(1)])
            for (const m of months) {
              const want = await fromEveryRecord(a, c, m, timeZone);
              expect(await planContext(a, c, m, timeZone)).toEqual(want);
              expect(await planContext(b, c, m, timeZone)).toEqual(want);
            }
          // A rebuild from every record finds the same (order of stays aside).
          const byId = <T extends { id: string }>(xs: T[]) =>
            [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
          const norm = (rows: typeof kept) => ({
            history: rows.history.filter(
              (h) => h.recordIds.length || Object.keys(h.surveys).length
            ),
            households: rows.households
              .map((h) => ({ ...h, occupied: h.occupied.split('\n').sort(), care: byId(h.care) }))
              .filter((h) => h.occupied.join('') || h.care.length)
          });
          await rebuildVisitHistory(a);
          expect(
            norm({
              history: await a.visitHistory.toArray(),
              households: await a.visitHouseholds.toArray()
            })
          ).toEqual(norm(kept));
        } finally {
          a.close();
          b.close();
        }
      }),
      { numRuns: 20 }
    );
    // fake-indexeddb on a loaded machine: 20 runs of up to 40 writes on two tablets.
  }, 180_000);
});
