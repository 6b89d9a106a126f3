import { hashPin } from '$lib/auth/pin';
import { newStaffForm, pinSchema, type NewStaffForm } from '$lib/domain/records/staff';
import type { Role } from '$lib/domain/roles';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { write, type Actor } from '../write';

/** The manager adds a colleague with a role and a first PIN. */
export async function addStaff(
  actor: Actor,
  input: NewStaffForm,
  db: GuanjiaDexie = database()
): Promise<string> {
  const form = parseForm(newStaffForm, input);
  const pin = await hashPin(form.pin);
  const [id] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'staff',
        value: { name: form.name, role: form.role, phone: form.phone || undefined, ...pin }
      }
    ],
    { db }
  );
  return id;
}

export async function updateStaff(
  actor: Actor,
  id: string,
  patch: { name?: string; role?: Role; active?: boolean },
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'staff', id, patch }], { db });
}

export async function resetPin(
  actor: Actor,
  id: string,
  pin: string,
  db: GuanjiaDexie = database()
): Promise<void> {
  const valid = parseForm(pinSchema, pin);
  await write(actor, [{ op: 'update', table: 'staff', id, patch: await hashPin(valid) }], { db });
}
