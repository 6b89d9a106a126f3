import { describe, expect, it } from 'vitest';
import { verifyPin } from '$lib/auth/pin';
import { setupOffice } from '$lib/setup/office-setup';
import type { GuanjiaDexie } from '$lib/db/database';
import { testDatabase } from '$lib/db/test-db';
import type { Actor } from '$lib/db/write';
import { withoutClocks } from '$lib/domain/ops';
import { OFFICE_ID } from '$lib/domain/records/office';
import type { Staff } from '$lib/domain/records/staff';
import { tableNames } from '$lib/domain/tables';
import { dayOf } from './calendar';
import { generateDemoOffice } from './generate';
import { loadDemoOffice } from './load';
import { DEMO_PINS } from './staff';

const asOf = Date.UTC(2026, 5, 15, 4, 0);
const manager: Actor = { staffId: 'loader', role: 'manager' };
// The schema's minimum: hashing 10 PINs at the app's 210,000 iterations would only slow the test.
const pinIterations = 10_000;

async function counts(db: GuanjiaDexie) {
  const entries = await Promise.all(tableNames.map(async (t) => [t, await db[t].count()] as const));
  return { ...Object.fromEntries(entries), oplog: await db.oplog.count() };
}

// The first two tests write the whole small office through the write path on fake-indexeddb: at
// machine load 30–35 (issue 12 §7) each took 3 min (60 s cap: failed), so they get 10 min.
describe('loading the demo office', () => {
  it('writes the small office through the write path, and a second load adds nothing', async () => {
    const db = testDatabase();
    const expected = generateDemoOffice({ size: 'small', asOf });
    const progress: [number, number][] = [];
    const result = await loadDemoOffice(manager, {
      size: 'small',
      asOf,
      db,
      pinIterations,
      onProgress: (d, t) => progress.push([d, t])
    });

    const after = await counts(db);
    expect(after).toMatchObject({
      office: 1,
      settings: 1,
      staff: expected.staff.length,
      community: 1,
      building: 12,
      unit: 600,
      person: expected.person.length,
      occupancy: expected.occupancy.length,
      ticket: expected.ticket.length,
      ticketEvent: expected.ticketEvent.length
    });
    expect(result.created.ticketEvent).toBe(expected.ticketEvent.length);
    expect(progress.at(-1)).toEqual([progress[0][1], progress[0][1]]);

    // The manager signs in with the documented demo PIN.
    const boss = result.pins.find((p) => p.role === 'manager')!;
    expect(boss.pin).toBe(DEMO_PINS.manager);
    const row = withoutClocks((await db.staff.get(boss.staffId))!) as Staff;
    expect(await verifyPin('123456', row)).toBe(true);
    expect(await verifyPin('000000', row)).toBe(false);

    // A request was created on the day it was recorded.
    const ticket = expected.ticket[100];
    const recorded = expected.ticketEvent.find(
      (e) => e.ticketId === ticket.id && e.type === 'recorded'
    )!;
    expect(dayOf((await db.ticket.get(ticket.id))!.createdAt as number)).toBe(dayOf(recorded.at));

    const again = await loadDemoOffice(manager, { size: 'small', asOf, db, pinIterations });
    expect(again.created).toEqual({});
    expect(again.kept).toBe(Object.values(result.created).reduce((a, b) => a + b, 0));
    expect(await counts(db)).toEqual(after);
  }, 600_000);

  it('joins an office that exists: its name and its manager stay', async () => {
    const db = testDatabase();
    const boss = await setupOffice(
      {
        officeName: '幸福物业',
        communityName: '老小区',
        managerName: '钱经理',
        pin: '2468',
        pinConfirm: '2468'
      },
      db
    );
    await loadDemoOffice(boss, { size: 'small', asOf, db, pinIterations });
    expect((await db.office.get(OFFICE_ID))?.name).toBe('幸福物业');
    expect(await db.community.count()).toBe(2);
    expect((await db.staff.get(boss.staffId))?.role).toBe('manager');
    // The loader's writes are attributed to the manager who loaded it.
    const actors = new Set((await db.oplog.toArray()).map((c) => c.actor));
    expect(actors).toEqual(new Set([boss.staffId]));
  }, 600_000);

  it('is refused to anyone but a manager, before anything is written', async () => {
    const db = testDatabase();
    await expect(
      loadDemoOffice(
        { staffId: 'f', role: 'frontDesk' },
        { size: 'small', asOf, db, pinIterations }
      )
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await db.oplog.count()).toBe(0);
  });
});
