// Issue 20 fault 8: a finished repair shows in the unit's house health archive.
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { recordIntake, recordStep } from '../actions/tickets';
import { getHousehold } from './households';

const manager: Actor = { staffId: 'mgr', role: 'manager' };
const desk: Actor = { staffId: 'desk1', role: 'frontDesk' };
const engineer: Actor = { staffId: 'eng1', role: 'engineer' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const MIN = 60_000;

describe('house health archive', () => {
  it('lists a finished in-unit repair with its work record, linked to the request', async () => {
    const db = testDatabase();
    await write(
      manager,
      [
        { op: 'create', table: 'community', value: { id: 'c1', name: '锦绣花园' } },
        {
          op: 'create',
          table: 'building',
          value: { id: 'b1', communityId: 'c1', code: '3', floors: 6 }
        },
        {
          op: 'create',
          table: 'unit',
          value: {
            id: 'u1',
            communityId: 'c1',
            buildingId: 'b1',
            floor: 2,
            room: '201',
            areaM2: 89
          }
        },
        {
          op: 'create',
          table: 'staff',
          value: {
            id: 'eng1',
            name: '李师傅',
            role: 'engineer',
            pinHash: 'a'.repeat(32),
            pinSalt: 'b'.repeat(32),
            pinIterations: 10_000
          }
        }
      ],
      { db }
    );
    const id = await recordIntake(
      desk,
      {
        kind: 'repair',
        channel: 'phone',
        communityId: 'c1',
        unitId: 'u1',
        callerName: '张三',
        content: '厨房水龙头漏水',
        category: '水电'
      },
      { db, now: T0 }
    );
    const before = await getHousehold('u1', '2026-11-23', db);
    expect(before?.health).toEqual([]);
    await recordStep(
      desk,
      id,
      'dispatched',
      { department: 'engineering', assigneeId: 'eng1' },
      { db, now: T0 + MIN }
    );
    await recordStep(engineer, id, 'accepted', {}, { db, now: T0 + 2 * MIN });
    await recordStep(engineer, id, 'arrived', {}, { db, now: T0 + 8 * MIN });
    await recordStep(
      engineer,
      id,
      'done',
      { record: '更换阀芯', materialsCheck: 'none' },
      { db, now: T0 + 30 * MIN }
    );

    const after = await getHousehold('u1', '2026-11-23', db);
    expect(after?.health).toEqual([
      expect.objectContaining({
        unitId: 'u1',
        category: 'waterElectric',
        date: '2026-11-23',
        description: '水电：更换阀芯',
        doneBy: '李师傅',
        ticketId: id
      })
    ]);
  });
});
