import { z } from 'zod';
import { recordBase, requiredText, mobilePhone } from '../record';

/** A person or company in the customer archive 客户档案 (000, 003 §3.11). */
export const personSchema = z.object({
  ...recordBase,
  kind: z.enum(['person', 'company']).default('person'),
  name: requiredText(60),
  phones: z.array(mobilePhone).max(5).default([]),
  /** Sensitive: masked for roles that do not need it (DOMAIN "Records": privacy). */
  idNumber: z.string().trim().max(30).optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  /** 残疾人, 孤寡老人, 特殊贡献者 — they get scheduled visits (002). */
  specialCare: z.array(z.enum(['disabled', 'elderlyAlone', 'specialContributor'])).default([]),
  notes: z.string().max(2000).optional()
});
export type Person = z.infer<typeof personSchema>;
