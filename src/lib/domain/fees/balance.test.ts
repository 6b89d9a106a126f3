import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agingOn,
  balanceArrears,
  balanceLedgerInput,
  buildingArrears,
  placeBalances,
  unitsOf,
  updateBalances,
  type FeeBalance,
  type FeeLedgerRow,
  type UnitBalance
} from './balance';
import { feeCollection } from './collection';
import { ledgers, unitArrears, unitLedger } from './ledger';

type Rec = Record<string, unknown> & { id: string; unitId: string };

const units = ['u1', 'u2', 'u3'];
const place = (unitId: string) => ({ unitId, buildingId: `b-${unitId}`, communityId: 'c1' });

/** A record's states over time: each change sets the record as it is stored after it. */
const billArb = fc.record({
  n: fc.integer({ min: 0, max: 7 }),
  unit: fc.constantFrom(...units),
  month: fc.integer({ min: 1, max: 12 }),
  amountFen: fc.integer({ min: 0, max: 500_000 }),
  deleted: fc.boolean()
});
const adjArb = fc.record({
  n: fc.integer({ min: 0, max: 6 }),
  amountFen: fc.integer({ min: -600_000, max: 300_000 }).filter((v) => v !== 0),
  deleted: fc.boolean()
});
const payArb = fc.record({
  n: fc.integer({ min: 0, max: 5 }),
  unit: fc.constantFrom(...units),
  amountFen: fc.integer({ min: 1, max: 800_000 }),
  at: fc.integer({ min: 0, max: 100 }),
  reversed: fc.boolean(),
  deleted: fc.boolean()
});
const change = fc.oneof(
  billArb.map((b) => ({ table: 'bills' as const, b })),
  adjArb.map((a) => ({ table: 'adjustments' as const, a })),
  payArb.map((p) => ({ table: 'payments' as const, p }))
);

/** Bills keep their unit (records never move): bill n belongs to unit n mod 3. */
const billUnit = (n: number) => units[n % units.length];

function toRecord(c: ChangeValue): {
  table: 'bills' | 'adjustments' | 'payments';
  row: Rec;
} {
  if (c.table === 'bills') {
    const { n, month, amountFen, deleted } = c.b;
    const m = String(month).padStart(2, '0');
    return {
      table: 'bills',
      row: {
        id: `bill${n}`,
        ...place(billUnit(n)),
        itemId: n % 2 ? 'mgmt' : undefined,
        dueDate: `2026-${m}-10`,
        periodStart: `2026-${m}-01`,
        amountFen,
        deleted
      }
    };
  }
  if (c.table === 'adjustments') {
    const { n, amountFen, deleted } = c.a;
    // An adjustment keeps its bill (and so its unit): adjustment n is of bill n + 1.
    const bill = n + 1;
    return {
      table: 'adjustments',
      row: { id: `adj${n}`, billId: `bill${bill}`, unitId: billUnit(bill), amountFen, deleted }
    };
  }
  const { n, unit, amountFen, at, reversed, deleted } = c.p;
  // A payment keeps its unit too: payment n belongs to one unit whatever the change says.
  void unit;
  return {
    table: 'payments',
    row: {
      id: `pay${n}`,
      ...place(units[n % units.length]),
      amountFen,
      at,
      reversal: reversed ? { at, staffId: 'F1', reason: '收错' } : undefined,
      deleted
    }
  };
}
type ChangeValue =
  | { table: 'bills'; b: { n: number; month: number; amountFen: number; deleted: boolean } }
  | {
      table: 'adjustments';
      a: { n: number; amountFen: number; deleted: boolean };
    }
  | {
      table: 'payments';
      p: {
        n: number;
        unit: string;
        amountFen: number;
        at: number;
        reversed: boolean;
        deleted: boolean;
      };
    };

describe('derived per-unit fee balance', () => {
  it('property: kept change by change, it equals the ledger of the final records', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(change, { minLength: 1, maxLength: 8 }), { maxLength: 12 }),
        fc.constantFrom('2026-03-01', '2026-06-11', '2026-12-31', '2027-08-01'),
        (commits, today) => {
          const stored = new Map<string, FeeLedgerRow>();
          const buildings = new Map<string, FeeBalance>();
          const final = {
            bills: new Map<string, Rec>(),
            adjustments: new Map<string, Rec>(),
            payments: new Map<string, Rec>()
          };
          // Each commit: a batch of changed records (a local write or a received chunk).
          for (const commit of commits) {
            const changes = { bills: [] as Rec[], adjustments: [] as Rec[], payments: [] as Rec[] };
            for (const c of commit) {
              const { table, row } = toRecord(c as ChangeValue);
              final[table].set(row.id, row);
              // One commit carries each row once, as it is after the commit.
              changes[table] = changes[table].filter((r) => r.id !== row.id);
              changes[table].push(row);
            }
            const touched = new Set(
              [...changes.bills, ...changes.adjustments, ...changes.payments].map((r) => r.unitId)
            );
            const next = updateBalances(
              new Map([...touched].map((u) => [u, stored.get(u)])),
              changes
            );
            for (const [u, row] of next) stored.set(u, structuredClone(row.ledger));
            const placed = placeBalances(
              buildings,
              [...next.values()].map((n) => n.balance)
            );
            for (const [b, row] of placed) buildings.set(b, structuredClone(row));
          }
          const bills = [...final.bills.values()].filter((b) => !b.deleted);
          const adjustments = [...final.adjustments.values()].filter((a) => !a.deleted);
          const payments = [...final.payments.values()].filter((p) => !p.deleted);
          const aging = agingOn(today);
          for (const u of units) {
            const expected = unitLedger(
              u,
              bills.filter((b) => b.unitId === u) as never,
              adjustments.filter((a) => a.unitId === u) as never,
              payments.filter((p) => p.unitId === u) as never
            );
            const building = buildings.get(`b-${u}`);
            const row = building ? unitsOf(building).get(u) : undefined;
            expect(row?.openFen ?? 0).toBe(expected.openFen);
            expect(row?.creditFen ?? 0).toBe(expected.creditFen);
            expect(row?.paidFen ?? 0).toBe(expected.paidFen);
            expect(row?.chargedFen ?? 0).toBe(expected.chargedFen);
            const want = unitArrears(expected, today);
            const got = row ? balanceArrears(row, today, aging) : undefined;
            const fromRow = building
              ? buildingArrears(building, today).find((x) => x.unitId === u)
              : undefined;
            expect(fromRow).toEqual(got);
            if (!want) expect(got).toBeUndefined();
            else
              expect(got).toMatchObject({
                buckets: want.buckets,
                overdueFen: want.overdueFen,
                openFen: want.openFen,
                creditFen: want.creditFen,
                oldestDue: want.oldestDue,
                buildingId: want.buildingId
              });
          }
          // The collection rate from the balances equals the one from every record.
          const range = { from: '2026-01-01', to: '2026-12-31', paidUpTo: 50 };
          const input = { bills, adjustments, payments } as never;
          expect(feeCollection(balanceLedgerInput([...stored.values()]), range, 'month')).toEqual(
            feeCollection(input, range, 'month')
          );
          expect(ledgers(balanceLedgerInput([...stored.values()])).length).toBeLessThanOrEqual(
            units.length
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it('a reversal, an adjustment and a re-created bill move the balance', () => {
    const bill = (id: string, month: string, amountFen: number, deleted = false) => ({
      id,
      ...place('u1'),
      itemId: 'mgmt',
      dueDate: `2026-${month}-10`,
      periodStart: `2026-${month}-01`,
      amountFen,
      deleted
    });
    let ledger: FeeLedgerRow | undefined;
    let balance: UnitBalance | undefined;
    const get = () => balance;
    const apply = (changes: Parameters<typeof updateBalances>[1]) => {
      const next = updateBalances(new Map([['u1', ledger]]), changes).get('u1');
      ledger = next?.ledger;
      balance = next?.balance;
    };
    apply({ bills: [bill('a', '01', 10_000), bill('b', '02', 10_000)] });
    expect(get()).toMatchObject({ openFen: 20_000, openDue: ['2026-01-10', '2026-02-10'] });
    const pay = { id: 'p', ...place('u1'), amountFen: 15_000, at: 5 };
    apply({ payments: [pay] });
    expect(get()).toMatchObject({ openFen: 5_000, openDue: ['2026-02-10'], openAmount: [5_000] });
    apply({ payments: [{ ...pay, reversal: { reason: '收错' } }] });
    expect(get()).toMatchObject({ openFen: 20_000, paidFen: 0 });
    apply({
      adjustments: [{ id: 'x', billId: 'a', unitId: 'u1', amountFen: -12_000 }]
    });
    // A reduction larger than the bill: the bill is settled, the rest is credit.
    expect(get()).toMatchObject({ openFen: 8_000, chargedFen: 10_000, openDue: ['2026-02-10'] });
    apply({ bills: [bill('b', '02', 10_000, true)] });
    expect(get()).toMatchObject({ openFen: 0, creditFen: 2_000 });
    apply({ bills: [bill('b', '02', 10_000)] }); // re-created, same id
    expect(get()).toMatchObject({ openFen: 8_000, creditFen: 0 });
    expect(balanceArrears(get()!, '2026-03-01')).toMatchObject({
      overdueFen: 8_000,
      buckets: { m1to3: 8_000, m3to6: 0, m6to12: 0, over12: 0 }
    });
  });
});
