import { z } from 'zod';
import { incidentKinds } from '$lib/domain/records/incident';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { write, type Actor } from '../write';

/** An incident as the desk announces it (issue 6 §6). */
export const incidentForm = z
  .object({
    communityId: z.string().min(1, 'validation.required'),
    buildingIds: z.array(z.string()).default([]),
    kind: z.enum(incidentKinds, 'validation.choose'),
    planned: z.boolean().default(false),
    title: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
    script: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong'),
    startsAt: z.number('validation.required').int().nonnegative(),
    endsAt: z.number().int().nonnegative().optional()
  })
  .refine((f) => f.endsAt === undefined || f.endsAt >= f.startsAt, {
    path: ['endsAt'],
    message: 'validation.endBeforeStart'
  });
export type IncidentForm = z.input<typeof incidentForm>;

export async function announceIncident(
  actor: Actor,
  input: IncidentForm,
  db: GuanjiaDexie = database()
): Promise<string> {
  const form = parseForm(incidentForm, input);
  const [id] = await write(actor, [{ op: 'create', table: 'incident', value: form }], { db });
  return id;
}

/** The cut is over: the script leaves the intake screen. */
export async function endIncident(
  actor: Actor,
  id: string,
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<void> {
  const now = options.now ?? Date.now();
  await write(actor, [{ op: 'update', table: 'incident', id, patch: { endedAt: now } }], {
    db: options.db,
    now
  });
}

/** A call about an incident: counted on the incident instead of becoming a request. */
export async function attachCall(
  actor: Actor,
  call: {
    incidentId: string;
    unitId?: string;
    personId?: string;
    callerName?: string;
    callerPhone?: string;
    note?: string;
  },
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<string> {
  const now = options.now ?? Date.now();
  const [id] = await write(
    actor,
    [{ op: 'create', table: 'incidentCall', value: { ...call, at: now, staffId: actor.staffId } }],
    { db: options.db, now }
  );
  return id;
}
