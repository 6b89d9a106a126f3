import { z } from 'zod';
import { recordBase } from '../record';
import { unitTypes } from './unit';
import { isoDate, nonNegativeFen } from './money';

/**
 * A rate of a fee item from a date on (issue 18 §1: rates change with a start date and the
 * history is kept). A record per rate rather than a list on the item, so two rates entered
 * on two tablets are both kept. `unitType` makes the rate one room type's (住宅 vs 商铺);
 * without it the rate is every type's. The rate in force on a day is the one with the
 * latest `from` not after it, a type's own rate before the general one.
 */
export const feeRateSchema = z.object({
  ...recordBase,
  itemId: z.string().min(1),
  from: isoDate,
  unitType: z.enum(unitTypes).optional(),
  /** Fen per m² per month (area basis), per unit per month or per bill (fixed basis). */
  fen: nonNegativeFen,
  staffId: z.string().min(1)
});
export type FeeRate = z.infer<typeof feeRateSchema>;
