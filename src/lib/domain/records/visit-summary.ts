import { z } from 'zod';
import { recordBase } from '../record';
import { monthString } from './visit-plan';
import { visitItemKinds, visitTopics } from './visit-record';

const count = z.number().int().nonnegative();

/** The figures drafted from the month's records (lib/domain/visits/summary.ts). */
export const visitSummaryFiguresSchema = z.object({
  quota: count,
  /** Counted visits (return visits not counted). */
  visited: count,
  returnVisits: count,
  /** Planned households visited this month. */
  plannedVisited: count,
  planned: count,
  late: count,
  signatureRefused: count,
  byVisitor: z.array(z.object({ staffId: z.string(), done: count, target: count })).max(200),
  byMethod: z.record(z.string(), count),
  topics: z.partialRecord(z.enum(visitTopics), count),
  issues: z
    .array(
      z.object({
        recordId: z.string(),
        itemId: z.string(),
        unitId: z.string(),
        topic: z.enum(visitTopics),
        kind: z.enum(visitItemKinds),
        text: z.string().max(1000),
        ticketId: z.string().optional()
      })
    )
    .max(5000)
});
export type VisitSummaryFigures = z.infer<typeof visitSummaryFiguresSchema>;

/**
 * 月度客户访问工作总结 (001 §4.3): drafted from the month's records before the 5th, edited by
 * the supervisor, submitted, approved by the manager within 2 working days. One per community
 * and month, id `<month>/<communityId>`.
 */
export const visitSummarySchema = z.object({
  ...recordBase,
  communityId: z.string().min(1),
  month: monthString,
  figures: visitSummaryFiguresSchema,
  /** The supervisor's words: what was heard, what was done, what is proposed. */
  text: z.string().trim().max(10_000, 'validation.tooLong').default(''),
  draftedBy: z.string().min(1),
  draftedAt: z.number().int().nonnegative(),
  submittedAt: z.number().int().nonnegative().optional(),
  approvedAt: z.number().int().nonnegative().optional(),
  approvedBy: z.string().optional(),
  /** The manager's decision on the measures (001 §4.3: 决定处理措施). */
  managerComment: z.string().trim().max(2000, 'validation.tooLong').default('')
});
export type VisitSummary = z.infer<typeof visitSummarySchema>;
