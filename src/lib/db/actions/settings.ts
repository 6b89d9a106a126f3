import { SETTINGS_ID, type Settings } from '$lib/domain/records/settings';
import { database, type GuanjiaDexie } from '../database';
import { write, type Actor } from '../write';

type SettingsPatch = Partial<Omit<Settings, 'id' | 'createdAt' | 'updatedAt' | 'deleted'>>;

/** The manager changes office settings; only the changed fields become ops. */
export async function updateSettings(
  actor: Actor,
  patch: SettingsPatch,
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'settings', id: SETTINGS_ID, patch }], { db });
}

export async function renameOffice(
  actor: Actor,
  name: string,
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'office', id: 'office', patch: { name } }], { db });
}
