import { describe, expect, it } from 'vitest';
import { encodeHlc } from '$lib/oplog/hlc';
import { SCHEMA_VERSION, type OpChunk } from '$lib/oplog/format';
import { unitArrears, unitLedger } from '$lib/domain/fees/ledger';
import { unitsOf } from '$lib/domain/fees/balance';
import { applyRemoteChunks, chunksSince } from '../apply-remote';
import type { GuanjiaDexie } from '../database';
import { arrearsList } from '../queries/fees';
import { syncState } from '../sync-state';
import { testDatabase } from '../test-db';
import { ensureFeeBalances, rebuildFeeBalances } from './fee-balance';
import { adjustBill, importOpening, recordPayment, reversePayment, runBills } from './fees';
import { desk, feeOffice, finance } from './fees-fixture';

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie) {
  const theirs = (await syncState(to)).vv;
  return applyRemoteChunks(await chunksSince(theirs, { db: from }), { db: to });
}

async function office(db: GuanjiaDexie) {
  await feeOffice(db, { now: 1 });
}

/** Ledgers and balances as the commit road kept them, and as a rebuild from every record. */
async function keptAndRebuilt(db: GuanjiaDexie) {
  const read = async () => {
    const ledgers = (await db.feeLedger.toArray()).sort((a, b) => a.unitId.localeCompare(b.unitId));
    // Units and due dates are kept in the order they came: compare each unit's figures.
    const balances = (await db.feeBalance.toArray())
      .flatMap((row) => [...unitsOf(row).values()])
      .sort((a, b) => a.unitId.localeCompare(b.unitId));
    // The short form keeps records in the order they came; the content must be the same.
    return {
      ledgers: ledgers.map((l) => ({
        ...l,
        inputs: Object.values(JSON.parse(l.inputs) as Record<string, unknown[]>).map((v) =>
          v.map((e) => JSON.stringify(e)).sort()
        )
      })),
      balances
    };
  };
  const kept = await read();
  await rebuildFeeBalances(db);
  return { kept, rebuilt: await read() };
}

/** The arrears of each unit worked out from every stored bill, adjustment and payment. */
async function fromRecords(db: GuanjiaDexie, today: string) {
  const [bills, adjustments, payments] = await Promise.all([
    db.bill.toArray(),
    db.billAdjustment.toArray(),
    db.payment.toArray()
  ]);
  const out = new Map<string, number>();
  for (const u of ['u1', 'u2', 'u3']) {
    const of = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => r.unitId === u && !r.deleted) as never;
    const a = unitArrears(unitLedger(u, of(bills), of(adjustments), of(payments)), today);
    if (a) out.set(u, a.overdueFen);
  }
  return out;
}

describe('the per-unit fee balance kept by the commit road', () => {
  it('stays right under runs, payments, reversals, adjustments, received chunks and re-created rows', async () => {
    const a = testDatabase();
    const b = testDatabase();
    await office(a);
    await runBills(finance, { communityId: 'c1' }, '2026-01', '2026-03', { db: a, now: 10 });
    await exchange(a, b);
    // B takes payments offline; A adjusts and reverses meanwhile.
    const p1 = await recordPayment(
      desk,
      'u1',
      { amountFen: 30_000, method: 'cash', receiptNo: 'R1' },
      { db: b, now: 20 }
    );
    await recordPayment(
      desk,
      'u2',
      { amountFen: 100_000, method: 'wechat', receiptNo: 'R2' },
      { db: b, now: 21 }
    );
    const [first] = await a.bill.where('unitId').equals('u3').sortBy('dueDate');
    await adjustBill(
      finance,
      first.id,
      { amountFen: -5_000, reason: '空置减免' },
      { db: a, now: 22 }
    );
    await importOpening(
      finance,
      [{ row: 2, unitId: 'u3', amountFen: 12_345, dueDate: '2025-03-01', note: '旧系统欠费' }],
      { db: a, now: 23 }
    );
    await exchange(b, a);
    await exchange(a, b);
    await reversePayment(finance, p1, { reason: '收错户' }, { db: a, now: 30 });
    await exchange(a, b);

    // A device of a newer tablet deletes a bill and makes it again with the same id.
    const [again] = await a.bill.where('unitId').equals('u1').sortBy('dueDate');
    const device = 'devZ';
    const chunk = (first: number, wall: number, fields: Record<string, unknown>): OpChunk => ({
      device,
      first,
      last: first,
      hlc: encodeHlc({ wall, counter: 0, device }),
      actor: 'M1',
      sv: SCHEMA_VERSION,
      ops: [{ k: 'row', t: 'bill', r: again.id, f: fields }]
    });
    await applyRemoteChunks([chunk(1, 40, { deleted: true, updatedAt: 40 })], { db: b });
    expect((await fromRecords(b, '2026-06-01')).get('u1')).toBe(
      (await fromRecords(a, '2026-06-01')).get('u1')! - Number(again.amountFen)
    );
    await applyRemoteChunks([chunk(2, 50, { deleted: false, updatedAt: 50 })], { db: b });
    await applyRemoteChunks([chunk(1, 40, { deleted: true, updatedAt: 40 })], { db: a });
    await applyRemoteChunks([chunk(2, 50, { deleted: false, updatedAt: 50 })], { db: a });

    for (const db of [a, b]) {
      const { kept, rebuilt } = await keptAndRebuilt(db);
      expect(kept).toEqual(rebuilt);
      const list = await arrearsList('2026-06-01', {}, db);
      const expected = await fromRecords(db, '2026-06-01');
      expect(new Map(list.rows.map((r) => [r.unitId, r.overdueFen]))).toEqual(expected);
    }
    const units = async (db: GuanjiaDexie) =>
      (await db.feeBalance.toArray()).flatMap((r) => [...unitsOf(r).values()]);
    const [ka, kb] = [await units(a), await units(b)];
    expect(ka.map((r) => [r.unitId, r.openFen, r.creditFen]).sort()).toEqual(
      kb.map((r) => [r.unitId, r.openFen, r.creditFen]).sort()
    );
    // u3: three bills less 5,000, plus the opening balance; u2 paid ahead of its bills.
    const u3 = ka.find((r) => r.unitId === 'u3');
    expect(u3?.openFen).toBe(3 * 22_000 - 5_000 + 12_345);
    expect(ka.find((r) => r.unitId === 'u2')?.creditFen).toBe(100_000 - 3 * 20_000);
  });

  it('is built once for a database whose bills were stored before it was kept', async () => {
    const db = testDatabase();
    await office(db);
    await runBills(finance, { unitId: 'u1' }, '2026-01', '2026-02', { db, now: 10 });
    const before = [await db.feeLedger.toArray(), await db.feeBalance.toArray()];
    // As a database of the previous version: no derived rows, no flag.
    await db.feeLedger.clear();
    await db.feeBalance.clear();
    await db.local.delete('feeBalance.built');
    expect(await ensureFeeBalances(db)).toBe(true);
    expect([await db.feeLedger.toArray(), await db.feeBalance.toArray()]).toEqual(before);
    expect(await ensureFeeBalances(db)).toBe(false);
  });
});
