import type { StoredRow } from '$lib/oplog/format';
import type { GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { write, type Actor, type Change } from '$lib/db/write';
import { fromBase64Url, rotateOfficeKey, signRevocationList, verifyRevocationList } from './crypto';
import type { SyncEngine } from './engine';
import { openKeyGrant, sealKeyGrant } from './key-grant';
import { currentKey, type OfficeKeys } from './office-keys';
import { syncLog } from './sync-log';

/**
 * Remove a lost or retired device (issue #4): a signed revocation list one version up
 * (the relay refuses the device from then on), a new office key epoch sealed to each
 * remaining device on its device row, the device row soft-deleted — one write. Ops from
 * the next seq on are sealed with the new key, which the removed device never gets.
 * Returns the new keys; the caller saves them (RunningSync.setKeys) and tells the relay.
 */
export async function removeDevice(
  db: GuanjiaDexie,
  keys: OfficeKeys,
  actor: Actor,
  removed: string
): Promise<OfficeKeys> {
  if (!keys.officeSecret) throw new Error('this device cannot sign for the office');
  if (removed === keys.device) throw new Error('a device cannot remove itself');
  const revocation = signRevocationList(
    keys.officeSecret,
    keys.office,
    (keys.revocation?.version ?? 0) + 1,
    [...new Set([...(keys.revocation?.devices ?? []), removed])]
  );
  const key = rotateOfficeKey(currentKey(keys));
  const rows = (await db.device.toArray()).filter((r) => !r.deleted && r.id !== removed);
  const changes: Change[] = [{ op: 'delete', table: 'device', id: removed }];
  for (const row of rows) {
    if (row.id === keys.device) continue;
    const envelope = await sealKeyGrant(
      { key, revocation },
      keys.office,
      row.id,
      fromBase64Url(String(row.key))
    );
    const grants = { ...(row.grants as Record<string, string> | undefined), [key.epoch]: envelope };
    changes.push({ op: 'update', table: 'device', id: row.id, patch: { grants } });
  }
  await write(actor, changes, { db });
  const seq = (await syncState(db)).vv[keys.device] ?? 0;
  return {
    ...keys,
    revocation,
    epochs: [...keys.epochs, key],
    epochFrom: { ...keys.epochFrom, [key.epoch]: seq + 1 }
  };
}

/**
 * Take the office keys sealed to this device on its row (after a rotation elsewhere).
 * Returns the new keys, or undefined if there was nothing new.
 */
export async function absorbKeyGrants(
  engine: SyncEngine,
  row: StoredRow
): Promise<OfficeKeys | undefined> {
  const grants = row.grants as Record<string, string> | undefined;
  if (!grants) return undefined;
  let keys = engine.keys;
  let changed = false;
  for (const [epoch, envelope] of Object.entries(grants)) {
    if (keys.epochs.some((k) => k.epoch === Number(epoch))) continue;
    const grant = await openKeyGrant(envelope, keys.office, keys.device, keys.deviceSecret);
    if (!grant || grant.key.epoch !== Number(epoch)) {
      syncLog('reject', { reason: 'bad-key-grant', epoch });
      continue;
    }
    const seq = (await engine.vector())[keys.device] ?? 0;
    keys = {
      ...keys,
      epochs: [...keys.epochs, grant.key],
      epochFrom: { ...keys.epochFrom, [grant.key.epoch]: seq + 1 }
    };
    const list = grant.revocation;
    if (
      list &&
      list.version > (keys.revocation?.version ?? 0) &&
      verifyRevocationList(keys.officePublic, keys.office, list)
    )
      keys = { ...keys, revocation: list };
    changed = true;
  }
  return changed ? keys : undefined;
}
