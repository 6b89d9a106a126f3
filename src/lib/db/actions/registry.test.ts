import { describe, expect, it } from 'vitest';
import { hcAssetExpected, hcAssetSheet } from '../../../../tests/fixtures/hc-workbooks';
import { guessMapping } from '$lib/domain/import/columns';
import { prepareSource } from '$lib/domain/import/hc';
import { planImport } from '$lib/domain/import/plan';
import { importRegistry } from '../queries/registry';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { applyImport } from './import';
import { deleteRegistryEntry, generateBuilding } from './registry';

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
