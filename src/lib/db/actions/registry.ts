import {
  buildingPlanForm,
  planUnits,
  plannedFloors,
  type BuildingPlan
} from '$lib/domain/records/building-plan';
import { buildingForm, type BuildingForm } from '$lib/domain/records/building';
import { unitForm, type UnitForm } from '$lib/domain/records/unit';
import type { z } from 'zod';
import { tableNames } from '$lib/domain/table-names';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { newId } from '../ids';
import { write, type Actor, type Change } from '../write';
import { WriteError } from '../write-error';

/**
 * The building generator (issue 5 §1): the building and all its units in one write, so a
 * building never exists half-made.
 */
export async function generateBuilding(
  actor: Actor,
  input: z.input<typeof buildingPlanForm>,
  db: GuanjiaDexie = database()
): Promise<{ buildingId: string; units: number }> {
  const plan: BuildingPlan = parseForm(buildingPlanForm, input);
  const existing = await db.building.where('communityId').equals(plan.communityId).toArray();
  if (existing.some((b) => !b.deleted && String(b.code).toUpperCase() === plan.code.toUpperCase()))
    throw duplicate('code', 'units.validation.buildingExists');
  const buildingId = newId();
  const units = planUnits(plan);
  const changes: Change[] = [
    {
      op: 'create',
      table: 'building',
      value: {
        id: buildingId,
        communityId: plan.communityId,
        code: plan.code,
        name: plan.name || undefined,
        floors: plannedFloors(plan),
        entrances: plan.entrances,
        lift: plan.lift
      }
    },
    ...units.map((u): Change => ({
      op: 'create',
      table: 'unit',
      value: { ...u, communityId: plan.communityId, buildingId, status: 'vacant' }
    }))
  ];
  await write(actor, changes, { db });
  return { buildingId, units: units.length };
}

/**
 * Edit a building's name, 总层数 and 电梯 (issue 14). Fewer floors than its highest unit is
 * refused at the field: the grid would show rooms above the roof.
 */
export async function saveBuilding(
  actor: Actor,
  id: string,
  input: BuildingForm,
  db: GuanjiaDexie = database()
): Promise<void> {
  const form = parseForm(buildingForm, input);
  const units = await db.unit.where('buildingId').equals(id).toArray();
  const top = Math.max(0, ...units.filter((u) => !u.deleted).map((u) => Number(u.floor)));
  if (form.floors < top)
    throw new WriteError('invalid', [
      {
        change: 0,
        path: ['floors'],
        message: 'units.validation.floorsBelowUnits',
        code: 'too_small'
      }
    ]);
  await write(
    actor,
    [{ op: 'update', table: 'building', id, patch: { ...form, name: form.name || undefined } }],
    { db }
  );
}

/** Add a unit, or edit one in place (issue 5 §1); a unit without a building is refused. */
export async function saveUnit(
  actor: Actor,
  id: string | undefined,
  input: UnitForm,
  db: GuanjiaDexie = database()
): Promise<string> {
  const form = parseForm(unitForm, input);
  const same = await db.unit.where('buildingId').equals(form.buildingId).toArray();
  if (
    same.some(
      (u) => !u.deleted && u.id !== id && u.entrance === form.entrance && u.room === form.room
    )
  )
    throw duplicate('room', 'units.validation.unitExists');
  if (id) {
    await write(actor, [{ op: 'update', table: 'unit', id, patch: form }], { db });
    return id;
  }
  const [created] = await write(actor, [{ op: 'create', table: 'unit', value: form }], { db });
  return created;
}

function duplicate(field: string, message: string): WriteError {
  return new WriteError('invalid', [{ change: 0, path: [field], message, code: 'duplicate' }]);
}

/**
 * Live rows of any table that name `id` in a field, or in a list of ids (a notice's units,
 * an incident's buildings): what keeps a unit or building from being deleted. A scan of
 * every table, so a record type added later is counted without being listed here.
 */
export async function referencesTo(id: string, db: GuanjiaDexie = database()): Promise<number> {
  let found = 0;
  for (const table of tableNames) {
    await db[table].each((row) => {
      if (row.deleted) return;
      for (const [key, value] of Object.entries(row))
        if (key !== 'id' && (value === id || (Array.isArray(value) && value.includes(id)))) {
          found++;
          return;
        }
    });
  }
  return found;
}

/**
 * Delete a unit, or a building, nothing refers to (issue 14 §2: a unit made by mistake, a
 * building generated with the wrong numbering). Returns the number of records that still
 * refer to it when it cannot go; 0 when it is deleted.
 */
export async function deleteRegistryEntry(
  actor: Actor,
  table: 'unit' | 'building',
  id: string,
  db: GuanjiaDexie = database()
): Promise<number> {
  const refs = await referencesTo(id, db);
  if (refs) return refs;
  await write(actor, [{ op: 'delete', table, id }], { db });
  return 0;
}
