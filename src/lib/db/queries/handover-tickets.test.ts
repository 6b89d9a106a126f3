import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-db';
import type { Actor } from '../write';
import { recordIntake, recordStep } from '../actions/tickets';
import { linkedTickets } from './handover-tickets';
import { getSettings } from './office';

const desk: Actor = { staffId: 'desk1', role: 'frontDesk' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const MIN = 60_000;

describe('requests linked from a shift’s pending items', () => {
  it('show their number, content and where they stand now', async () => {
    const db = testDatabase();
    const id = await recordIntake(
      desk,
      {
        kind: 'repair',
        channel: 'phone',
        communityId: 'c1',
        unitId: 'u1',
        callerName: '张三',
        callerPhone: '13812345678',
        content: '厨房水龙头漏水',
        category: '水电'
      },
      { db, now: T0 }
    );
    const settings = await getSettings(db);
    let linked = (await linkedTickets([id, 'gone'], settings, db)).get(id);
    expect(linked).toMatchObject({ content: '厨房水龙头漏水', status: 'recorded', open: true });
    expect(linked?.number).toMatch(/\d/);
    expect(linked?.dueAt).toBeUndefined();

    await recordStep(
      desk,
      id,
      'dispatched',
      { department: 'engineering', assigneeId: 'eng1' },
      { db, now: T0 + MIN }
    );
    linked = (await linkedTickets([id], settings, db)).get(id);
    expect(linked?.status).toBe('dispatched');
    // Dispatched: the engineer's arrival is due; past it the item reads "overdue".
    expect(linked?.dueAt).toBe(T0 + MIN + settings.repairArrivalMinutes * MIN);
    expect((await linkedTickets([id, 'gone'], settings, db)).has('gone')).toBe(false);
  });
});
