import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { roles } from '../roles';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

/**
 * A tablet or PC of the office (issue #4 "Status", "Pairing"): its name, its public
 * signing key and the office's signature over it (the device certificate), what it last
 * reported holding (`seen`, a version vector) and, after a rotation, the new office key
 * sealed to this device alone (`grants`: epoch → envelope). Removing a lost tablet is a
 * soft delete; the revocation list that the relay enforces is kept beside the keys.
 * `ceiling` (issue 21): the most this device may author, set by the manager who paired it
 * (a company device: `company`, nothing); absent on the office's own tablets.
 */
export const deviceSchema = z.object({
  ...recordBase,
  name: requiredText(40),
  key: base64url.max(64),
  sig: base64url.max(128),
  seen: z.record(z.string(), z.number().int().nonnegative()).optional(),
  seenAt: z.number().int().nonnegative().optional(),
  grants: z.record(z.string().regex(/^\d+$/), base64url.max(8192)).optional(),
  ceiling: z.enum(roles).optional()
});
export type Device = z.infer<typeof deviceSchema>;
