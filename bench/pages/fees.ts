// Bench page for the `fees` group (issue 18): a year of monthly bills for the large demo office
// (5,000 units → 60,000 bills) through the app's bill run (plan + the one write path), against
// a raw Dexie bulkPut of the same bills shaped as stored; and the arrears list with aging.
import { openDatabase, type GuanjiaDexie } from '$lib/db/database';
import { newDeviceId } from '$lib/db/ids';
import { encodeHlc } from '$lib/domain/hlc';
import type { StoredRow } from '$lib/domain/ops';
import type { TableName } from '$lib/domain/tables';
import { demoRegistry } from '$lib/demo/generate';
import { planRun, recordPayment, runBills } from '$lib/db/actions/fees';
import { arrearsList } from '$lib/db/queries/fees';
import { ensureFeeBalances } from '$lib/db/actions/fee-balance';
import { write, type Actor } from '$lib/db/write';
import { settle } from './lib/bulk-put';

const asOf = Date.UTC(2026, 10, 20, 4);
const actor: Actor = { staffId: 'bench', role: 'finance' };
const YEAR = ['2026-01', '2026-12'] as const;

async function fresh(name: string): Promise<GuanjiaDexie> {
  await openDatabase(name).delete();
  const db = openDatabase(name);
  await db.open();
  return db;
}

/** The large office's registry, stored raw, plus the management and parking fees with rates. */
async function seed(db: GuanjiaDexie): Promise<number> {
  const registry = demoRegistry({ size: 'large', asOf });
  const hlc = encodeHlc({ wall: asOf, counter: 0, device: newDeviceId() });
  const stored = (rows: Record<string, unknown>[]) =>
    rows.map(
      (r) =>
        ({
          entrance: '',
          ...r,
          createdAt: asOf,
          updatedAt: asOf,
          deleted: false,
          _c: hlc
        }) as unknown as StoredRow
    );
  const tables: [TableName, Record<string, unknown>[]][] = [
    ['community', registry.community],
    ['building', registry.building],
    ['unit', registry.unit],
    ['person', registry.person],
    ['occupancy', registry.occupancy]
  ];
  for (const [table, rows] of tables) await db[table].bulkPut(stored(rows));
  const manager: Actor = { staffId: 'bench', role: 'manager' };
  await write(
    manager,
    [
      {
        op: 'create',
        table: 'feeItem',
        value: {
          id: 'mgmt',
          name: '物业管理费',
          kind: 'management',
          basis: 'area',
          period: 'monthly',
          dueDay: 10,
          startDate: '2025-01-01',
          unitTypes: ['residential', 'shop', 'office']
        }
      },
      {
        op: 'create',
        table: 'feeItem',
        value: {
          id: 'park',
          name: '车位管理费',
          kind: 'parking',
          basis: 'fixed',
          period: 'monthly',
          dueDay: 10,
          startDate: '2025-01-01',
          unitTypes: ['parking']
        }
      },
      {
        op: 'create',
        table: 'feeRate',
        value: { itemId: 'mgmt', from: '2025-01-01', fen: 250, staffId: 'bench' }
      },
      {
        op: 'create',
        table: 'feeRate',
        value: { itemId: 'mgmt', from: '2026-07-01', fen: 280, staffId: 'bench' }
      },
      {
        op: 'create',
        table: 'feeRate',
        value: { itemId: 'mgmt', from: '2025-01-01', unitType: 'shop', fen: 650, staffId: 'bench' }
      },
      {
        op: 'create',
        table: 'feeRate',
        value: { itemId: 'park', from: '2025-01-01', fen: 15_000, staffId: 'bench' }
      }
    ],
    { db, now: asOf }
  );
  return registry.unit.length;
}

let runDb: GuanjiaDexie | undefined;

const bench = {
  /** Ms of the app's bill run for the year over every unit, and how many bills it made. */
  async billRun(): Promise<{ ms: number; bills: number; units: number }> {
    const db = await fresh('guanjia-bench-fees-run');
    await ensureFeeBalances(db); // as the staff layout does on opening
    const units = await seed(db);
    await settle();
    const start = performance.now();
    const { created } = await runBills(actor, {}, YEAR[0], YEAR[1], { db, now: asOf });
    const ms = performance.now() - start;
    if ((await db.bill.count()) !== created) throw new Error('bill run stored the wrong count');
    runDb?.close();
    runDb = db;
    return { ms, bills: created, units };
  },

  /** Ms of a raw Dexie bulkPut of the same bills, shaped as the write path stores them. */
  async rawBulkPut(): Promise<{ ms: number; bills: number }> {
    const db = await fresh('guanjia-bench-fees-raw');
    await seed(db);
    const { planned } = await planRun(actor, {}, YEAR[0], YEAR[1], db);
    const hlc = encodeHlc({ wall: asOf, counter: 0, device: newDeviceId() });
    const rows = planned.map(
      (b) =>
        ({
          ...b,
          createdAt: asOf,
          updatedAt: asOf,
          deleted: false,
          _c: hlc
        }) as unknown as StoredRow
    );
    await settle();
    const start = performance.now();
    await db.bill.bulkPut(rows);
    const ms = performance.now() - start;
    if ((await db.bill.count()) !== rows.length) throw new Error('bulkPut stored the wrong count');
    db.close();
    return { ms, bills: rows.length };
  },

  /** Payments for two units in three (some in full, some partial), so the list has every age. */
  async pay(): Promise<number> {
    const db = runDb;
    if (!db) throw new Error('billRun first');
    const units = await db.unit.toCollection().primaryKeys();
    let n = 0;
    for (let i = 0; i < units.length; i += 3) {
      await recordPayment(
        actor,
        units[i],
        { amountFen: 150_000 + (i % 7) * 10_000, method: 'wechat', receiptNo: `B${i}` },
        { db, now: asOf }
      );
      n++;
    }
    return n;
  },

  /** Where the arrears list's time goes: each of its reads alone (ms), for the log. */
  async arrearsParts(): Promise<Record<string, number>> {
    const db = runDb;
    if (!db) throw new Error('billRun first');
    const out: Record<string, number> = {};
    const time = async (name: string, f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      out[name] = Math.round(performance.now() - t);
    };
    await time('feeBalance', () => db.feeBalance.toArray());
    await time('building', () => db.building.toArray());
    await time('feeContact', () => db.feeContact.toArray());
    const page = (await db.unit.toCollection().primaryKeys()).slice(0, 50);
    await time('unitPage', () => db.unit.bulkGet(page));
    await time('occupancyPage', () =>
      Promise.all(page.map((id) => db.occupancy.where('unitId').equals(id).toArray()))
    );
    await time('list', () => arrearsList('2026-11-20', {}, db, { page: 50 }));
    await time('listCare', () => arrearsList('2026-11-20', {}, db, { page: 50, careOnly: true }));
    return out;
  },

  /** Ms of the arrears list with aging for the whole office; rows and buildings found. */
  async arrears(): Promise<{ ms: number; rows: number; buildings: number }> {
    const db = runDb;
    if (!db) throw new Error('billRun first');
    const start = performance.now();
    // As the fees page asks for it: every unit's aging, the first page of 50 with payers.
    const list = await arrearsList('2026-11-20', {}, db, { page: 50 });
    const ms = performance.now() - start;
    return { ms, rows: list.count, buildings: list.buildings.length };
  }
};

declare global {
  interface Window {
    feesBench: typeof bench;
  }
}
window.feesBench = bench;
