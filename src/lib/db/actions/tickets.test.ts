import { describe, expect, it } from 'vitest';
import { applyRemoteChunks, chunksSince } from '../apply-remote';
import type { GuanjiaDexie } from '../database';
import { syncState } from '../sync-state';
import { indexRowOf, testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { WriteError } from '../write-error';
import { openTickets, ticketDetail } from '../queries/tickets';
import { recordIntake, recordStep } from './tickets';

const desk: Actor = { staffId: 'desk1', role: 'frontDesk' };
const engineer: Actor = { staffId: 'eng1', role: 'engineer' };
const supervisor: Actor = { staffId: 'sup1', role: 'supervisor' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const MIN = 60_000;

async function leak(db: GuanjiaDexie, now = T0) {
  return recordIntake(
    desk,
    {
      kind: 'repair',
      channel: 'phone',
      communityId: 'c1',
      unitId: 'u1',
      callerName: '张三',
      callerPhone: '13812345678',
      content: '厨房水龙头漏水',
      category: '水电'
    },
    { db, now }
  );
}

async function toArrived(db: GuanjiaDexie, id: string) {
  await recordStep(
    desk,
    id,
    'dispatched',
    { department: 'engineering', assigneeId: 'eng1' },
    { db, now: T0 + MIN }
  );
  await recordStep(engineer, id, 'accepted', {}, { db, now: T0 + 2 * MIN });
  await recordStep(engineer, id, 'arrived', {}, { db, now: T0 + 8 * MIN });
}

async function counts(db: GuanjiaDexie) {
  return { events: await db.ticketEvent.count(), oplog: await db.oplog.count() };
}

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie) {
  const theirs = (await syncState(to)).vv;
  await applyRemoteChunks(await chunksSince(theirs, { db: from }), { db: to });
}

describe('a repair through the desk’s actions', () => {
  it('is numbered by the office’s date and shows on the board', async () => {
    const db = testDatabase();
    const id = await leak(db);
    const second = await leak(db, T0 + 5 * MIN);
    const detail = await ticketDetail(id, db);
    expect(detail?.ticket.number).toBe('BX-20261123-A001');
    expect((await ticketDetail(second, db))?.ticket.number).toBe('BX-20261123-A002');
    expect(detail?.summary.status).toBe('recorded');
    expect((await openTickets(db)).map((r) => r.ticketId).sort()).toEqual([id, second].sort());
  });

  it('goes from intake to closed, and leaves the board', async () => {
    const db = testDatabase();
    const id = await leak(db);
    await toArrived(db, id);
    await recordStep(
      engineer,
      id,
      'done',
      { record: '更换阀芯', materialsCheck: 'none' },
      { db, now: T0 + 30 * MIN }
    );
    await recordStep(
      engineer,
      id,
      'ownerSigned',
      { signerName: '张三' },
      { db, now: T0 + 32 * MIN }
    );
    await recordStep(
      desk,
      id,
      'returnVisit',
      { method: 'phone', satisfied: true },
      { db, now: T0 + 300 * MIN }
    );
    await recordStep(desk, id, 'closed', {}, { db, now: T0 + 301 * MIN });
    const detail = await ticketDetail(id, db);
    expect(detail?.summary.status).toBe('closed');
    expect(detail?.events.map((e) => [e.type, e.staffId])).toEqual([
      ['recorded', 'desk1'],
      ['dispatched', 'desk1'],
      ['accepted', 'eng1'],
      ['arrived', 'eng1'],
      ['done', 'eng1'],
      ['ownerSigned', 'eng1'],
      ['returnVisit', 'desk1'],
      ['closed', 'desk1']
    ]);
    expect(await openTickets(db)).toEqual([]);
  });

  it('refuses to close without a return visit, and to finish before accepting: nothing written', async () => {
    const db = testDatabase();
    const id = await leak(db);
    await recordStep(desk, id, 'dispatched', { department: 'engineering' }, { db, now: T0 + MIN });
    const before = await counts(db);
    const early = recordStep(engineer, id, 'done', { record: '修好了' }, { db, now: T0 + 2 * MIN });
    await expect(early).rejects.toBeInstanceOf(WriteError);
    await expect(early).rejects.toMatchObject({
      issues: [{ message: 'tickets.refused.doneNeedsArrival' }]
    });
    await toArrivedFromDispatched(db, id);
    await recordStep(engineer, id, 'done', { record: '修好了' }, { db, now: T0 + 20 * MIN });
    const mid = await counts(db);
    await expect(
      recordStep(desk, id, 'closed', {}, { db, now: T0 + 21 * MIN })
    ).rejects.toMatchObject({
      issues: [{ message: 'tickets.refused.closeNeedsReturnVisit' }]
    });
    expect(await counts(db)).toEqual(mid);
    expect(mid.events).toBe(before.events + 3);
  });

  it('refuses a step the role may not write (an engineer cannot take a request)', async () => {
    const db = testDatabase();
    await expect(
      recordIntake(
        engineer,
        { kind: 'inquiry', channel: 'phone', communityId: 'c1', content: '?' },
        { db }
      )
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

async function toArrivedFromDispatched(db: GuanjiaDexie, id: string) {
  await recordStep(engineer, id, 'accepted', {}, { db, now: T0 + 3 * MIN });
  await recordStep(engineer, id, 'arrived', {}, { db, now: T0 + 9 * MIN });
}

describe('two tablets offline: "done" on A, "reassigned" on B', () => {
  it('after sync both events are in the timeline and both tablets show the same status', async () => {
    const a = testDatabase();
    const b = testDatabase();
    const id = await leak(a);
    await toArrived(a, id);
    await exchange(a, b);
    expect((await openTickets(b)).map((r) => r.status)).toEqual(['arrived']);

    // Offline: the engineer finishes on A; the supervisor reassigns on B a minute later.
    await recordStep(engineer, id, 'done', { record: '已修好' }, { db: a, now: T0 + 20 * MIN });
    await recordStep(
      supervisor,
      id,
      'reassigned',
      { assigneeId: 'eng2', reason: '换人' },
      { db: b, now: T0 + 21 * MIN }
    );

    await exchange(a, b);
    await exchange(b, a);

    const [da, dbb] = await Promise.all([ticketDetail(id, a), ticketDetail(id, b)]);
    expect(da?.events.map((e) => e.type)).toEqual(dbb?.events.map((e) => e.type));
    expect(da?.events.map((e) => e.type).slice(-2)).toEqual(['done', 'reassigned']);
    expect(da?.summary).toEqual(dbb?.summary);
    expect(da?.summary.status).toBe('done');
    // The reassignment came second in the merged order: kept, shown, flagged, not counted.
    expect(da?.summary.ignored).toMatchObject([{ reason: 'notAllowed', at: 'done' }]);
    // The board of each tablet (the derived index) agrees too.
    const [ia, ib] = await Promise.all([indexRowOf(a, id), indexRowOf(b, id)]);
    expect(ia?.status).toBe('done');
    expect(ib).toEqual(ia);
  });

  it('a request taken on A reaches B’s board after sync', async () => {
    const a = testDatabase();
    const b = testDatabase();
    await leak(b, T0 - MIN); // B has an index of its own already
    const id = await leak(a);
    await exchange(a, b);
    expect((await openTickets(b)).map((r) => r.ticketId)).toContain(id);
  });

  it('two tablets offline on the same day give different numbers', async () => {
    const a = testDatabase();
    const b = testDatabase();
    // A enrolled first, B second (the device rows the office's pairing writes).
    const manager: Actor = { staffId: 'm1', role: 'manager' };
    for (const [db, at] of [
      [a, T0 - 60 * MIN],
      [b, T0 - 30 * MIN]
    ] as const) {
      const { device } = await syncState(db);
      await write(
        manager,
        [
          { op: 'create', table: 'device', value: { id: device, name: device, key: 'k', sig: 's' } }
        ],
        { db: a, now: at }
      );
    }
    await exchange(a, b);
    const [onA, onB] = [await leak(a), await leak(b)];
    await exchange(a, b);
    await exchange(b, a);
    const numbers = await Promise.all(
      [onA, onB].map(async (id) => (await ticketDetail(id, a))?.ticket.number)
    );
    expect(numbers).toEqual(['BX-20261123-A001', 'BX-20261123-B001']);
  });
});

describe('complaint intake (issue 20 fault 2)', () => {
  it('a noise complaint is routed to security at intake, with the office deadline', async () => {
    const db = testDatabase();
    const id = await recordIntake(
      desk,
      {
        kind: 'complaint',
        channel: 'phone',
        communityId: 'c1',
        unitId: 'u1',
        category: '噪音',
        content: '楼上深夜装修噪音',
        dispatchTo: 'security'
      },
      { db, now: T0 }
    );
    const detail = await ticketDetail(id, db);
    expect(detail?.summary.status).toBe('assigned');
    expect(detail?.summary.department).toBe('security');
    expect(detail?.events.map((e) => e.type)).toEqual(['recorded', 'verified', 'assigned']);
  });
});
