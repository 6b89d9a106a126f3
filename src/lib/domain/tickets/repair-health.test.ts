import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from './fold';
import { healthCategoryOf, repairWorks } from './repair-health';

const zone = 'Asia/Shanghai';
const ticket = {
  id: 't1',
  kind: 'repair' as const,
  unitId: 'u1',
  category: '水电',
  number: 'BX-20261123-A007',
  outsideServiceList: false,
  deleted: false
};
const at = Date.parse('2026-11-23T02:00:00Z'); // 10:00 in Shanghai
let n = 0;
const event = (type: string, data: Record<string, unknown> = {}, offset = 0): TimelineEvent => ({
  id: `e${++n}`,
  type,
  at: at + offset * 60_000,
  staffId: 'li',
  data
});

describe("a finished repair in the unit's house health archive (issue 20 fault 8)", () => {
  it('gives one archive line per accepted round of work, on the office day', () => {
    const events = [
      event('recorded', {}, 0),
      event('dispatched', { department: 'engineering', assigneeId: 'li' }, 1),
      event('accepted', {}, 2),
      event('arrived', {}, 3),
      event('done', { record: '更换厨房水龙头', photos: ['a'.repeat(64)] }, 4)
    ];
    expect(repairWorks(ticket, events, zone)).toEqual([
      {
        id: events[4].id,
        ticketId: 't1',
        number: 'BX-20261123-A007',
        unitId: 'u1',
        category: 'waterElectric',
        date: '2026-11-23',
        description: '水电：更换厨房水龙头',
        staffId: 'li',
        photos: ['a'.repeat(64)]
      }
    ]);
  });

  it('leaves out a done step the workflow refused, common areas and other kinds', () => {
    const early = [event('recorded'), event('done', { record: '没到场就报完成' }, 1)];
    expect(repairWorks(ticket, early, zone)).toEqual([]);
    const done = [
      event('recorded'),
      event('dispatched', { department: 'engineering', assigneeId: 'li' }, 1),
      event('accepted', {}, 2),
      event('arrived', {}, 3),
      event('done', { record: '修好' }, 4)
    ];
    expect(repairWorks({ ...ticket, unitId: undefined }, done, zone)).toEqual([]);
    expect(repairWorks({ ...ticket, kind: 'complaint' }, done, zone)).toEqual([]);
  });

  it('files the office’s categories under the archive headings', () => {
    expect(healthCategoryOf('空调')).toBe('airConditioning');
    expect(healthCategoryOf('门窗')).toBe('decoration');
    expect(healthCategoryOf('给排水')).toBe('waterElectric');
    expect(healthCategoryOf('房屋本体')).toBe('structure');
  });
});
