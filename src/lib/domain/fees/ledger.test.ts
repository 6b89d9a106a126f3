import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agingBucket, arrearsByBuilding, unitArrears, unitLedger, type LedgerBill } from './ledger';
import { feeCollection, feeCollectionRate, ratioOf } from './collection';
import { lateFeeFen } from './late-fee';
import { amountInWords, fenToYuanText, parseYuan, sumFen } from './money';

const bill = (
  id: string,
  dueDate: string,
  amountFen: number,
  over: Partial<LedgerBill> = {}
): LedgerBill => ({
  id,
  unitId: 'u1',
  buildingId: 'b1',
  communityId: 'c1',
  itemId: 'mgmt',
  dueDate,
  periodStart: dueDate,
  amountFen,
  ...over
});
const pay = (amountFen: number, at = 1, reversal?: unknown) => ({
  unitId: 'u1',
  amountFen,
  at,
  reversal
});

describe('ledger', () => {
  it('settles the oldest bills first; a partial payment leaves the rest open', () => {
    const l = unitLedger(
      'u1',
      [bill('b', '2026-02-10', 10_000), bill('a', '2026-01-10', 10_000)],
      [],
      [pay(15_000)]
    );
    expect(l.lines.map((x) => [x.bill.id, x.paidFen, x.openFen])).toEqual([
      ['a', 10_000, 0],
      ['b', 5_000, 5_000]
    ]);
    expect(l).toMatchObject({ chargedFen: 20_000, paidFen: 15_000, openFen: 5_000, creditFen: 0 });
  });

  it('holds a prepayment as credit, and a reversed payment counts for nothing', () => {
    const l = unitLedger(
      'u1',
      [bill('a', '2026-01-10', 10_000)],
      [],
      [pay(30_000), pay(5_000, 2, { reason: 'x' })]
    );
    expect(l).toMatchObject({ openFen: 0, creditFen: 20_000, paidFen: 10_000 });
  });

  it('adjustments change what a bill asks; one below zero becomes credit', () => {
    const l = unitLedger(
      'u1',
      [bill('a', '2026-01-10', 10_000), bill('b', '2026-02-10', 10_000)],
      [
        { billId: 'a', amountFen: -2_500 },
        { billId: 'b', amountFen: -12_000 }
      ],
      []
    );
    expect(l.lines.map((x) => x.chargedFen)).toEqual([7_500, 0]);
    expect(l).toMatchObject({ openFen: 5_500, creditFen: 0 });
  });
});

describe('aging buckets at their edges', () => {
  it.each([
    ['2026-01-10', undefined],
    ['2026-01-11', 'm1to3'],
    ['2026-04-10', 'm1to3'],
    ['2026-04-11', 'm3to6'],
    ['2026-07-10', 'm3to6'],
    ['2026-07-11', 'm6to12'],
    ['2027-01-10', 'm6to12'],
    ['2027-01-11', 'over12']
  ])('due 2026-01-10, on %s: %s', (today, bucket) => {
    expect(agingBucket('2026-01-10', today)).toBe(bucket);
  });

  it('month ends clamp: due 31 Jan is 1–3 months late until 30 April', () => {
    expect(agingBucket('2026-01-31', '2026-04-30')).toBe('m1to3');
    expect(agingBucket('2026-01-31', '2026-05-01')).toBe('m3to6');
  });

  it('a unit’s arrears by age and per building; what is not yet due is not overdue', () => {
    const l = unitLedger(
      'u1',
      [
        bill('old', '2025-01-10', 1_000),
        bill('mid', '2026-01-10', 2_000),
        bill('new', '2026-05-10', 3_000),
        bill('future', '2026-07-10', 4_000)
      ],
      [],
      [pay(500)]
    );
    const a = unitArrears(l, '2026-06-01');
    expect(a?.buckets).toEqual({ m1to3: 3_000, m3to6: 2_000, m6to12: 0, over12: 500 });
    expect(a).toMatchObject({ overdueFen: 5_500, openFen: 9_500, oldestDue: '2025-01-10' });
    expect(
      unitArrears(unitLedger('u1', [bill('f', '2026-07-10', 1)], [], []), '2026-06-01')
    ).toBeUndefined();
    const other = unitArrears(
      unitLedger('u2', [bill('x', '2026-01-10', 700, { unitId: 'u2' })], [], []),
      '2026-06-01'
    );
    expect(arrearsByBuilding([a!, other!])).toEqual([
      {
        buildingId: 'b1',
        units: 2,
        buckets: { m1to3: 3_000, m3to6: 2_700, m6to12: 0, over12: 500 },
        overdueFen: 6_200
      }
    ]);
  });
});

describe('collection rate', () => {
  const bills = [
    bill('a', '2026-01-10', 10_000),
    bill('b', '2026-02-10', 10_000),
    bill('c', '2026-01-10', 20_000, { unitId: 'u2', buildingId: 'b2', itemId: 'park' })
  ];
  const input = {
    bills,
    adjustments: [{ billId: 'c', unitId: 'u2', amountFen: -4_000 }],
    payments: [pay(15_000, 100), { unitId: 'u2', amountFen: 16_000, at: 300 }]
  };

  it('is collected ÷ receivable of the bills due in the range', () => {
    // receivable 10,000 + 10,000 + 16,000 = 36,000; collected 15,000 + 16,000 = 31,000
    expect(feeCollectionRate(input, { from: '2026-01-01', to: '2026-12-31' })).toEqual({
      key: 'all',
      receivableFen: 36_000,
      collectedFen: 31_000,
      ratio: 31_000 / 36_000
    });
    expect(feeCollection(input, { from: '2026-01-01', to: '2026-12-31' }, 'month')).toEqual([
      { key: '2026-01', receivableFen: 26_000, collectedFen: 26_000, ratio: 1 },
      { key: '2026-02', receivableFen: 10_000, collectedFen: 5_000, ratio: 0.5 }
    ]);
    expect(
      feeCollection(input, { from: '2026-01-01', to: '2026-01-31' }, 'item').map((r) => r.key)
    ).toEqual(['mgmt', 'park']);
    expect(
      feeCollection(input, { from: '2026-01-01', to: '2026-12-31' }, 'building').map(
        (r) => r.collectedFen
      )
    ).toEqual([15_000, 16_000]);
  });

  it('counts only payments taken by the cut-off, and nothing receivable gives no ratio', () => {
    expect(
      feeCollectionRate(input, { from: '2026-01-01', to: '2026-12-31', paidUpTo: 200 }).collectedFen
    ).toBe(15_000);
    expect(feeCollectionRate(input, { from: '2027-01-01', to: '2027-12-31' })).toMatchObject({
      receivableFen: 0,
      ratio: null
    });
    expect(ratioOf(98, 100)).toBe(0.98);
  });
});

describe('money in fen', () => {
  it('reads yuan text exactly', () => {
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('¥1,234.5')).toBe(123_450);
    expect(parseYuan('-80')).toBe(-8_000);
    expect(parseYuan('12.345')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(fenToYuanText(123_456)).toBe('1234.56');
    expect(fenToYuanText(-5)).toBe('-0.05');
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
  });

  it('property: random payments against random bills sum exactly, in any order', () => {
    const cents = fc.integer({ min: 1, max: 10_000_000 });
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 30 }),
        fc.array(fc.record({ fen: cents, reversed: fc.boolean() }), { maxLength: 30 }),
        fc.integer(),
        (amounts, payments, seed) => {
          const bills = amounts.map((a, i) =>
            bill(`b${i}`, `2026-${String((i % 12) + 1).padStart(2, '0')}-10`, a)
          );
          const ps = payments.map((p, i) => ({
            ...pay(p.fen, i, p.reversed ? { reason: 'r' } : undefined)
          }));
          const shuffled = [...ps].sort(
            (x, y) => ((x.at * 7919 + seed) % 13) - ((y.at * 7919 + seed) % 13)
          );
          const a = unitLedger('u1', bills, [], ps);
          const b = unitLedger('u1', [...bills].reverse(), [], shuffled);
          const paid = ps.filter((p) => !p.reversal).reduce((s, p) => s + p.amountFen, 0);
          const billed = amounts.reduce((s, x) => s + x, 0);
          for (const l of [a, b]) {
            for (const line of l.lines) {
              expect(Number.isInteger(line.paidFen) && Number.isInteger(line.openFen)).toBe(true);
              expect(line.paidFen + line.openFen).toBe(line.chargedFen);
            }
            // Every fen paid is either settled against a bill or held as credit; none lost or made.
            expect(l.paidFen + l.creditFen).toBe(paid);
            expect(l.paidFen + l.openFen).toBe(billed);
          }
          expect(b.lines.map((x) => [x.bill.id, x.paidFen])).toEqual(
            a.lines.map((x) => [x.bill.id, x.paidFen])
          );
          const rate = feeCollectionRate(
            { bills, adjustments: [], payments: ps },
            { from: '2026-01-01', to: '2026-12-31' }
          );
          expect(rate.collectedFen).toBe(Math.min(paid, billed));
        }
      )
    );
  });
});

describe('late fee', () => {
  it('万分之五 a day after the grace days, rounded down, capped', () => {
    const rule = { perDayPerTenThousand: 5, graceDays: 10, capPercent: 10 };
    expect(lateFeeFen(100_000, '2026-01-10', '2026-01-20', rule)).toBe(0);
    expect(lateFeeFen(100_000, '2026-01-10', '2026-01-21', rule)).toBe(50);
    expect(lateFeeFen(33_333, '2026-01-10', '2026-01-23', rule)).toBe(49); // 33333 × 5 × 3 / 10000 = 49.99
    expect(lateFeeFen(100_000, '2025-01-10', '2026-06-01', rule)).toBe(10_000);
  });
});

describe('amount in words (大写金额)', () => {
  it.each([
    [0, '零元整'],
    [128_050, '壹仟贰佰捌拾元伍角整'],
    [100_000_000, '壹佰万元整'],
    [1_000_500, '壹万零伍元整'],
    [10_010_000, '壹拾万零壹佰元整'],
    [1_005, '壹拾元零伍分'],
    [37, '叁角柒分'],
    [2_000_001_000, '贰仟万零壹拾元整']
  ])('%i fen → %s', (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });
});
