import { describe, expect, it } from 'vitest';
import { hcAssetExpected, hcAssetSheet } from '../../../../tests/fixtures/hc-workbooks';
import { guessMapping } from '$lib/domain/import/columns';
import { prepareSource } from '$lib/domain/import/hc';
import { planImport } from '$lib/domain/import/plan';
import { importRegistry } from '../queries/registry';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { applyImport } from './import';
import { WriteError } from '../write-error';
import { updatePerson } from './households';
import { deleteRegistryEntry, generateBuilding, saveBuilding } from './registry';

const manager: Actor = { staffId: 'M1', role: 'manager' };

async function community(db: ReturnType<typeof testDatabase>) {
  const [id] = await write(
    manager,
    [{ op: 'create', table: 'community', value: { name: '锦绣花园' } }],
    { db }
  );
  return id;
}

describe('the registry (issue 14)', () => {
  it('generates rooms 101… with 单元 1, and deletes only what nothing refers to', async () => {
    const db = testDatabase();
    const communityId = await community(db);
    const { buildingId } = await generateBuilding(
      manager,
      {
        communityId,
        code: '7',
        entrances: 1,
        fromFloor: 1,
        toFloor: 2,
        perFloor: 2,
        type: 'residential',
        areaM2: 80,
        numbering: 'plain',
        entranceless: false
      },
      db
    );
    const units = await db.unit.where('buildingId').equals(buildingId).toArray();
    expect(units.map((u) => `${u.entrance}-${u.room}`).sort()).toEqual([
      '1-101',
      '1-102',
      '1-201',
      '1-202'
    ]);
    const [lived, spare] = units;
    await write(
      manager,
      [
        { op: 'create', table: 'person', value: { name: '张三' } },
        {
          op: 'create',
          table: 'occupancy',
          value: { unitId: lived.id, personId: 'P', role: 'owner', from: '2026-01-01' }
        }
      ],
      { db }
    );
    expect(await deleteRegistryEntry(manager, 'unit', lived.id, db)).toBe(1);
    expect(await deleteRegistryEntry(manager, 'unit', spare.id, db)).toBe(0);
    expect((await db.unit.get(spare.id))?.deleted).toBe(true);
    expect(await deleteRegistryEntry(manager, 'building', buildingId, db)).toBe(3);
    for (const u of units.slice(2)) await deleteRegistryEntry(manager, 'unit', u.id, db);
    const occupancy = await db.occupancy.toArray();
    await write(manager, [{ op: 'delete', table: 'occupancy', id: occupancy[0].id }], { db });
    expect(await deleteRegistryEntry(manager, 'unit', lived.id, db)).toBe(0);
    expect(await deleteRegistryEntry(manager, 'building', buildingId, db)).toBe(0);
    expect((await db.building.get(buildingId))?.deleted).toBe(true);
  });

  it('keeps 电梯 and 总层数 from the generator and the building form, refused at the field', async () => {
    const db = testDatabase();
    const communityId = await community(db);
    const plan = {
      communityId,
      code: '9',
      entrances: 1,
      fromFloor: 1,
      toFloor: 6,
      perFloor: 1,
      type: 'residential' as const,
      areaM2: 80
    };
    const { buildingId } = await generateBuilding(manager, { ...plan, lift: false }, db);
    expect(await db.building.get(buildingId)).toMatchObject({ floors: 6, lift: false });
    await saveBuilding(manager, buildingId, { name: '北楼', floors: 7, lift: true }, db);
    expect(await db.building.get(buildingId)).toMatchObject({
      name: '北楼',
      floors: 7,
      lift: true
    });
    // Below its highest unit, or not a number: refused at the field, nothing written.
    for (const [floors, message] of [
      [5, 'units.validation.floorsBelowUnits'],
      [Number.NaN, 'validation.number']
    ] as const) {
      const refused = await saveBuilding(manager, buildingId, { floors }, db).catch((e) => e);
      expect(refused).toBeInstanceOf(WriteError);
      expect((refused as WriteError).issues[0]).toMatchObject({ path: ['floors'], message });
    }
    expect(await db.building.get(buildingId)).toMatchObject({ floors: 7, lift: true });
    // Without a lift choice the building has none recorded.
    const other = await generateBuilding(manager, { ...plan, code: '10' }, db);
    expect((await db.building.get(other.buildingId))?.lift).toBeUndefined();
  });

  it("keeps a person's 性别 from the form, and refuses a made-up one at the field", async () => {
    const db = testDatabase();
    const [personId] = await write(
      manager,
      [{ op: 'create', table: 'person', value: { name: '李强' } }],
      { db }
    );
    await updatePerson(manager, personId, { name: '李强', gender: 'male' }, db);
    expect((await db.person.get(personId))?.gender).toBe('male');
    const refused = await updatePerson(
      manager,
      personId,
      { name: '李强', gender: 'x' as 'male' },
      db
    ).catch((e) => e);
    expect((refused as WriteError).issues[0]).toMatchObject({
      path: ['gender'],
      message: 'validation.choose'
    });
    expect((await db.person.get(personId))?.gender).toBe('male');
  });

  it('imports an HC workbook through the write path, and again changes nothing', async () => {
    const db = testDatabase();
    const communityId = await community(db);
    const { rows } = hcAssetSheet();
    const source = prepareSource(
      [{ name: '资产信息', rows, lines: rows.map((_, i) => i + 1) }],
      (h) => guessMapping(h)
    );
    const plan = planImport(
      source.rows,
      source.mapping,
      await importRegistry(communityId, '2026-12-05', db),
      source.options
    );
    await applyImport(manager, plan.changes, { db });
    expect(await db.building.count()).toBe(hcAssetExpected.buildings);
    expect(await db.unit.count()).toBe(hcAssetExpected.units);
    expect(await db.person.count()).toBe(hcAssetExpected.people);
    const again = planImport(
      source.rows,
      source.mapping,
      await importRegistry(communityId, '2026-12-06', db),
      source.options
    );
    expect(again.changes).toEqual([]);
  });
});
