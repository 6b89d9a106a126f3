import { describe, expect, it } from 'vitest';
import { availableSteps, refusalOf, summarize, yuanToFen, type StepEvent } from './index';
import type { ProcedureKind } from '../records/lifecycle';
import type { Role } from '../roles';

const SIG = 'a'.repeat(64);
const small = { areaM2: 120, fireApprovalAreaM2: 200 };
const large = { areaM2: 260, fireApprovalAreaM2: 200 };
const T0 = Date.parse('2026-12-01T09:00:00+08:00');

/** A procedure's events, built step by step, each step checked as the action checks it. */
function procedure(kind: ProcedureKind, ctx = small) {
  const events: StepEvent[] = [];
  const api = {
    events,
    summary: () => summarize(kind, ctx, events),
    refusal: (type: string, data: Record<string, unknown> = {}, role?: Role) =>
      refusalOf(kind, ctx, api.summary(), type, data, role),
    take(type: string, data: Record<string, unknown> = {}, role?: Role) {
      const reason = api.refusal(type, data, role);
      if (reason) throw new Error(`${type} refused: ${reason}`);
      events.push({
        id: `e${events.length}`,
        type,
        at: T0 + events.length * 1000,
        staffId: 's',
        data
      });
      return api;
    }
  };
  return api;
}

const applied = { docs: ['contract', 'contractorLicence', 'materialList'], materials: '石膏板' };
const fees = {
  feeFen: 50_000,
  depositFen: 500_000,
  insuranceFen: 20_000,
  insurancePolicy: 'P-1',
  receiptNo: 'R-1'
};

function approvedRenovation(ctx = small) {
  return procedure('renovation', ctx)
    .take('applied', applied)
    .take('drawingsReviewed', { approved: false, reasons: '消防喷淋位置不符' }, 'engineer')
    .take('drawingsSubmitted', {})
    .take('drawingsReviewed', { approved: true }, 'engineer')
    .take('feesRecorded', fees, 'finance');
}

function permitted(ctx = small) {
  return approvedRenovation(ctx)
    .take('permitSigned', { department: 'engineering', signature: SIG }, 'engineer')
    .take('permitSigned', { department: 'security', signature: SIG }, 'security')
    .take('permitSigned', { department: 'customerService', signature: SIG }, 'frontDesk');
}

function completed() {
  const r = permitted().take('hiddenWorks', { passed: true }, 'engineer');
  for (const party of ['engineering', 'security', 'customer', 'contractor'])
    r.take(
      'completionSigned',
      { party, signature: SIG },
      party === 'engineering' ? 'engineer' : party === 'security' ? 'security' : 'frontDesk'
    );
  return r.take('completionSigned', { party: 'customerService', signature: SIG }, 'frontDesk');
}

describe('renovation (003 §3.2.4)', () => {
  it('runs from application to refund, with the drawings returned once', () => {
    const r = completed()
      .take('deduction', { amountFen: 30_000, reason: '电梯轿厢划伤' }, 'engineer')
      .take('managerSigned', { signature: SIG }, 'manager')
      .take('refunded', { amountFen: 470_000 }, 'finance');
    const s = r.summary();
    expect(s.kind).toBe('renovation');
    expect(s.stage).toBe('refunded');
    if (s.kind !== 'renovation') return;
    expect(s.state.rework).toHaveLength(1);
    expect(s.state.rework[0].reasons).toBe('消防喷淋位置不符');
    expect(s.state.refundedFen).toBe(470_000);
    expect(s.state.finished).toBe(true);
    expect(s.checklist.every((c) => c.done)).toBe(true);
    expect(s.state.ignored).toEqual([]);
  });

  it('refuses the permit before engineering approves the drawings', () => {
    const r = procedure('renovation').take('applied', applied).take('feesRecorded', fees);
    expect(r.refusal('permitSigned', { department: 'engineering', signature: SIG })).toBe(
      'permitNeedsDrawingApproval'
    );
    r.take('drawingsReviewed', { approved: false, reasons: '缺少电气图' }, 'engineer');
    expect(r.refusal('permitSigned', { department: 'security', signature: SIG })).toBe(
      'permitNeedsDrawingApproval'
    );
  });

  it('refuses the permit over 200 m² until the fire authority approved (setting)', () => {
    const r = approvedRenovation(large);
    expect(r.refusal('permitSigned', { department: 'engineering', signature: SIG })).toBe(
      'permitNeedsFireApproval'
    );
    expect(r.summary().checklist.map((c) => c.key)).toContain('fireApproved');
    r.take('fireApproved', { receiptNo: '消审-001' }, 'security');
    expect(
      r.refusal('permitSigned', { department: 'engineering', signature: SIG })
    ).toBeUndefined();
    // The same unit under a raised threshold needs no approval.
    const relaxed = approvedRenovation({ areaM2: 260, fireApprovalAreaM2: 300 });
    expect(relaxed.refusal('permitSigned', { department: 'engineering', signature: SIG })).toBe(
      undefined
    );
  });

  it('refuses the permit without fees, and customer service signing before the others', () => {
    const r = procedure('renovation')
      .take('applied', applied)
      .take('drawingsReviewed', { approved: true }, 'engineer');
    expect(r.refusal('permitSigned', { department: 'engineering', signature: SIG })).toBe(
      'permitNeedsFees'
    );
    r.take('feesRecorded', fees);
    expect(r.refusal('permitSigned', { department: 'customerService', signature: SIG })).toBe(
      'permitIssuedLast'
    );
  });

  it('lets only each department sign for itself', () => {
    const r = approvedRenovation();
    expect(
      r.refusal('permitSigned', { department: 'engineering', signature: SIG }, 'frontDesk')
    ).toBe('wrongSigner');
    expect(r.refusal('drawingsReviewed', { approved: true }, 'security')).toBe('wrongSigner');
    expect(r.refusal('managerSigned', { signature: SIG }, 'supervisor')).toBe('wrongSigner');
  });

  it('shows 装修中 from the permit (the unit status before is kept for completion)', () => {
    const r = approvedRenovation()
      .take('permitSigned', { department: 'engineering', signature: SIG })
      .take('permitSigned', { department: 'security', signature: SIG });
    expect(r.summary().stage).toBe('permitPending');
    r.take('permitSigned', {
      department: 'customerService',
      signature: SIG,
      unitStatusBefore: 'occupied'
    });
    const s = r.summary();
    expect(s.stage).toBe('inWorks');
    expect(s.kind === 'renovation' && s.state.unitStatusBefore).toBe('occupied');
  });

  it('needs hidden works passed and every party before completion', () => {
    const r = permitted();
    expect(r.refusal('completionSigned', { party: 'engineering', signature: SIG })).toBe(
      'completionNeedsHiddenWorks'
    );
    r.take('hiddenWorks', { passed: false, note: '水管未打压' });
    expect(r.refusal('completionSigned', { party: 'engineering', signature: SIG })).toBe(
      'completionNeedsHiddenWorks'
    );
    r.take('hiddenWorks', { passed: true });
    r.take('completionSigned', { party: 'engineering', signature: SIG });
    expect(r.refusal('completionSigned', { party: 'customerService', signature: SIG })).toBe(
      'completionClosedLast'
    );
    expect(r.refusal('completionSigned', { party: 'engineering', signature: SIG })).toBe(
      'alreadySigned'
    );
  });

  it('keeps passes, hot-work permits and daily inspections only while works run', () => {
    const before = approvedRenovation();
    expect(
      before.refusal('workerPass', { name: '李四', from: '2026-12-01', to: '2026-12-31' })
    ).toBe('needsPermit');
    const r = permitted()
      .take('workerPass', { name: '李四', from: '2026-12-01', to: '2026-12-31' }, 'security')
      .take(
        'hotWorkPermit',
        { work: '焊接', holder: '王五', from: '2026-12-03', to: '2026-12-03' },
        'security'
      )
      .take(
        'inspection',
        { department: 'security', ok: false, findings: '灭火器不足', photos: [] },
        'security'
      );
    expect(
      r.refusal(
        'inspection',
        { department: 'engineering', ok: true, findings: '按图施工' },
        'security'
      )
    ).toBe('wrongSigner');
    const s = r.summary();
    if (s.kind !== 'renovation') throw new Error('kind');
    expect(s.state.passes).toHaveLength(1);
    expect(s.state.hotWork).toHaveLength(1);
    expect(s.state.inspections[0]).toMatchObject({ department: 'security', ok: false });
  });

  it('refuses the refund without the manager’s signature', () => {
    const r = completed();
    expect(r.refusal('refunded', { amountFen: 500_000 }, 'finance')).toBe('refundNeedsManager');
    expect(availableSteps('renovation', small, r.summary())).not.toContain('refunded');
    r.take('managerSigned', { signature: SIG }, 'manager');
    expect(r.refusal('refunded', { amountFen: 400_000 })).toBe('refundAmountWrong');
    expect(r.refusal('refunded', { amountFen: 500_000 })).toBeUndefined();
  });

  it('refuses deductions larger than the deposit, in one go or added up', () => {
    const r = completed();
    expect(r.refusal('deduction', { amountFen: 500_001, reason: '墙面' })).toBe(
      'deductionsExceedDeposit'
    );
    r.take('deduction', { amountFen: 300_000, reason: '消防栓损坏' });
    expect(r.refusal('deduction', { amountFen: 200_001, reason: '墙面' })).toBe(
      'deductionsExceedDeposit'
    );
    r.take('deduction', { amountFen: 200_000, reason: '墙面' });
    r.take('managerSigned', { signature: SIG });
    expect(r.refusal('deduction', { amountFen: 1, reason: 'x' })).toBe('alreadyApproved');
    r.take('refunded', { amountFen: 0 });
    expect(r.summary().stage).toBe('refunded');
  });

  it('keeps an illegal event from another tablet in the timeline without effect', () => {
    const r = approvedRenovation();
    // A tablet that had not seen the drawings approved… (written offline, merged later)
    r.events.push({
      id: 'x',
      type: 'refunded',
      at: T0 + 99_000,
      staffId: 's',
      data: { amountFen: 0 }
    });
    const s = r.summary();
    expect(s.state.ignored).toEqual([{ id: 'x', type: 'refunded', reason: 'refundNeedsManager' }]);
    expect(s.stage).toBe('permitPending');
  });

  it('refuses an application without contract, licence and material list', () => {
    const r = procedure('renovation');
    expect(r.refusal('applied', { docs: ['contract'], materials: 'x' })).toBe(
      'applicationNeedsDocuments'
    );
    expect(r.refusal('drawingsReviewed', { approved: true })).toBe('notOpened');
  });
});

describe('move-in (003 §3.1.4)', () => {
  const inspected = {
    electricity: 12.5,
    water: 3,
    customerSignature: SIG,
    engineeringSignature: SIG,
    customerServiceSignature: SIG,
    checked: ['doors'],
    defects: ['卫生间渗水', '主卧窗户关不严'],
    ticketIds: ['t1', 't2']
  };

  it('is done only after every step, and keeps the defects with their requests', () => {
    const r = procedure('moveIn').take('opened');
    expect(r.refusal('completed')).toBe('stepsMissing');
    expect(r.refusal('documentsReceived', { docs: ['idCopy'] })).toBe('needsIdentity');
    r.take('identityChecked', { method: 'attorney', attorneyName: '李四' });
    expect(r.refusal('documentsReceived', { docs: ['idCopy'] })).toBe('attorneyNeedsLetter');
    expect(r.refusal('keysReceived', { keys: 2, signature: SIG })).toBe('keysNeedInspection');
    expect(r.refusal('handbookSigned', { items: ['userHandbook'], signature: SIG })).toBe(
      'handbookNeedsCovenant'
    );
    r.take('documentsReceived', { docs: ['idCopy', 'powerOfAttorney', 'attorneyId'] })
      .take('handbookSigned', { items: ['userHandbook', 'covenant'], signature: SIG })
      .take('firePledgeSigned', { signature: SIG })
      .take('registered', { personId: 'p1', occupancyId: 'o1' })
      .take('inspected', inspected)
      .take('keysReceived', { keys: 3, signature: SIG });
    expect(r.refusal('inspected', inspected)).toBe('alreadyDone');
    r.take('completed', {}, 'frontDesk');
    const s = r.summary();
    expect(s.stage).toBe('completed');
    if (s.kind !== 'moveIn') throw new Error('kind');
    expect(s.state.defects).toEqual(['卫生间渗水', '主卧窗户关不严']);
    expect(s.state.ticketIds).toEqual(['t1', 't2']);
    expect(r.refusal('note', { text: '补交复印件' })).toBeUndefined();
    expect(r.refusal('keysReceived', { keys: 1, signature: SIG })).toBe('finished');
  });

  it('is the desk’s to record: an engineer cannot open or close it', () => {
    const r = procedure('moveIn');
    expect(r.refusal('opened', {}, 'engineer')).toBe('wrongSigner');
  });
});

describe('move-out (003 §3.13.4)', () => {
  it('settles only after both inspections and ends with the unit vacant', () => {
    const r = procedure('moveOut').take('applied', { reason: '租约到期' }).take('passesReturned', {
      passes: 2,
      keys: 3
    });
    expect(r.refusal('settled', { direction: 'refund', amountFen: 100 })).toBe(
      'settleNeedsInspections'
    );
    r.take(
      'engineeringInspected',
      { electricity: 100, water: 20, damageFen: 5_000, signature: SIG },
      'engineer'
    );
    expect(
      r.refusal(
        'securityInspected',
        { fireEquipmentOk: true, damageFen: 0, signature: SIG },
        'engineer'
      )
    ).toBe('wrongSigner');
    r.take(
      'securityInspected',
      { fireEquipmentOk: true, damageFen: 0, signature: SIG },
      'security'
    );
    r.take('settled', { direction: 'refund', amountFen: 95_000 }, 'finance');
    expect(r.refusal('completed', { date: '2026-12-05' })).toBe('stepsMissing');
    r.take('parkingReturned', { parkingCards: 1, customerCards: 2 })
      .take('forwardingRecorded', { address: '上海市徐汇区', phone: '13900001111' })
      .take('completed', { date: '2026-12-05' });
    const s = r.summary();
    expect(s.stage).toBe('completed');
    if (s.kind !== 'moveOut') throw new Error('kind');
    expect(s.state.damageFen).toBe(5_000);
    expect(s.state.vacantFrom).toBe('2026-12-05');
  });
});

describe('amounts typed at the desk', () => {
  it('become integer fen', () => {
    expect(yuanToFen('5000')).toBe(500_000);
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(yuanToFen('¥0.07')).toBe(7);
    expect(yuanToFen('12.345')).toBeUndefined();
    expect(yuanToFen('-3')).toBeUndefined();
    expect(yuanToFen('')).toBeUndefined();
  });
});
