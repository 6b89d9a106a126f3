import { z } from 'zod';
import { isoDate, nonNegativeFen } from '../records/money';
import { unitTypes } from '../records/unit';

/** A new rate as the finance desk enters it: from a date, for a room type or every type. */
export const feeRateForm = z.object({
  from: isoDate,
  unitType: z.union([z.literal(''), z.enum(unitTypes)]).optional(),
  fen: nonNegativeFen
});
export type FeeRateForm = z.input<typeof feeRateForm>;
