import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/**
 * The yearly customer-relations plan 年度客户关系管理计划 (002): the customer status analysis
 * it starts from (composition, changes, new needs), the year's focus, methods, time, place
 * and people. Its items are `planTask` rows with dates and people (crm-plan-task.ts).
 */
export const crmPlanSchema = z.object({
  ...recordBase,
  year: z.number().int().min(2000).max(2100),
  title: requiredText(80),
  /** 002 客户状况分析: drafted from the office's data, then edited. */
  analysis: z.string().trim().max(4000, 'validation.tooLong').default(''),
  /** 002 工作重点 / 方式方法 / 时间地点人员. */
  focus: z.string().trim().max(2000, 'validation.tooLong').default(''),
  methods: z.string().trim().max(2000, 'validation.tooLong').default(''),
  /** The year report 年度总结, written at the year's end. */
  review: z.string().trim().max(4000, 'validation.tooLong').default('')
});
export type CrmPlan = z.infer<typeof crmPlanSchema>;
