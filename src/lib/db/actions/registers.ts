import type { RegisterEntry } from '$lib/domain/records/register-entry';
import { write, type Actor } from '../write';

export type NewRegisterEntry = Omit<
  RegisterEntry,
  'id' | 'createdAt' | 'updatedAt' | 'deleted' | 'voided' | 'voidReason' | 'handling'
> & { handling?: string };

/** A case or an inspection in a department's register (004 三, 六–九), through the write path. */
export async function addRegisterEntry(actor: Actor, entry: NewRegisterEntry): Promise<string> {
  const [id] = await write(actor, [{ op: 'create', table: 'registerEntry', value: entry }]);
  return id;
}

/** 004 九: a violation handled (制止、整改到位) on a day, and how. */
export async function handleViolation(
  actor: Actor,
  id: string,
  handledOn: string,
  handling: string
): Promise<void> {
  await write(actor, [
    { op: 'update', table: 'registerEntry', id, patch: { handledOn, handling } }
  ]);
}

/** A mistaken row is voided with a reason: kept, left out of every indicator. */
export async function voidRegisterEntry(actor: Actor, id: string, reason: string): Promise<void> {
  await write(actor, [
    { op: 'update', table: 'registerEntry', id, patch: { voided: true, voidReason: reason } }
  ]);
}
