import { hashPin } from '$lib/auth/pin';
import { OFFICE_ID, officeSetupForm, type OfficeSetupForm } from '$lib/domain/records/office';
import { SETTINGS_ID, defaultSettings } from '$lib/domain/records/settings';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { parseForm } from '$lib/db/form-error';
import { newId } from '$lib/db/ids';
import { write, type Actor } from '$lib/db/write';
import { WriteError } from '$lib/db/write-error';
import { syncState } from '$lib/db/sync-state';
import { createOfficeKeys, saveOfficeKeys } from '$lib/sync/office-keys';

/**
 * In lib/setup, above storage and sync (issue 12: lib/db imports neither lib/sync nor
 * lib/owner-link, lib/sync knows no records): the office's keys are sync's, the records are
 * the domain's and go through the one write path.
 *
 * First run (foundation issue §5): create the office, its first community, the default
 * settings and the first manager, in one write made by that manager. Issue #4: the office's
 * keys (signing pair, AES key epoch 1) and this device's certificate are created with it,
 * in device-local storage, and the device is listed in the synced `device` table.
 */
export async function setupOffice(
  input: OfficeSetupForm,
  db: GuanjiaDexie = database(),
  deviceName = '设备 1'
): Promise<Actor> {
  const form = parseForm(officeSetupForm, input);
  if (await db.office.get(OFFICE_ID))
    throw new WriteError('invalid', [
      { change: 0, path: [], message: 'setup.alreadyDone', code: 'custom' }
    ]);
  const manager: Actor = { staffId: newId(), role: 'manager' };
  const pin = await hashPin(form.pin);
  const keys = createOfficeKeys((await syncState(db)).device);
  await saveOfficeKeys(db, keys);
  await write(
    manager,
    [
      {
        op: 'create',
        table: 'office',
        value: {
          id: OFFICE_ID,
          name: form.officeName,
          ...(form.officePhone ? { phone: form.officePhone } : {})
        }
      },
      { op: 'create', table: 'settings', value: { id: SETTINGS_ID, ...defaultSettings() } },
      { op: 'create', table: 'community', value: { name: form.communityName } },
      {
        op: 'create',
        table: 'staff',
        value: { id: manager.staffId, name: form.managerName, role: 'manager', ...pin }
      },
      {
        op: 'create',
        table: 'device',
        value: { id: keys.device, name: deviceName, key: keys.cert.key, sig: keys.cert.sig }
      }
    ],
    { db }
  );
  return manager;
}
