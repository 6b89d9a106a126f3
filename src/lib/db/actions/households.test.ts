import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import type { Actor } from '../write';
import { addResident } from './households';

const manager: Actor = { staffId: 'M1', role: 'manager' };

describe('adding a resident', () => {
  it('refuses the person and the role together, each problem at its field, and writes nothing', async () => {
    const db = testDatabase();
    await expect(
      addResident(
        manager,
        'U1',
        { name: '', phones: ['12'] },
        { role: 'owner', from: '2026-05-01', to: '2026-04-01' },
        db
      )
    ).rejects.toMatchObject({
      kind: 'invalid',
      issues: [
        { change: 0, path: ['name'] },
        { change: 0, path: ['phones', 0] },
        { change: 0, path: ['to'], message: 'validation.endBeforeStart' }
      ]
    });
    expect(await db.person.count()).toBe(0);
    expect(await db.occupancy.count()).toBe(0);
  });
});
