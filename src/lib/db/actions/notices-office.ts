import { z } from 'zod';
import { OFFICE_ID, officePhone } from '$lib/domain/records/office';
import { parseForm } from '../form-error';
import { putBlob } from '../blobs';
import { database, type GuanjiaDexie } from '../database';
import { SHORT_LINK_RELAY_KEY } from '../queries/notices';
import { write, type Actor } from '../write';

/** The stamp image printed on notices (001 篇2 4.2.2: 客户服务部章), stored as a blob. */
export async function setOfficeStamp(
  actor: Actor,
  bytes: Uint8Array,
  type: string,
  db: GuanjiaDexie = database()
): Promise<string> {
  const hash = await putBlob(bytes, type, db);
  await write(
    actor,
    [{ op: 'update', table: 'office', id: OFFICE_ID, patch: { stampBlob: hash } }],
    { db }
  );
  return hash;
}

/** Where short links are stored: this device's setting (empty: long links only). */
export async function setShortLinkRelay(url: string, db: GuanjiaDexie = database()): Promise<void> {
  await db.local.put({ key: SHORT_LINK_RELAY_KEY, value: url.trim() });
}

/** The desk's phone printed on notices ({phone} in a template); empty clears it. */
export async function setOfficePhone(
  actor: Actor,
  phone: string,
  db: GuanjiaDexie = database()
): Promise<void> {
  const form = parseForm(z.object({ phone: officePhone }), { phone });
  await write(
    actor,
    [
      {
        op: 'update',
        table: 'office',
        id: OFFICE_ID,
        patch: { phone: form.phone }
      }
    ],
    { db }
  );
}
