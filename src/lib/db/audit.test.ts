import { describe, expect, it } from 'vitest';
import { auditTrail } from '$lib/domain/audit';
import { testDatabase } from './test-db';
import { write, type Actor } from './write';
import { recordIntake, recordStep } from './actions/tickets';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const manager: Actor = { staffId: 'M1', role: 'manager' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const zone = 'Asia/Shanghai';

describe('the audit trail over the op log (issue 20 fault 5)', () => {
  it('says who did what to which record, and filters by record, person and day', async () => {
    const db = testDatabase();
    const id = await recordIntake(
      desk,
      { kind: 'inquiry', channel: 'phone', communityId: 'c1', location: '大堂', content: '停车卡' },
      { db, now: T0 }
    );
    await recordStep(manager, id, 'answered', { text: '在前台办理' }, { db, now: T0 + 86_400_000 });
    const [personId] = await write(
      manager,
      [{ op: 'create', table: 'person', value: { kind: 'person', name: '李四', phones: [] } }],
      { db, now: T0 + 86_400_000 }
    );
    await write(
      manager,
      [{ op: 'update', table: 'person', id: personId, patch: { name: '李思' } }],
      {
        db,
        now: T0 + 2 * 86_400_000
      }
    );
    const chunks = await db.oplog.toArray();

    const ofTicket = auditTrail(chunks, { record: id, timeZone: zone });
    expect(ofTicket.map((c) => [c.actor, c.table, c.action, c.step ?? ''])).toEqual([
      ['M1', 'ticketEvent', 'step', 'answered'],
      ['F1', 'ticket', 'created', ''],
      ['F1', 'ticketEvent', 'step', 'recorded']
    ]);
    expect(ofTicket[1].label).toMatch(/^ZX-/);

    const byManagerOnDay3 = auditTrail(chunks, { person: 'M1', day: '2026-11-25', timeZone: zone });
    expect(byManagerOnDay3).toMatchObject([
      { table: 'person', rowId: personId, action: 'changed', fields: ['name'] }
    ]);
    expect(auditTrail(chunks, { person: 'F1', day: '2026-11-24', timeZone: zone })).toEqual([]);
  });
});
