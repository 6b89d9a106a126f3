import { describe, expect, it } from 'vitest';
import type { GuanjiaDexie } from '../database';
import { testDatabase } from '../test-db';
import { indexRowsById } from '../ticket-index-store';
import { write, type Actor } from '../write';
import { WriteError } from '../write-error';
import { procedureDetail } from '../queries/lifecycle';
import { inspectMoveIn, openProcedure, recordProcedureStep, registerCustomer } from './lifecycle';

const desk: Actor = { staffId: 'desk1', role: 'frontDesk' };
const engineer: Actor = { staffId: 'eng1', role: 'engineer' };
const security: Actor = { staffId: 'sec1', role: 'security' };
const manager: Actor = { staffId: 'mgr1', role: 'manager' };
const SIG = 'b'.repeat(64);
const T0 = Date.parse('2026-12-01T09:00:00+08:00');

async function unit(db: GuanjiaDexie, areaM2 = 120, status: 'vacant' | 'occupied' = 'occupied') {
  await write(
    manager,
    [
      {
        op: 'create',
        table: 'unit',
        value: {
          id: 'u1',
          communityId: 'c1',
          buildingId: 'b1',
          room: '1201',
          floor: 12,
          areaM2,
          status
        }
      }
    ],
    { db }
  );
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WriteError) return e.issues[0].message;
    throw e;
  }
  return 'not refused';
}

describe('renovation through the actions', () => {
  it('turns the unit 装修中 at the permit and back at completion; refused steps write nothing', async () => {
    const db = testDatabase();
    await unit(db);
    let now = T0;
    const o = () => ({ db, now: (now += 60_000) });
    const id = await openProcedure(
      desk,
      { kind: 'renovation', unitId: 'u1', applicant: '张三', contractor: '美家装饰' },
      { docs: ['contract', 'contractorLicence', 'materialList'], materials: '石膏板、乳胶漆' },
      o()
    );
    const events = await db.lifecycleEvent.count();
    expect(
      await refusal(
        recordProcedureStep(
          engineer,
          id,
          'permitSigned',
          { department: 'engineering', signature: SIG },
          o()
        )
      )
    ).toBe('lifecycle.refused.permitNeedsDrawingApproval');
    expect(
      await refusal(recordProcedureStep(desk, id, 'drawingsReviewed', { approved: true }, o()))
    ).toBe('lifecycle.refused.wrongSigner');
    expect(await db.lifecycleEvent.count()).toBe(events);

    await recordProcedureStep(engineer, id, 'drawingsReviewed', { approved: true }, o());
    await recordProcedureStep(
      desk,
      id,
      'feesRecorded',
      {
        feeFen: 50_000,
        depositFen: 500_000,
        insuranceFen: 0,
        insurancePolicy: 'P1',
        receiptNo: 'R1'
      },
      o()
    );
    await recordProcedureStep(
      engineer,
      id,
      'permitSigned',
      { department: 'engineering', signature: SIG },
      o()
    );
    await recordProcedureStep(
      security,
      id,
      'permitSigned',
      { department: 'security', signature: SIG },
      o()
    );
    expect((await db.unit.get('u1'))?.status).toBe('occupied');
    await recordProcedureStep(
      desk,
      id,
      'permitSigned',
      { department: 'customerService', signature: SIG },
      o()
    );
    expect((await db.unit.get('u1'))?.status).toBe('renovating');

    await recordProcedureStep(
      security,
      id,
      'inspection',
      { department: 'security', ok: true, findings: '消防器材到位' },
      o()
    );
    await recordProcedureStep(engineer, id, 'hiddenWorks', { passed: true }, o());
    for (const [who, party] of [
      [engineer, 'engineering'],
      [security, 'security'],
      [desk, 'customer'],
      [desk, 'contractor'],
      [desk, 'customerService']
    ] as const)
      await recordProcedureStep(who, id, 'completionSigned', { party, signature: SIG }, o());
    expect((await db.unit.get('u1'))?.status).toBe('occupied');

    expect(
      await refusal(
        recordProcedureStep(desk, id, 'deduction', { amountFen: 600_000, reason: '损坏' }, o())
      )
    ).toBe('lifecycle.refused.deductionsExceedDeposit');
    await recordProcedureStep(
      engineer,
      id,
      'deduction',
      { amountFen: 12_000, reason: '电梯厅地砖破损' },
      o()
    );
    expect(await refusal(recordProcedureStep(desk, id, 'refunded', {}, o()))).toBe(
      'lifecycle.refused.refundNeedsManager'
    );
    await recordProcedureStep(manager, id, 'managerSigned', { signature: SIG }, o());
    await recordProcedureStep(desk, id, 'refunded', { receiptNo: 'T-9' }, o());
    const d = await procedureDetail(id, db);
    expect(d?.summary.stage).toBe('refunded');
    expect(d?.summary.kind === 'renovation' && d.summary.state.refundedFen).toBe(488_000);
    expect(d?.procedure.number).toMatch(/^ZX-20261201-A001$/);
  });
});

describe('move-in and move-out through the actions', () => {
  it('registers the customer, files each defect as a repair to engineering, and moves in', async () => {
    const db = testDatabase();
    await unit(db, 90, 'vacant');
    let now = T0;
    const o = () => ({ db, now: (now += 60_000) });
    const id = await openProcedure(
      desk,
      { kind: 'moveIn', unitId: 'u1', applicant: '李四', phone: '13800001111' },
      {},
      o()
    );
    await recordProcedureStep(desk, id, 'identityChecked', { method: 'self' }, o());
    await recordProcedureStep(desk, id, 'documentsReceived', { docs: ['idCopy'] }, o());
    await recordProcedureStep(
      desk,
      id,
      'handbookSigned',
      { items: ['userHandbook', 'covenant'], signature: SIG },
      o()
    );
    await recordProcedureStep(desk, id, 'firePledgeSigned', { signature: SIG }, o());
    await registerCustomer(desk, id, { name: '李四', phone: '13800001111', role: 'owner' }, o());
    const { ticketIds } = await inspectMoveIn(
      desk,
      id,
      {
        electricity: 10.5,
        water: 2,
        customerSignature: SIG,
        engineeringSignature: SIG,
        customerServiceSignature: SIG,
        checked: ['doors', 'windows'],
        defects: ['卫生间墙面渗水', '', '主卧窗户关不严']
      },
      o()
    );
    expect(ticketIds).toHaveLength(2);
    const tickets = await indexRowsById(db, ticketIds);
    expect(tickets.map((t) => [t?.kind, t?.status, t?.department, t?.unitId])).toEqual([
      ['repair', 'dispatched', 'engineering', 'u1'],
      ['repair', 'dispatched', 'engineering', 'u1']
    ]);
    await recordProcedureStep(desk, id, 'keysReceived', { keys: 3, signature: SIG }, o());
    await recordProcedureStep(desk, id, 'completed', {}, o());
    expect((await db.unit.get('u1'))?.status).toBe('occupied');
    const d = await procedureDetail(id, db);
    expect(d?.personName).toBe('李四');
    expect(d?.defectTickets.map((t) => t.excerpt)).toEqual(['卫生间墙面渗水', '主卧窗户关不严']);
    expect(await db.occupancy.count()).toBe(1);
  });

  it('moves out: the unit vacant, the roles ended, the people kept', async () => {
    const db = testDatabase();
    await unit(db);
    await write(
      manager,
      [
        { op: 'create', table: 'person', value: { id: 'p1', name: '王五', phones: [] } },
        {
          op: 'create',
          table: 'occupancy',
          value: { id: 'o1', unitId: 'u1', personId: 'p1', role: 'tenant', from: '2024-01-01' }
        }
      ],
      { db }
    );
    let now = T0;
    const o = () => ({ db, now: (now += 60_000) });
    const id = await openProcedure(
      desk,
      { kind: 'moveOut', unitId: 'u1', applicant: '王五', personId: 'p1' },
      { reason: '租约到期' },
      o()
    );
    await recordProcedureStep(desk, id, 'passesReturned', { passes: 2, keys: 2 }, o());
    expect(
      await refusal(
        recordProcedureStep(desk, id, 'settled', { direction: 'none', amountFen: 0 }, o())
      )
    ).toBe('lifecycle.refused.settleNeedsInspections');
    await recordProcedureStep(
      engineer,
      id,
      'engineeringInspected',
      { electricity: 300, water: 40, damageFen: 0, signature: SIG },
      o()
    );
    await recordProcedureStep(
      security,
      id,
      'securityInspected',
      { fireEquipmentOk: true, damageFen: 0, signature: SIG },
      o()
    );
    await recordProcedureStep(desk, id, 'settled', { direction: 'refund', amountFen: 20_000 }, o());
    await recordProcedureStep(
      desk,
      id,
      'parkingReturned',
      { parkingCards: 0, customerCards: 2 },
      o()
    );
    await recordProcedureStep(
      desk,
      id,
      'forwardingRecorded',
      { address: '北京市朝阳区', phone: '13900002222' },
      o()
    );
    await recordProcedureStep(desk, id, 'completed', {}, o());
    expect((await db.unit.get('u1'))?.status).toBe('vacant');
    expect((await db.occupancy.get('o1'))?.to).toBe('2026-12-01');
    expect((await db.person.get('p1'))?.deleted).toBe(false);
  });
});
