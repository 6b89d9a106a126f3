import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { generateBuilding } from '../actions/registry';
import { buildingSummaries, listBuildings, unitsOfBuilding } from './registry';

const manager: Actor = { staffId: 's1', role: 'manager' };

describe('registry queries', () => {
  it('lists a generated building with its units by status', async () => {
    const db = testDatabase();
    const [communityId] = await write(
      manager,
      [{ op: 'create', table: 'community', value: { name: '锦绣花园' } }],
      { db }
    );
    const plan = {
      communityId,
      code: '5',
      entrances: 1,
      fromFloor: 1,
      toFloor: 2,
      perFloor: 2,
      type: 'residential' as const,
      areaM2: 90
    };
    const { buildingId, units } = await generateBuilding(manager, plan, db);
    expect(units).toBe(4);
    expect((await listBuildings(communityId, db)).map((b) => b.code)).toEqual(['5']);
    expect(await buildingSummaries(communityId, db)).toMatchObject([
      {
        building: { id: buildingId },
        units: 4,
        byStatus: { vacant: 4, occupied: 0, renovating: 0 }
      }
    ]);
    expect((await unitsOfBuilding(buildingId, db)).map((u) => u.room)).toEqual([
      '0201',
      '0202',
      '0101',
      '0102'
    ]);
    await expect(generateBuilding(manager, plan, db)).rejects.toThrow(/buildingExists/);
  });
});
