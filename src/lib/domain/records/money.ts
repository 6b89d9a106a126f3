import { z } from 'zod';

/**
 * Money is kept as an integer number of fen (分) everywhere (issue 18 §6): sums of fen are
 * exact, sums of floating yuan are not (0.1 + 0.2). Every amount field of every fee record
 * uses this schema, so a float never reaches storage.
 */
export const fen = z
  .number('validation.number')
  .int('validation.integer')
  .min(-1_000_000_000_00, 'validation.tooSmall')
  .max(1_000_000_000_00, 'validation.tooBig');

/** An amount that cannot be negative (a bill, a rate). */
export const nonNegativeFen = fen.min(0, 'validation.tooSmall');

/** An amount that must be more than nothing (a payment). */
export const positiveFen = fen.min(1, 'validation.greaterThan');

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'validation.format');
