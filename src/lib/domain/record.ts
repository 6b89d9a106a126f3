import { z } from 'zod';

/**
 * Fields every record carries (DESIGN.md "Records and sync"): a sortable random id,
 * creation and update times (ms since epoch, set by the write path) and a soft-delete
 * flag — nothing is ever physically deleted by a user action.
 */
export const recordBase = {
  id: z.string().min(1),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  deleted: z.boolean().default(false)
};

export type RecordBase = {
  id: string;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
};

/** Fields the write path sets itself; a form never supplies them. */
export const systemFields = ['id', 'createdAt', 'updatedAt', 'deleted'] as const;

/** A mainland mobile number: 11 digits starting with 1 (e.g. 13812345678). */
export const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'validation.phone');

/** A non-empty trimmed text with a length cap, the common shape of names and titles. */
export function requiredText(max = 100) {
  return z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
}
