import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/** What an owner link is for (issue 16 §1, §4): a lobby poster, one household, the 意见箱. */
export const ownerLinkKinds = ['poster', 'household', 'box'] as const;
export const ownerLinkAsks = ['off', 'optional', 'required'] as const;
export const ownerFormKinds = ['repair', 'complaint', 'suggestion', 'praise'] as const;

/**
 * An owner form link the office made (issue 16 §1): its relay tag (lib/owner-inbox/format.ts)
 * opens it on the relay; the printed QR carries the signed link. A suggestion box is read on
 * the office's schedule (`readEveryDays`, DOMAIN "Satisfaction survey": "a suggestion box read
 * on a schedule"); `lastReadAt` is when the desk last went through it.
 */
export const ownerLinkSchema = z.object({
  ...recordBase,
  kind: z.enum(ownerLinkKinds),
  communityId: z.string().min(1, 'validation.required'),
  buildingId: z.string().optional(),
  unitId: z.string().optional(),
  /** What the owner sees at the top of the form ("阳光花园 3号楼"). */
  label: requiredText(80),
  tag: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  kinds: z.array(z.enum(ownerFormKinds)).min(1, 'validation.choose').max(4),
  askName: z.enum(ownerLinkAsks).default('optional'),
  askPhone: z.enum(ownerLinkAsks).default('optional'),
  readEveryDays: z.number().int().min(1).max(90).optional(),
  lastReadAt: z.number().int().nonnegative().optional(),
  /** Closed links are kept (their submissions refer to them) but no longer offered. */
  closed: z.boolean().default(false)
});
export type OwnerLink = z.infer<typeof ownerLinkSchema>;
