import { z } from 'zod';
import { requiredText } from '../record';
import { unitTypes, type UnitType } from './unit';

const int = (min: number, max: number) =>
  z
    .number('validation.number')
    .int('validation.integer')
    .min(min, 'validation.tooSmall')
    .max(max, 'validation.tooBig');

/** The building generator's form: "1–18 层，每层 4 户，编号 0101…" (issue 5 §1). */
export const buildingPlanForm = z
  .object({
    communityId: z.string().min(1, 'validation.required'),
    code: requiredText(20),
    name: z.string().trim().max(40).optional(),
    entrances: int(1, 20),
    fromFloor: int(-5, 200),
    toFloor: int(-5, 200),
    perFloor: int(1, 30),
    type: z.enum(unitTypes),
    /**
     * Room numbers: `padded` floor in two digits (0101 … 1804), `plain` as HC小区管理系统 and
     * most developers write them (101 … 1804) (issue 14 §2).
     */
    numbering: z.enum(['padded', 'plain']).default('padded'),
    /** A building of one 单元: its rooms without 单元 (3-1201), or with 单元 1 (3-1-1201). */
    entranceless: z.boolean().default(true),
    /** 是否有电梯; absent when the office does not say (issue 14). */
    lift: z.boolean('validation.choose').optional(),
    areaM2: z
      .number('validation.number')
      .positive('validation.greaterThan')
      .max(100_000, 'validation.tooBig')
  })
  .refine((p) => p.toFloor >= p.fromFloor, {
    path: ['toFloor'],
    message: 'units.validation.floorsOrder'
  })
  .refine((p) => p.entrances * p.perFloor * floorCount(p.fromFloor, p.toFloor) <= 5000, {
    path: ['perFloor'],
    message: 'units.validation.tooManyUnits'
  });
export type BuildingPlan = z.output<typeof buildingPlanForm>;

export interface PlannedUnit {
  entrance: string;
  room: string;
  floor: number;
  type: UnitType;
  areaM2: number;
}

/** Floors from..to, without a floor 0 (buildings go from B1 to 1). */
function floorCount(from: number, to: number): number {
  return to - from + 1 - (from <= 0 && to >= 0 ? 1 : 0);
}

/**
 * The units of a planned building. Rooms are numbered floor + position, the position in two
 * digits and the floor in two (0101, 0102 … 1804) or as it is (101 … 1804), as the office
 * chooses; basement floors are B1…: B101, B102.
 */
export function planUnits(plan: BuildingPlan): PlannedUnit[] {
  const units: PlannedUnit[] = [];
  const width = Math.max(2, String(plan.perFloor).length);
  for (let e = 1; e <= plan.entrances; e++) {
    for (let floor = plan.fromFloor; floor <= plan.toFloor; floor++) {
      if (floor === 0) continue;
      const prefix =
        floor < 0
          ? `B${-floor}`
          : plan.numbering === 'plain'
            ? String(floor)
            : String(floor).padStart(2, '0');
      for (let i = 1; i <= plan.perFloor; i++) {
        units.push({
          entrance: plan.entrances === 1 && plan.entranceless ? '' : String(e),
          room: `${prefix}${String(i).padStart(width, '0')}`,
          floor,
          type: plan.type,
          areaM2: plan.areaM2
        });
      }
    }
  }
  return units;
}

/** The building's floor count as the registry keeps it. */
export function plannedFloors(plan: BuildingPlan): number {
  return floorCount(plan.fromFloor, plan.toFloor);
}
