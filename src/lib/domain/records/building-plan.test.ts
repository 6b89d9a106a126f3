import { describe, expect, it } from 'vitest';
import { buildingPlanForm, planUnits, plannedFloors } from './building-plan';

const plan = {
  communityId: 'c',
  code: '3',
  entrances: 1,
  fromFloor: 1,
  toFloor: 18,
  perFloor: 4,
  type: 'residential' as const,
  areaM2: 89
};

describe('building generator', () => {
  it('numbers 1–18 floors of 4 flats 0101…1804', () => {
    const units = planUnits(buildingPlanForm.parse(plan));
    expect(units).toHaveLength(72);
    expect(units.slice(0, 5).map((u) => u.room)).toEqual(['0101', '0102', '0103', '0104', '0201']);
    expect(units.at(-1)).toMatchObject({ room: '1804', floor: 18, entrance: '' });
  });

  it('gives each entrance its flats and skips floor 0 below ground', () => {
    const p = buildingPlanForm.parse({ ...plan, entrances: 2, fromFloor: -1, toFloor: 2 });
    const units = planUnits(p);
    expect(plannedFloors(p)).toBe(3);
    expect(units).toHaveLength(2 * 3 * 4);
    expect(units[0]).toMatchObject({ entrance: '1', room: 'B101', floor: -1 });
    expect(units.at(-1)).toMatchObject({ entrance: '2', room: '0204' });
  });

  it('numbers rooms 101 … 1804 when the office writes them so (issue 14)', () => {
    const units = planUnits(buildingPlanForm.parse({ ...plan, numbering: 'plain' }));
    expect(units.slice(0, 2).map((u) => u.room)).toEqual(['101', '102']);
    expect(units.at(-1)?.room).toBe('1804');
  });

  it('gives a one-单元 building 单元 1 when asked (HC writes 1-101)', () => {
    const units = planUnits(buildingPlanForm.parse({ ...plan, entranceless: false }));
    expect(units[0]).toMatchObject({ entrance: '1', room: '0101' });
  });

  it('refuses floors in the wrong order', () => {
    const r = buildingPlanForm.safeParse({ ...plan, fromFloor: 10, toFloor: 2 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['toFloor'] });
  });
});
