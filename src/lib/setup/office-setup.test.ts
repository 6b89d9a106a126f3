import { describe, expect, it } from 'vitest';
import { testDatabase } from '$lib/db/test-db';
import { addStaff } from '$lib/db/actions/staff';
import { signIn } from '$lib/db/actions/sign-in';
import { updateSettings } from '$lib/db/actions/settings';
import { getOffice, getSettings, listStaff } from '$lib/db/queries/office';
import { WriteError } from '$lib/db/write-error';
import { setOfficePhone } from '$lib/db/actions/notices-office';
import { fillTemplate } from '$lib/domain/notices/template';
import { setupOffice } from './office-setup';

const form = {
  officeName: '锦绣物业服务中心',
  communityName: '锦绣花园',
  managerName: '王经理',
  pin: '2468',
  pinConfirm: '2468'
};

describe('office setup and sign-in', () => {
  it('creates the office, its community, default settings and the first manager', async () => {
    const db = testDatabase();
    const manager = await setupOffice(form, db);
    expect((await getOffice(db))?.name).toBe('锦绣物业服务中心');
    expect((await getSettings(db)).idleLockMinutes).toBe(5);
    const staff = await listStaff(db);
    expect(staff).toEqual([
      expect.objectContaining({ id: manager.staffId, name: '王经理', role: 'manager' })
    ]);
    expect(JSON.stringify(await db.staff.toArray())).not.toContain('2468');
    await expect(setupOffice(form, db)).rejects.toBeInstanceOf(WriteError);
  });

  it('reports a PIN of 3 digits and a mismatched confirmation at their fields, writing nothing', async () => {
    const db = testDatabase();
    const attempt = setupOffice({ ...form, pin: '123', pinConfirm: '124' }, db);
    const error = (await attempt.catch((e: unknown) => e)) as WriteError;
    expect(error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['pin', 'validation.pin'],
      ['pinConfirm', 'validation.pinMismatch']
    ]);
    expect(await db.oplog.count()).toBe(0);
  });

  it('signs in with the right PIN and locks after five wrong ones', async () => {
    const db = testDatabase();
    const manager = await setupOffice(form, db);
    expect(await signIn(manager.staffId, '2468', db, 1_000)).toMatchObject({ ok: true });
    for (let i = 1; i <= 4; i++)
      expect(await signIn(manager.staffId, '0000', db, 1_000 + i)).toEqual({
        ok: false,
        reason: 'wrongPin',
        attemptsLeft: 5 - i
      });
    expect(await signIn(manager.staffId, '0000', db, 1_005)).toMatchObject({
      ok: false,
      reason: 'locked'
    });
    // The 6th try within the minute is refused even with the right PIN.
    expect(await signIn(manager.staffId, '2468', db, 2_000)).toMatchObject({
      ok: false,
      reason: 'locked'
    });
    expect(await signIn(manager.staffId, '2468', db, 61_006)).toMatchObject({ ok: true });
  });

  it('lets only the manager add staff and change settings', async () => {
    const db = testDatabase();
    const manager = await setupOffice(form, db);
    const id = await addStaff(
      manager,
      { name: '李前台', role: 'frontDesk', pin: '1357', pinConfirm: '1357' },
      db
    );
    const desk = { staffId: id, role: 'frontDesk' as const };
    await expect(
      addStaff(desk, { name: '冒充', role: 'manager', pin: '1111', pinConfirm: '1111' }, db)
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(updateSettings(desk, { idleLockMinutes: 60 }, db)).rejects.toMatchObject({
      kind: 'forbidden'
    });
    await updateSettings(manager, { idleLockMinutes: 15 }, db);
    expect((await getSettings(db)).idleLockMinutes).toBe(15);
    await expect(updateSettings(manager, { idleLockMinutes: 0 }, db)).rejects.toMatchObject({
      kind: 'invalid'
    });
  });

  // Issue 20 fault 8: the office phone is asked at setup, so a notice's {phone} is filled.
  it('keeps the office phone given at setup for the notices, refuses a bad one at its field', async () => {
    const db = testDatabase();
    const bad = await setupOffice({ ...form, officePhone: '电话' }, db).catch((e: unknown) => e);
    expect((bad as WriteError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['officePhone', 'validation.phone']
    ]);
    expect(await db.oplog.count()).toBe(0);
    const manager = await setupOffice({ ...form, officePhone: ' 0755-8888 6666 ' }, db);
    const office = await getOffice(db);
    expect(office?.phone).toBe('0755-8888 6666');
    expect(fillTemplate('咨询电话：{phone}', { phone: office?.phone })).toBe(
      '咨询电话：0755-8888 6666'
    );
    await setOfficePhone(manager, '13812345678', db);
    expect((await getOffice(db))?.phone).toBe('13812345678');
    await expect(setOfficePhone(manager, 'abc', db)).rejects.toBeInstanceOf(WriteError);
  });
});
