import { z } from 'zod';
import { ticketKinds } from '$lib/domain/records/ticket';
import { departments } from '$lib/domain/tickets/departments';
import { defaultCategories } from '$lib/domain/tickets/default-categories';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { write, type Actor, type Change } from '../write';

export const categoryForm = z.object({
  kind: z.enum(ticketKinds, 'validation.choose'),
  name: z.string().trim().min(1, 'validation.required').max(40, 'validation.tooLong'),
  department: z.enum(departments).optional(),
  inServiceList: z.boolean().default(true)
});
export type CategoryForm = z.input<typeof categoryForm>;

/** The office starts its own dictionary from the defaults (003 篇三: dictionaries it can edit). */
export async function adoptDefaultCategories(
  actor: Actor,
  db: GuanjiaDexie = database()
): Promise<void> {
  if ((await db.ticketCategory.count()) > 0) return;
  const changes: Change[] = defaultCategories.map((c, i) => ({
    op: 'create',
    table: 'ticketCategory',
    value: { ...c, order: (i + 1) * 10, inServiceList: true, active: true }
  }));
  await write(actor, changes, { db });
}

export async function addCategory(
  actor: Actor,
  input: CategoryForm,
  db: GuanjiaDexie = database()
): Promise<string> {
  const form = parseForm(categoryForm, input);
  const [id] = await write(
    actor,
    [{ op: 'create', table: 'ticketCategory', value: { ...form, order: 1000, active: true } }],
    { db }
  );
  return id;
}

export async function updateCategory(
  actor: Actor,
  id: string,
  patch: { name?: string; active?: boolean; inServiceList?: boolean },
  db: GuanjiaDexie = database()
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'ticketCategory', id, patch }], { db });
}
