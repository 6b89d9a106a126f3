import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { intakePlace } from '../queries/tickets';
import { addResident, revealTicketPhone } from './households';
import { recordIntake } from './tickets';

const manager: Actor = { staffId: 'M1', role: 'manager' };
const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const supervisor: Actor = { staffId: 'S1', role: 'supervisor' };

/** A unit with one owner whose phone is on file. */
async function household() {
  const db = testDatabase();
  const [unitId] = await write(
    manager,
    [
      {
        op: 'create',
        table: 'unit',
        value: { communityId: 'c1', buildingId: 'b1', room: '1201', floor: 12, areaM2: 89 }
      }
    ],
    { db }
  );
  const { personId } = await addResident(
    manager,
    unitId,
    { name: '张三', phones: ['13812345678'] },
    { role: 'owner', from: '2026-01-01' },
    db
  );
  return { db, unitId, personId };
}

describe('privacy of phones (issue 20 fault 4)', () => {
  it('picking a household in the request form never hands over the full phone', async () => {
    const { db, unitId, personId } = await household();
    const place = await intakePlace(unitId, personId, db);
    expect(place?.maskedPhone).toBe('138****5678');
    expect(JSON.stringify(place)).not.toContain('13812345678');
  });

  it('the request page reveals a caller phone only to a role allowed to, and logs it', async () => {
    const { db, unitId, personId } = await household();
    const id = await recordIntake(
      desk,
      {
        kind: 'inquiry',
        channel: 'phone',
        communityId: 'c1',
        unitId,
        personId,
        callerPhone: '13812345678',
        content: '物业费怎么交'
      },
      { db }
    );
    await expect(revealTicketPhone(desk, id, db)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await db.sensitiveReveal.count()).toBe(0);
    expect(await revealTicketPhone(supervisor, id, db, 5_000)).toBe('13812345678');
    const [logged] = await db.sensitiveReveal.toArray();
    expect(logged).toMatchObject({
      personId,
      ticketId: id,
      staffId: 'S1',
      field: 'phone',
      at: 5_000
    });
  });
});
