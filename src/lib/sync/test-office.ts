import type { GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { testDatabase } from '$lib/db/test-db';
import { SyncEngine } from './engine';
import { createOfficeKeys, deviceIdentity, saveOfficeKeys, type OfficeKeys } from './office-keys';

export interface TestDevice {
  db: GuanjiaDexie;
  keys: OfficeKeys;
  engine: SyncEngine;
}

/** `count` devices of one office, each with its own database and certificate (as if paired). */
export async function testOffice(count: number): Promise<TestDevice[]> {
  const devices: TestDevice[] = [];
  let founder: OfficeKeys | undefined;
  for (let i = 0; i < count; i++) {
    const db = testDatabase();
    const { device } = await syncState(db);
    const keys: OfficeKeys = founder
      ? {
          ...founder,
          ...deviceIdentity(founder.officeSecret as Uint8Array, founder.office, device)
        }
      : createOfficeKeys(device);
    founder ??= keys;
    await saveOfficeKeys(db, keys);
    devices.push({ db, keys, engine: new SyncEngine(db, keys) });
  }
  return devices;
}
