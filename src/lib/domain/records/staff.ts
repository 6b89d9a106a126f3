import { z } from 'zod';
import { recordBase, requiredText, mobilePhone } from '../record';
import { roles } from '../roles';

/**
 * A member of the office's staff who signs in on a shared tablet with a PIN.
 * The PIN itself is never stored: only a PBKDF2 hash with its salt and iteration
 * count (foundation issue §5), so a stolen tablet does not reveal anyone's PIN.
 */
export const staffSchema = z.object({
  ...recordBase,
  name: requiredText(40),
  role: z.enum(roles, 'validation.role'),
  phone: mobilePhone.optional(),
  active: z.boolean().default(true),
  pinHash: z.string().min(16),
  pinSalt: z.string().min(16),
  pinIterations: z.number().int().min(10_000)
});
export type Staff = z.infer<typeof staffSchema>;

/** A PIN as typed on the pad: 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'validation.pin');

/** What the manager fills in to add a colleague (the PIN is hashed before it is stored). */
export const newStaffForm = z
  .object({
    name: requiredText(40),
    role: z.enum(roles, 'validation.role'),
    phone: z.union([z.literal(''), mobilePhone]).optional(),
    pin: pinSchema,
    pinConfirm: z.string()
  })
  .refine((f) => f.pin === f.pinConfirm, {
    path: ['pinConfirm'],
    message: 'validation.pinMismatch'
  });
export type NewStaffForm = z.infer<typeof newStaffForm>;
