import { describe, expect, it } from 'vitest';
import type { FeeItem } from '../records/fee-item';
import type { FeeRate } from '../records/fee-rate';
import { billId, planBills, periodsOf, rateOn, type BillUnit } from './generate';

const base = { createdAt: 0, updatedAt: 0, deleted: false };
const item = (over: Partial<FeeItem> = {}): FeeItem => ({
  ...base,
  id: 'mgmt',
  name: '物业管理费',
  kind: 'management',
  basis: 'area',
  period: 'monthly',
  dueDay: 10,
  startDate: '2026-01-01',
  unitTypes: ['residential'],
  active: true,
  ...over
});
const rate = (from: string, fen: number, over: Partial<FeeRate> = {}): FeeRate => ({
  ...base,
  id: `r-${from}-${over.unitType ?? ''}`,
  itemId: 'mgmt',
  from,
  fen,
  staffId: 's',
  ...over
});
const home: BillUnit = {
  id: 'u1',
  buildingId: 'b1',
  communityId: 'c1',
  type: 'residential',
  areaM2: 100
};
const shop: BillUnit = {
  id: 'u2',
  buildingId: 'b1',
  communityId: 'c1',
  type: 'shop',
  areaM2: 50.25
};
const run = (
  items: FeeItem[],
  rates: FeeRate[],
  units = [home],
  from = '2026-01',
  to = '2026-12'
) => planBills({ items, rates, units, from, to, staffId: 's' });

describe('bill run', () => {
  it('bills area × rate per month, due on the due day', () => {
    const bills = run([item()], [rate('2025-01-01', 250)]);
    expect(bills).toHaveLength(12);
    expect(bills.every((b) => b.amountFen === 25_000)).toBe(true);
    expect(bills[0]).toMatchObject({
      period: '2026-01',
      dueDate: '2026-01-10',
      periodEnd: '2026-01-31'
    });
    expect(bills[1].id).toBe(billId('mgmt', 'u1', '2026-02'));
  });

  it('rounds area × rate half up to the fen, in integers', () => {
    const odd: BillUnit = { ...home, areaM2: 89.53 };
    // 8953 centi-m² × 185 fen / 100 = 16563.05 → 16563
    expect(run([item()], [rate('2025-01-01', 185)], [odd])[0].amountFen).toBe(16_563);
    // 8953 × 250 / 100 = 22382.5 → 22383
    expect(run([item()], [rate('2025-01-01', 250)], [odd])[0].amountFen).toBe(22_383);
  });

  it('a rate change on the 1st applies from that month; mid-month by days', () => {
    const bills = run([item()], [rate('2025-01-01', 200), rate('2026-07-01', 300)]);
    expect(bills.map((b) => b.amountFen)).toEqual([
      ...Array(6).fill(20_000),
      ...Array(6).fill(30_000)
    ]);
    // 16 April: 15 days at 2.00 and 15 days at 3.00 of a 30-day month → 25,000
    const mid = run(
      [item()],
      [rate('2025-01-01', 200), rate('2026-04-16', 300)],
      [home],
      '2026-04',
      '2026-04'
    );
    expect(mid[0].amountFen).toBe(25_000);
  });

  it('a start in mid-month bills that month by its days, due not before the start', () => {
    const bills = run(
      [item({ startDate: '2026-03-15' })],
      [rate('2025-01-01', 310)],
      [home],
      '2026-01',
      '2026-04'
    );
    expect(bills.map((b) => b.period)).toEqual(['2026-03', '2026-04']);
    // 17 of 31 days × 31,000 = 17,000
    expect(bills[0]).toMatchObject({
      amountFen: 17_000,
      periodStart: '2026-03-15',
      dueDate: '2026-03-15'
    });
    expect(bills[1].amountFen).toBe(31_000);
  });

  it('an end date stops the bills and cuts the last month', () => {
    const bills = run(
      [item({ endDate: '2026-02-14' })],
      [rate('2025-01-01', 280)],
      [home],
      '2026-01',
      '2026-06'
    );
    expect(bills.map((b) => [b.period, b.amountFen])).toEqual([
      ['2026-01', 28_000],
      ['2026-02', 14_000]
    ]);
  });

  it('a quarterly bill is the sum of its months, across a rate change', () => {
    const bills = run(
      [item({ period: 'quarterly' })],
      [rate('2025-01-01', 200), rate('2026-02-01', 260)]
    );
    expect(bills.map((b) => b.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(bills[0].amountFen).toBe(20_000 + 26_000 + 26_000);
    expect(periodsOf('quarterly', '2026-02', '2026-05').map((p) => p.key)).toEqual([
      '2026-Q1',
      '2026-Q2'
    ]);
    expect(periodsOf('yearly', '2026-03', '2027-01').map((p) => p.key)).toEqual(['2026', '2027']);
  });

  it('rates by room type: a type’s own rate before the general one', () => {
    const rates = [rate('2025-01-01', 200), rate('2025-01-01', 500, { unitType: 'shop' })];
    const bills = run(
      [item({ unitTypes: ['residential', 'shop'] })],
      rates,
      [home, shop],
      '2026-01',
      '2026-01'
    );
    expect(bills.map((b) => [b.unitId, b.amountFen])).toEqual([
      ['u1', 20_000],
      ['u2', 25_125]
    ]);
    expect(rateOn(rates, 'shop', '2026-01-01')).toBe(500);
    expect(rateOn(rates, 'office', '2026-01-01')).toBe(200);
    expect(rateOn(rates, 'office', '2024-12-31')).toBeUndefined();
  });

  it('fixed items per unit type; inactive items and days before any rate bill nothing', () => {
    const parking: BillUnit = { ...home, id: 'p1', type: 'parking' };
    const fixed = item({ id: 'park', basis: 'fixed', unitTypes: ['parking'] });
    const bills = run([fixed], [rate('2026-06-01', 30_000, { itemId: 'park' })], [home, parking]);
    expect(bills.map((b) => b.period)).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12'
    ]);
    expect(bills.every((b) => b.unitId === 'p1' && b.amountFen === 30_000)).toBe(true);
    expect(run([item({ active: false })], [rate('2025-01-01', 200)])).toEqual([]);
  });

  it('is idempotent: the same input gives the same bills and ids', () => {
    const input = [
      [item(), item({ id: 'energy', kind: 'energy', period: 'quarterly' })],
      [rate('2025-01-01', 200), rate('2025-01-01', 40, { itemId: 'energy' })]
    ] as const;
    const a = run([...input[0]], [...input[1]], [home, shop]);
    const b = run([...input[0]], [...input[1]], [home, shop]);
    expect(b).toEqual(a);
    expect(new Set(a.map((x) => x.id)).size).toBe(a.length);
  });

  it('a one-time item is billed once, whole, in its start month', () => {
    const deposit = item({
      id: 'dep',
      kind: 'deposit',
      period: 'once',
      basis: 'fixed',
      startDate: '2026-05-20'
    });
    const bills = run([deposit], [rate('2026-01-01', 200_000, { itemId: 'dep' })]);
    expect(bills).toEqual([
      expect.objectContaining({ period: '2026-05-20', amountFen: 200_000, dueDate: '2026-05-20' })
    ]);
    expect(
      run([deposit], [rate('2026-01-01', 200_000, { itemId: 'dep' })], [home], '2026-06', '2026-12')
    ).toEqual([]);
  });
});
