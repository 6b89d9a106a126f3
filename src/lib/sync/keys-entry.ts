import type { GuanjiaDexie } from '$lib/db/database';

/** Where this device keeps the office's keys: the device-local `local` table, never synced. */
export const OFFICE_KEYS_ENTRY = 'sync.keys';

/**
 * Whether this device belongs to an office, without loading the sync engine (crypto,
 * schemas): the staff layout asks this on every start to decide whether to load it.
 */
export async function hasOfficeKeys(db: GuanjiaDexie): Promise<boolean> {
  return (await db.local.get(OFFICE_KEYS_ENTRY)) !== undefined;
}
