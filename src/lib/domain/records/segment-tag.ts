import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/**
 * A segment tag the office defines for grouping customers (DOMAIN "Records": 教师, 家属,
 * 商户, VIP): a small dictionary the office edits (003 篇三: dictionaries the office can edit).
 */
export const segmentTagSchema = z.object({
  ...recordBase,
  name: requiredText(20),
  note: z.string().trim().max(200).optional()
});
export type SegmentTag = z.infer<typeof segmentTagSchema>;

export const segmentTagForm = segmentTagSchema.pick({ name: true, note: true });
