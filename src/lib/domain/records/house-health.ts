import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/** 房屋健康档案 (000): the maintenance history of a unit, by category. */
export const healthCategories = [
  'structure',
  'airConditioning',
  'decoration',
  'appliances',
  'waterElectric'
] as const;
export type HealthCategory = (typeof healthCategories)[number];

const entryFields = {
  unitId: z.string().min(1, 'validation.required'),
  category: z.enum(healthCategories, 'validation.choose'),
  /** The day the work was done (YYYY-MM-DD). */
  date: z.iso.date('validation.date'),
  description: requiredText(1000),
  /** Who did the work: 工程部 李师傅, or an outside firm. */
  doneBy: requiredText(60),
  /** Content hashes of photos (blobs). */
  photos: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .max(9, 'validation.tooMany')
    .default([])
};

export const houseHealthEntrySchema = z.object({ ...recordBase, ...entryFields });
export type HouseHealthEntry = z.infer<typeof houseHealthEntrySchema>;

export const houseHealthForm = z.object(entryFields);
export type HouseHealthForm = z.input<typeof houseHealthForm>;
