import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { unitTypes } from './unit';
import { isoDate } from './money';

/**
 * What the office charges for (003 §1.2.4: 物业管理费, 能源费 and other fees; deposits;
 * 003 §3.12 有偿服务). `energy` covers shared-meter (公摊) fees apportioned by area or a
 * fixed amount; `oneOff` and `service` are billed by hand or from a paid-service request.
 */
export const feeKinds = [
  'management',
  'energy',
  'parking',
  'deposit',
  'oneOff',
  'service'
] as const;
export type FeeKind = (typeof feeKinds)[number];

/** `once` is billed in the month of the start date only (a deposit, a one-off charge). */
export const feePeriods = ['monthly', 'quarterly', 'yearly', 'once'] as const;
export type FeePeriod = (typeof feePeriods)[number];

/**
 * `area`: the rate is fen per m² of the unit's floor area per month (management fee);
 * `fixed`: the rate is fen per unit per month (parking), or per bill for a `once` item.
 */
export const feeBases = ['area', 'fixed'] as const;
export type FeeBasis = (typeof feeBases)[number];

/**
 * A late fee (滞纳金) if the office's covenant has one: a share of what is overdue per day
 * after some grace days, in parts per 10,000 (万分之五 a day = 5), capped at a share of it.
 */
export const lateFeeRule = z.object({
  perDayPerTenThousand: z
    .number()
    .int()
    .min(1, 'validation.tooSmall')
    .max(100, 'validation.tooBig'),
  graceDays: z
    .number()
    .int()
    .min(0, 'validation.tooSmall')
    .max(365, 'validation.tooBig')
    .default(0),
  capPercent: z
    .number()
    .int()
    .min(1, 'validation.tooSmall')
    .max(100, 'validation.tooBig')
    .default(100)
});
export type LateFeeRule = z.infer<typeof lateFeeRule>;

const feeItemFields = {
  name: requiredText(40),
  kind: z.enum(feeKinds),
  basis: z.enum(feeBases),
  period: z.enum(feePeriods),
  /** Day of the period's first month the bill falls due (1–28, so every month has it). */
  dueDay: z
    .number('validation.number')
    .int('validation.integer')
    .min(1, 'validation.tooSmall')
    .max(28, 'validation.tooBig'),
  /** First day billed; a start in mid-month bills that month by its days. */
  startDate: isoDate,
  endDate: isoDate.optional(),
  /** Which units it applies to, by type (management fee: homes, shops, offices; parking: parking). */
  unitTypes: z.array(z.enum(unitTypes)).min(1, 'validation.required'),
  /** Only this community's units; every community when absent. */
  communityId: z.string().min(1).optional(),
  lateFee: lateFeeRule.optional(),
  active: z.boolean().default(true)
};

export const feeItemSchema = z.object({ ...recordBase, ...feeItemFields });
export type FeeItem = z.infer<typeof feeItemSchema>;

export const feeItemForm = z
  .object(feeItemFields)
  .refine((v) => !v.endDate || v.endDate >= v.startDate, {
    message: 'fees.error.endBeforeStart',
    path: ['endDate']
  });
export type FeeItemForm = z.input<typeof feeItemForm>;
