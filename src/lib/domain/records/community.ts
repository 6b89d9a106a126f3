import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/** A community (小区/项目) the office serves; an office may serve several (000). */
export const communitySchema = z.object({
  ...recordBase,
  name: requiredText(60),
  address: z.string().trim().max(200).optional(),
  /** 住宅 residential (butler service) or 商业 commercial (intensive management): 000. */
  kind: z.enum(['residential', 'commercial', 'mixed']).default('residential')
});
export type Community = z.infer<typeof communitySchema>;
