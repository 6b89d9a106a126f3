import { describe, expect, it } from 'vitest';
import { foldEvents, type TimelineEvent } from '../tickets/fold';
import type { StatsTicket } from '../tickets/statistics';
import { defaultSettings } from '../records/settings';
import { monthIndicators, meets, ratio, type IndicatorInput, type IndicatorKey } from './formulas';
import { population, monthDays } from './population';
import { change, countIn, likeForLike } from './compare';

const settings = defaultSettings();
const at = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const ev = (type: string, iso: string, data: Record<string, unknown> = {}): TimelineEvent => ({
  id: `e${String(++n).padStart(5, '0')}`,
  type,
  at: at(iso),
  staffId: 's',
  data
});
const ticket = (id: string, kind: StatsTicket['kind'], events: TimelineEvent[]): StatsTicket => ({
  id,
  kind,
  category: '水电',
  urgent: false,
  summary: foldEvents({ kind, inUnit: false, outsideServiceList: false }, events)
});
/** A repair recorded at `iso`, reached in 5 minutes, done, optionally visited. */
const repair = (id: string, iso: string, { visited = true, doneIso = iso } = {}) => {
  const t0 = at(iso);
  const plus = (m: number) => new Date(t0 + m * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  return ticket(id, 'repair', [
    ev('recorded', iso),
    ev('dispatched', plus(1), { department: 'engineering' }),
    ev('accepted', plus(2)),
    ev('arrived', plus(6)),
    ev('done', doneIso === iso ? plus(30) : doneIso, { record: 'x' }),
    ...(visited
      ? [
          ev('returnVisit', doneIso === iso ? plus(60) : doneIso, {
            method: 'phone',
            satisfied: true
          })
        ]
      : [])
  ]);
};
const emptyPopulation = population('2026-01', [], []);

function input(patch: Partial<IndicatorInput>): IndicatorInput {
  return {
    month: '2026-01',
    settings,
    tickets: [],
    population: emptyPopulation,
    register: [],
    ...patch
  };
}
const byKey = (list: ReturnType<typeof monthIndicators>) =>
  Object.fromEntries(list.map((i) => [i.key, i])) as Record<IndicatorKey, (typeof list)[number]>;

describe('formulas of 004 at their edges', () => {
  it('has the fourteen measures of the ten indicators, each with its source', () => {
    const all = monthIndicators(input({}));
    expect(all).toHaveLength(14);
    expect(all.every((i) => i.source.startsWith('004'))).toBe(true);
  });

  it('zero denominators give no value and no verdict, never 0 % or a division by zero', () => {
    const all = monthIndicators(input({}));
    for (const i of all) {
      expect(i.value, i.key).toBeNull();
      expect(i.met, i.key).toBeNull();
      expect(i.noData, i.key).toBeDefined();
    }
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
  });

  it('fee and rent collection say "no data (fees)" until the fees area gives numbers', () => {
    const none = byKey(monthIndicators(input({})));
    expect(none.feeCollection.noData).toBe('fees');
    const some = byKey(monthIndicators(input({ fees: { collected: 98, receivable: 100 } })));
    expect(some.feeCollection).toMatchObject({ value: 98, met: true });
    expect(some.feeCollection.noData).toBeUndefined();
    const zero = byKey(monthIndicators(input({ fees: { collected: 0, receivable: 0 } })));
    expect(zero.feeCollection).toMatchObject({ value: null, noData: 'noRecords' });
  });

  it('targets: at least, at most, strictly below (0.5 ‰ exactly misses "< 0.5 ‰")', () => {
    expect(meets(98, 98, 'atLeast')).toBe(true);
    expect(meets(97.99, 98, 'atLeast')).toBe(false);
    expect(meets(2, 2, 'atMost')).toBe(true);
    expect(meets(0.5, 0.5, 'below')).toBe(false);
    expect(meets(0.49, 0.5, 'below')).toBe(true);
    expect(meets(null, 1, 'atLeast')).toBeNull();
  });

  it('voided register rows are left out and counted as excluded', () => {
    const register: IndicatorInput['register'] = [
      {
        kind: 'cleaningInspection',
        date: '2026-01-05',
        areaM2: 1000,
        goodAreaM2: 990,
        voided: false,
        deleted: false
      },
      {
        kind: 'cleaningInspection',
        date: '2026-01-20',
        areaM2: 1000,
        goodAreaM2: 0,
        voided: true,
        deleted: false
      },
      { kind: 'fire', date: '2026-01-09', voided: true, deleted: false },
      { kind: 'securityIncident', date: '2025-03-01', voided: false, deleted: false },
      { kind: 'securityIncident', date: '2025-01-31', voided: false, deleted: false }
    ];
    const pop = { ...emptyPopulation, occupiedHouseholds: 4000, residents: 12000 };
    const k = byKey(monthIndicators(input({ register, population: pop })));
    expect(k.cleaning).toMatchObject({
      numerator: 990,
      denominator: 1000,
      value: 99,
      met: true,
      excluded: 1
    });
    expect(k.fires).toMatchObject({ numerator: 0, excluded: 1, value: 0, met: true });
    // Twelve months to 2026-01-31 start on 2025-02-01: the case of 2025-01-31 is outside.
    expect(k.securityIncidents).toMatchObject({
      numerator: 1,
      denominator: 4000,
      value: 0.25,
      met: true
    });
  });

  it('a violation of 31 January handled on 2 February counts as handled from February', () => {
    const register: IndicatorInput['register'] = [
      {
        kind: 'violation',
        date: '2026-01-31',
        handledOn: '2026-02-02',
        voided: false,
        deleted: false
      }
    ];
    const pop = { ...emptyPopulation, residents: 50 };
    const jan = byKey(monthIndicators(input({ register, population: pop })));
    expect(jan.violationHandling).toMatchObject({
      numerator: 0,
      denominator: 1,
      value: 0,
      met: false
    });
    expect(jan.violations).toMatchObject({ numerator: 1, denominator: 50, value: 2, met: false });
    const feb = byKey(monthIndicators(input({ month: '2026-02', register, population: pop })));
    expect(feb.violationHandling).toMatchObject({ numerator: 1, value: 100, met: true });
  });

  it('a repair recorded on 31 January and done on 1 February belongs to January', () => {
    const late = repair('r1', '2026-01-31T23:50', { doneIso: '2026-02-01T00:40' });
    const jan = byKey(monthIndicators(input({ tickets: [late] })));
    expect(jan.repairTimeliness).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(jan.repairReturnVisit).toMatchObject({ numerator: 1, denominator: 1 });
    const feb = byKey(monthIndicators(input({ month: '2026-02', tickets: [late] })));
    expect(feb.repairTimeliness.denominator).toBe(0);
  });

  it('cancelled requests and malicious complaints are excluded, and counted as such', () => {
    const cancelled = ticket('c1', 'repair', [
      ev('recorded', '2026-01-03T10:00'),
      ev('cancelled', '2026-01-03T10:05')
    ]);
    const notVisited = repair('r2', '2026-01-04T09:00', { visited: false });
    const malicious = ticket('m1', 'complaint', [
      ev('recorded', '2026-01-05T10:00'),
      ev('verified', '2026-01-05T10:30'),
      ev('markedMalicious', '2026-01-05T11:00')
    ]);
    const effective = ticket('k1', 'complaint', [ev('recorded', '2025-06-05T10:00')]);
    const pop = { ...emptyPopulation, residents: 1000 };
    const k = byKey(
      monthIndicators(
        input({ tickets: [cancelled, notVisited, malicious, effective], population: pop })
      )
    );
    expect(k.repairTimeliness).toMatchObject({ numerator: 1, denominator: 1, excluded: 1 });
    expect(k.repairReturnVisit).toMatchObject({
      numerator: 0,
      denominator: 1,
      value: 0,
      met: false
    });
    expect(k.complaints).toMatchObject({
      numerator: 1,
      denominator: 1000,
      value: 1,
      met: true,
      excluded: 1
    });
    expect(k.complaintHandling).toMatchObject({ denominator: 0, value: null, excluded: 1 });
  });
});

describe('who lives here in a month (roles spanning month ends)', () => {
  const units = [
    { id: 'h1', type: 'residential' as const, areaM2: 90, deleted: false },
    { id: 's1', type: 'shop' as const, areaM2: 100, deleted: false },
    { id: 's2', type: 'shop' as const, areaM2: 300, deleted: false }
  ];
  const occupancy = [
    { unitId: 'h1', personId: 'p1', role: 'owner' as const, from: '2020-01-01', deleted: false },
    { unitId: 'h1', personId: 'p2', role: 'family' as const, from: '2026-01-31', deleted: false },
    // A tenancy that ends on 1 February: let in January (on its last day), not in February.
    {
      unitId: 's1',
      personId: 'c1',
      role: 'companyContact' as const,
      from: '2025-06-01',
      to: '2026-02-01',
      deleted: false
    },
    { unitId: 's2', personId: 'p3', role: 'tenant' as const, from: '2026-02-28', deleted: false }
  ];
  it('counts a role that starts on the last day or ends on the first', () => {
    const jan = population('2026-01', units, occupancy);
    expect(jan).toMatchObject({
      residents: 2,
      occupiedHouseholds: 2,
      commercialAreaM2: 400,
      letAreaM2: 100
    });
    const feb = population('2026-02', units, occupancy);
    expect(feb).toMatchObject({ residents: 3, occupiedHouseholds: 3, letAreaM2: 300 });
    const k = byKey(monthIndicators(input({ month: '2026-02', population: feb })));
    expect(k.commercialOccupancy).toMatchObject({
      numerator: 300,
      denominator: 400,
      value: 75,
      met: false
    });
  });
  it('knows the length of every month', () => {
    expect(monthDays('2028-02')).toEqual(['2028-02-01', '2028-02-29']);
    expect(monthDays('2026-12')).toEqual(['2026-12-01', '2026-12-31']);
  });
});

describe('like-for-like comparison', () => {
  it('a month still running is compared by its first days with the same days before', () => {
    const c = likeForLike('2026-12', '2026-12-06');
    expect(c.partial).toBe(true);
    expect(c.current).toEqual({ first: '2026-12-01', last: '2026-12-06', days: 6 });
    expect(c.previous).toEqual({ first: '2026-11-01', last: '2026-11-06', days: 6 });
    expect(c.lastYear).toEqual({ first: '2025-12-01', last: '2025-12-06', days: 6 });
  });
  it('a month that is over is compared whole, with the whole month before (January with December)', () => {
    const c = likeForLike('2026-01', '2026-03-10');
    expect(c.partial).toBe(false);
    expect(c.previous).toEqual({ first: '2025-12-01', last: '2025-12-31', days: 31 });
    expect(c.lastYear.first).toBe('2025-01-01');
  });
  it('30 days of March against a February of 28', () => {
    const c = likeForLike('2026-03', '2026-03-30');
    expect(c.previous).toEqual({ first: '2026-02-01', last: '2026-02-28', days: 28 });
  });
  it('counts and changes', () => {
    const dates = ['2026-11-01', '2026-11-06', '2026-11-07', '2026-12-02'];
    const c = likeForLike('2026-12', '2026-12-06');
    expect(countIn(dates, c.previous)).toBe(2);
    expect(countIn(dates, c.current)).toBe(1);
    expect(change(2, 1)).toEqual({ delta: -1, pct: -50 });
    expect(change(0, 3)).toEqual({ delta: 3, pct: null });
  });
});
