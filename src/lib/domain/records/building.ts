import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/** A building (楼栋) of a community. `code` is what the desk says: "3" in 3-2-1201. */
export const buildingSchema = z.object({
  ...recordBase,
  communityId: z.string().min(1, 'validation.required'),
  code: requiredText(20),
  name: z.string().trim().max(40).optional(),
  floors: z.number().int().min(1, 'validation.tooSmall').max(200, 'validation.tooBig'),
  /** Entrances (单元) of the building: 2 means its flats are numbered 3-1-… and 3-2-…. */
  entrances: z.number().int().min(1, 'validation.tooSmall').max(20, 'validation.tooBig').default(1),
  /** Whether the building has a lift (电梯); absent when nobody said (issue 14). */
  lift: z.boolean().optional()
});
export type Building = z.infer<typeof buildingSchema>;

/**
 * What the desk edits of a building: its name, 总层数 and 电梯 (issue 14: HC's columns
 * have a home on the form). The code and 单元 stay as the units were made with them.
 */
export const buildingForm = z.object({
  name: z.string().trim().max(40, 'validation.tooLong').optional(),
  floors: z
    .number('validation.number')
    .int('validation.integer')
    .min(1, 'validation.tooSmall')
    .max(200, 'validation.tooBig'),
  lift: z.boolean('validation.choose').optional()
});
export type BuildingForm = z.input<typeof buildingForm>;
