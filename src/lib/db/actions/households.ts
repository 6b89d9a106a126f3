import { z } from 'zod';
import { houseHealthForm, type HouseHealthForm } from '$lib/domain/records/house-health';
import { occupancyRoles } from '$lib/domain/records/occupancy';
import { personForm, type PersonForm } from '$lib/domain/records/person';
import { segmentTagForm } from '$lib/domain/records/segment-tag';
import type { SensitiveField } from '$lib/domain/records/sensitive-reveal';
import { can } from '$lib/domain/roles';
import { database, type GuanjiaDexie } from '../database';
import { formError, parseForm } from '../form-error';
import { newId } from '../ids';
import { write, type Actor } from '../write';
import { WriteError, refusedWhole } from '../write-error';

/** A person's role on a unit as the desk enters it with the person (issue 5 §2). */
export const residentForm = z
  .object({
    role: z.enum(occupancyRoles, 'validation.choose'),
    from: z.iso.date('validation.date'),
    to: z.union([z.literal(''), z.iso.date('validation.date')]).optional()
  })
  .refine((r) => !r.to || r.to >= r.from, {
    path: ['to'],
    message: 'validation.endBeforeStart'
  });
export type ResidentForm = z.input<typeof residentForm>;

/**
 * Add someone to a unit: the person and their role in one write, so neither exists
 * without the other. Field problems of both come back at their fields (`person.*` is
 * flattened: `name`, `phones.0`; the role's are `role`, `from`, `to`).
 */
export async function addResident(
  actor: Actor,
  unitId: string,
  person: PersonForm,
  role: ResidentForm,
  db: GuanjiaDexie = database()
): Promise<{ personId: string; occupancyId: string }> {
  const personProblems = personForm.safeParse(person);
  const roleProblems = residentForm.safeParse(role);
  if (!personProblems.success || !roleProblems.success) {
    throw formError({
      issues: [...(personProblems.error?.issues ?? []), ...(roleProblems.error?.issues ?? [])]
    });
  }
  const personId = newId();
  const r = roleProblems.data;
  const [, occupancyId] = await write(
    actor,
    [
      { op: 'create', table: 'person', value: { ...personProblems.data, id: personId } },
      {
        op: 'create',
        table: 'occupancy',
        value: { unitId, personId, role: r.role, from: r.from, to: r.to || undefined }
      }
    ],
    { db }
  );
  return { personId, occupancyId };
}

/** Edit a person's archive entry (phones, emergency contact, preferences, tags, care flags…). */
export async function updatePerson(
  actor: Actor,
  personId: string,
  input: PersonForm,
  db: GuanjiaDexie = database()
): Promise<void> {
  const form = parseForm(personForm, input);
  await write(actor, [{ op: 'update', table: 'person', id: personId, patch: form }], { db });
}

/** Record a move-out or the end of a lease: the role stays in the history with its end date. */
export async function endOccupancy(
  actor: Actor,
  occupancyId: string,
  to: string,
  db: GuanjiaDexie = database()
): Promise<void> {
  const day = parseForm(z.iso.date('validation.date'), to);
  await write(actor, [{ op: 'update', table: 'occupancy', id: occupancyId, patch: { to: day } }], {
    db
  });
}

/** A maintenance entry in the unit's house health archive (000), with its photos. */
export async function addHealthEntry(
  actor: Actor,
  input: Omit<HouseHealthForm, 'category'> & { category: string },
  db: GuanjiaDexie = database()
): Promise<string> {
  const form = parseForm(houseHealthForm, input);
  const [id] = await write(actor, [{ op: 'create', table: 'houseHealthEntry', value: form }], {
    db
  });
  return id;
}

/** A new segment tag of the office's dictionary; names are unique. */
export async function addSegmentTag(
  actor: Actor,
  input: { name: string; note?: string },
  db: GuanjiaDexie = database()
): Promise<string> {
  const form = parseForm(segmentTagForm, input);
  const existing = await db.segmentTag.toArray();
  if (existing.some((t) => !t.deleted && t.name === form.name))
    throw new WriteError('invalid', [
      { change: 0, path: ['name'], message: 'households.validation.tagExists', code: 'duplicate' }
    ]);
  const [id] = await write(actor, [{ op: 'create', table: 'segmentTag', value: form }], { db });
  return id;
}

export async function removeSegmentTag(
  actor: Actor,
  id: string,
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'delete', table: 'segmentTag', id }], { db });
}

/**
 * Reveal a masked phone or ID number (issue 5 §4): only roles with `revealSensitive`, and
 * only with the reveal logged — who, when, which field of whom — in the same breath.
 * Returns the value to show.
 */
export async function revealSensitive(
  actor: Actor,
  personId: string,
  field: SensitiveField,
  index = 0,
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<string> {
  if (!can(actor.role, 'revealSensitive')) throw refusedWhole('forbidden');
  const person = await db.person.get(personId);
  if (!person || person.deleted) throw refusedWhole('notFound');
  await write(
    actor,
    [
      {
        op: 'create',
        table: 'sensitiveReveal',
        value: { personId, field, staffId: actor.staffId, at: now }
      }
    ],
    { db, now }
  );
  if (field === 'idNumber') return String(person.idNumber ?? '');
  if (field === 'emergencyPhone')
    return String((person.emergencyContact as { phone?: string } | undefined)?.phone ?? '');
  return String((person.phones as string[] | undefined)?.[index] ?? '');
}

/**
 * Reveal the phone a request's caller gave (its page, its printout): only roles with
 * `revealSensitive`, logged like a reveal on the household page (issue 20 fault 4).
 */
export async function revealTicketPhone(
  actor: Actor,
  ticketId: string,
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<string> {
  if (!can(actor.role, 'revealSensitive')) throw refusedWhole('forbidden');
  const ticket = await db.ticket.get(ticketId);
  if (!ticket || ticket.deleted) throw refusedWhole('notFound');
  await write(
    actor,
    [
      {
        op: 'create',
        table: 'sensitiveReveal',
        value: {
          personId: String(ticket.personId ?? ''),
          ticketId,
          field: 'phone',
          staffId: actor.staffId,
          at: now
        }
      }
    ],
    { db, now }
  );
  return String(ticket.callerPhone ?? '');
}
