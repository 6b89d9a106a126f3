import { describe, expect, it } from 'vitest';
import { setupOffice } from '$lib/setup/office-setup';
import { testDatabase } from '$lib/db/test-db';
import { syncState } from '$lib/db/sync-state';
import { toBase64Url, verifyDeviceCertificate } from './crypto';
import { loadOfficeKeys } from './office-keys';

describe('office keys created with the office', () => {
  it('are device-local: the op log carries the certificate but no secret', async () => {
    const db = testDatabase();
    await setupOffice(
      {
        officeName: '锦绣物业服务中心',
        communityName: '锦绣花园',
        managerName: '王建国',
        pin: '2468',
        pinConfirm: '2468'
      },
      db,
      '前台平板'
    );
    const keys = await loadOfficeKeys(db);
    if (!keys?.officeSecret) throw new Error('no office keys');
    expect(keys.device).toBe((await syncState(db)).device);
    expect(keys.epochs.map((k) => k.epoch)).toEqual([1]);
    expect(verifyDeviceCertificate(keys.officePublic, keys.office, keys.cert)).toBe(true);
    expect(await db.device.get(keys.device)).toMatchObject({
      name: '前台平板',
      key: keys.cert.key
    });

    const log = JSON.stringify(await db.oplog.toArray());
    for (const secret of [keys.officeSecret, keys.deviceSecret, keys.epochs[0].raw])
      expect(log).not.toContain(toBase64Url(secret));
  });
});
