import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { WriteError } from '../write-error';
import type { GuanjiaDexie } from '../database';
import {
  adjustVisitPlan,
  approveVisitSummary,
  assignVisitor,
  bookAppointment,
  drawVisitPlan,
  draftVisitSummary,
  issueLiaisonLetter,
  recordVisit,
  routeVisitItem,
  submitVisitSummary
} from './visits';
import { visitsTodayLine } from '../queries/visits';

const manager: Actor = { staffId: 'mgr', role: 'manager' };
const supervisor: Actor = { staffId: 'sup', role: 'supervisor' };
const desk: Actor = { staffId: 'desk', role: 'frontDesk' };
const sh = (iso: string) => Date.parse(`${iso}+08:00`);
const DEC = '2026-12';

/** A community of `n` occupied units, one with a special-care owner. */
async function office(db: GuanjiaDexie, n = 40) {
  const units = Array.from({ length: n }, (_, i) => ({
    op: 'create' as const,
    table: 'unit' as const,
    value: {
      id: `u${i}`,
      communityId: 'c1',
      buildingId: 'b1',
      room: String(101 + i),
      floor: 1,
      areaM2: 90,
      status: 'occupied' as const
    }
  }));
  await write(
    manager,
    [
      {
        op: 'create',
        table: 'building',
        value: { id: 'b1', communityId: 'c1', code: '1', floors: 6 }
      },
      ...units,
      {
        op: 'create',
        table: 'person',
        value: { id: 'p1', name: '李奶奶', specialCare: ['elderlyAlone'] }
      },
      {
        op: 'create',
        table: 'occupancy',
        value: { unitId: 'u7', personId: 'p1', role: 'owner', from: '2020-01-01' }
      }
    ],
    { db }
  );
}

async function expectRefused(p: Promise<unknown>, message: string) {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WriteError);
  expect((e as WriteError).issues.map((i) => i.message)).toContain(message);
}

describe('visits through the actions', () => {
  it('plans a month: quota, special care first, adjustments, assignments', async () => {
    const db = testDatabase();
    await office(db);
    const id = await drawVisitPlan(
      supervisor,
      { communityId: 'c1', month: DEC },
      { db, now: sh('2026-12-01T09:00:00') }
    );
    const plan = await db.visitPlan.get(id);
    expect(plan?.quota).toBe(2); // 40 × 4 % = 1.6
    expect((plan?.units as string[])[0]).toBe('u7');
    expect(plan?.specialCare).toEqual(['u7']);
    const drawn = String((plan?.units as string[])[1]);
    const replacement = await adjustVisitPlan(
      supervisor,
      id,
      { kind: 'survey', unitId: drawn },
      { db }
    );
    const after = await db.visitPlan.get(id);
    expect(after?.units).toEqual(['u7', replacement]);
    expect(after?.surveyExcluded).toEqual([drawn]);
    await assignVisitor(supervisor, id, ['u7'], 'desk', { db });
    expect((await db.visitAssignment.toArray()).map((a) => a.visitorId)).toEqual(['desk']);
    // The front desk does not plan.
    await expect(drawVisitPlan(desk, { communityId: 'c1', month: DEC }, { db })).rejects.toThrow();
  });

  it('refuses a door appointment at 22:00 and writes nothing', async () => {
    const db = testDatabase();
    await office(db);
    const base = { unitId: 'u1', visitorId: 'desk', method: 'door' as const };
    await expectRefused(
      bookAppointment(desk, { ...base, at: sh('2026-12-10T22:00:00') }, { db }),
      'visits.refused.tooLate'
    );
    await expectRefused(bookAppointment(desk, { ...base }, { db }), 'visits.refused.needsTime');
    expect(await db.visitAppointment.count()).toBe(0);
    await bookAppointment(desk, { ...base, at: sh('2026-12-10T19:30:00') }, { db });
    expect(await db.visitAppointment.count()).toBe(1);
  });

  it('a record needs the signature or the refusal; routes an item to a complaint, linked', async () => {
    const db = testDatabase();
    await office(db);
    const base = {
      unitId: 'u7',
      visitorId: 'desk',
      method: 'door' as const,
      visitedAt: sh('2026-12-10T19:30:00'),
      ownerName: '李奶奶',
      items: [
        {
          id: 'i1',
          topic: 'security' as const,
          kind: 'opinion' as const,
          text: '夜间东门无人值守'
        },
        { id: 'i2', topic: 'repairs' as const, kind: 'need' as const, text: '楼道灯不亮' }
      ]
    };
    await expectRefused(
      recordVisit(desk, base, { db, now: sh('2026-12-10T20:00:00') }),
      'visits.validation.signature'
    );
    const recordId = await recordVisit(
      desk,
      { ...base, signatureRefused: true },
      { db, now: sh('2026-12-10T20:00:00') }
    );
    const ticketId = await routeVisitItem(supervisor, recordId, 'i1', 'complaint', {
      db,
      now: sh('2026-12-11T09:00:00')
    });
    const ticket = await db.ticket.get(ticketId);
    expect(ticket?.kind).toBe('complaint');
    expect(ticket?.channel).toBe('visit');
    expect(ticket?.content).toBe('夜间东门无人值守');
    const [route] = await db.visitRoute.where('ticketId').equals(ticketId).toArray();
    expect(route.visitRecordId).toBe(recordId);
    await expectRefused(
      routeVisitItem(supervisor, recordId, 'i1', 'request', { db }),
      'visits.refused.alreadyRouted'
    );
    const repair = await routeVisitItem(supervisor, recordId, 'i2', 'request', { db });
    expect((await db.ticket.get(repair))?.kind).toBe('repair');
  });

  it('drafts the summary, the supervisor submits, only the manager approves; a letter is numbered', async () => {
    const db = testDatabase();
    await office(db);
    await drawVisitPlan(
      supervisor,
      { communityId: 'c1', month: DEC },
      { db, now: sh('2026-12-01T09:00:00') }
    );
    await recordVisit(
      desk,
      {
        unitId: 'u7',
        visitorId: 'desk',
        method: 'door',
        visitedAt: sh('2026-12-10T19:30:00'),
        signatureRefused: true,
        items: [{ id: 'i1', topic: 'greening', kind: 'suggestion', text: '多种些树' }]
      },
      { db, now: sh('2026-12-13T10:00:00') }
    );
    await recordVisit(
      desk,
      {
        unitId: 'u3',
        visitorId: 'desk',
        method: 'phone',
        visitedAt: sh('2026-12-11T10:00:00'),
        returnVisit: true
      },
      { db, now: sh('2026-12-11T10:30:00') }
    );
    const id = await draftVisitSummary(supervisor, 'c1', DEC, {
      db,
      now: sh('2027-01-02T09:00:00')
    });
    const s = await db.visitSummary.get(id);
    const figures = s?.figures as {
      visited: number;
      returnVisits: number;
      late: number;
      topics: Record<string, number>;
      quota: number;
    };
    expect(figures).toMatchObject({ visited: 1, returnVisits: 1, late: 1, quota: 2 });
    expect(figures.topics.greening).toBe(1);
    await submitVisitSummary(supervisor, id, { db, now: sh('2027-01-03T09:00:00') });
    await expectRefused(
      approveVisitSummary(supervisor, id, '', { db }),
      'visits.refused.managerOnly'
    );
    await approveVisitSummary(manager, id, '同意', { db, now: sh('2027-01-04T09:00:00') });
    expect((await db.visitSummary.get(id))?.approvedBy).toBe('mgr');
    await expectRefused(
      draftVisitSummary(supervisor, 'c1', DEC, { db }),
      'visits.refused.summaryLocked'
    );
    const letter = await issueLiaisonLetter(
      manager,
      {
        communityId: 'c1',
        summaryId: id,
        to: '公司客户服务部',
        subject: '东门夜间值守',
        body: '建议增加夜班岗位。'
      },
      { db, now: sh('2027-01-04T10:00:00') }
    );
    expect((await db.liaisonLetter.get(letter))?.number).toBe('LXH-202701-01');
  });

  it('工作台’s visits line: the month’s quota and visits, my appointments today and overdue', async () => {
    const db = testDatabase();
    await office(db);
    await drawVisitPlan(supervisor, { communityId: 'c1', month: DEC }, { db });
    const door = { visitorId: 'desk', method: 'door' as const };
    await bookAppointment(desk, { ...door, unitId: 'u1', at: sh('2026-12-09T10:00:00') }, { db });
    await bookAppointment(desk, { ...door, unitId: 'u2', at: sh('2026-12-10T15:00:00') }, { db });
    await bookAppointment(desk, { ...door, unitId: 'u3', at: sh('2026-12-08T10:00:00') }, { db });
    await recordVisit(
      desk,
      { ...door, unitId: 'u3', visitedAt: sh('2026-12-08T10:30:00'), signatureRefused: true },
      { db, now: sh('2026-12-08T12:00:00') }
    );
    const line = await visitsTodayLine('desk', sh('2026-12-10T09:00:00'), db);
    expect(line).toEqual({ quota: 2, done: 1, today: 1, overdue: 1 });
    expect(await visitsTodayLine('sup', sh('2026-12-10T09:00:00'), db)).toMatchObject({
      today: 0,
      overdue: 0
    });
  });
});
