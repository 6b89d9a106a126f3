import { z } from 'zod';
import { recordBase, requiredText } from '../record';

const letterFields = {
  communityId: z.string().min(1),
  /** The visit summary whose items it carries, if any. */
  summaryId: z.string().optional(),
  /** GZLXH-202612-01: printed on the letter. */
  number: requiredText(30),
  /** The company's customer-service department, or another department. */
  to: requiredText(60),
  subject: requiredText(100),
  body: requiredText(6000),
  issuedBy: z.string().min(1),
  issuedAt: z.number().int().nonnegative()
};

/**
 * 工作联系函 (001 §4.3): what is beyond the office's authority goes to the company's
 * customer-service department (or another department) on a printed letter, with the
 * manager's proposal.
 */
export const liaisonLetterSchema = z.object({ ...recordBase, ...letterFields });
export type LiaisonLetter = z.infer<typeof liaisonLetterSchema>;

export const liaisonLetterForm = z.object({
  to: letterFields.to,
  subject: letterFields.subject,
  body: letterFields.body
});
export type LiaisonLetterForm = z.input<typeof liaisonLetterForm>;
