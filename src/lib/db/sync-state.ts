import type { Transaction } from 'dexie';
import { HLC_ZERO } from '$lib/oplog/hlc';
import { SCHEMA_VERSION } from '$lib/oplog/format';
import type { GuanjiaDexie, SyncState } from './database';
import { newDeviceId } from './ids';

/**
 * Read this device's sync state inside a transaction. It is read (not cached) on every
 * write so that two tabs of one device can never hand out the same sequence number:
 * IndexedDB serialises read-write transactions on the same store.
 */
export async function readSyncState(db: GuanjiaDexie): Promise<SyncState> {
  const state = await db.meta.get('sync');
  if (state) return state;
  const device = newDeviceId();
  const fresh: SyncState = {
    key: 'sync',
    device,
    hlc: HLC_ZERO,
    vv: { [device]: 0 },
    rowsAt: SCHEMA_VERSION,
    roles: { at: {}, last: {} }
  };
  await db.meta.put(fresh);
  return fresh;
}

/** This device's id and what it holds, outside of any write. */
export async function syncState(db: GuanjiaDexie): Promise<SyncState> {
  return db.transaction('rw', db.meta, () => readSyncState(db));
}

export type { Transaction };

/**
 * A new database that joins an office under a device id chosen before it existed (a company
 * device pairs first and learns the office, hence the database, from the manager's answer).
 * Refuses a database that already has a place in an op log.
 */
export async function initSyncState(db: GuanjiaDexie, device: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if (await db.meta.get('sync')) throw new Error('database already has a sync state');
    await db.meta.put({ key: 'sync', device, hlc: HLC_ZERO, vv: { [device]: 0 } });
  });
}
