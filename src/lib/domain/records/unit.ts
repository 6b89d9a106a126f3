import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/** storage: 储藏室/储物间 (HC小区管理系统's room type 128, issue 14). */
export const unitTypes = ['residential', 'shop', 'office', 'parking', 'storage'] as const;
export const unitStatuses = ['vacant', 'occupied', 'renovating'] as const;
export type UnitType = (typeof unitTypes)[number];
export type UnitStatus = (typeof unitStatuses)[number];

const unitFields = {
  communityId: z.string().min(1, 'validation.required'),
  buildingId: z.string().min(1, 'validation.required'),
  /** Entrance (单元) within the building, "2" in 3-2-1201; empty for single-entrance buildings. */
  entrance: z.string().trim().max(10).default(''),
  /** Room number as printed on the door, e.g. "1201". */
  room: requiredText(20),
  floor: z
    .number('validation.number')
    .int('validation.integer')
    .min(-5, 'validation.tooSmall')
    .max(200, 'validation.tooBig'),
  type: z.enum(unitTypes).default('residential'),
  areaM2: z
    .number('validation.number')
    .positive('validation.greaterThan')
    .max(100_000, 'validation.tooBig'),
  status: z.enum(unitStatuses).default('vacant'),
  /** 户型 as people say it: "三室两厅" (HC's 房屋户型, issue 14). */
  layout: z.string().trim().max(20, 'validation.tooLong').optional(),
  /** 室内面积 (套内), the base of heating fees where there are any. */
  innerAreaM2: z
    .number('validation.number')
    .positive('validation.greaterThan')
    .max(100_000, 'validation.tooBig')
    .optional(),
  /** Monthly rent in yuan of a unit the office lets (shops, HC's 租金). */
  rentYuan: z
    .number('validation.number')
    .min(0, 'validation.tooSmall')
    .max(10_000_000, 'validation.tooBig')
    .optional()
};

/** A unit (单元/房号): the thing a request, a fee or a visit is about (DOMAIN "Records"). */
export const unitSchema = z.object({ ...recordBase, ...unitFields });
export type Unit = z.infer<typeof unitSchema>;

/** What the desk fills in to add or edit one unit: a unit never exists without its building. */
export const unitForm = z.object(unitFields);
export type UnitForm = z.input<typeof unitForm>;

export { unitCode } from '../unit-code';
