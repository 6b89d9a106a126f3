import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { ticketKinds } from './ticket';
import { departments } from '../tickets/departments';

/**
 * The office's dictionary of request categories (003 篇三: dictionaries the office can
 * edit). A request keeps the category's name, so renaming one does not rewrite history.
 */
export const ticketCategorySchema = z.object({
  ...recordBase,
  kind: z.enum(ticketKinds),
  name: requiredText(40),
  /** Where requests of this category go by default (repairs → engineering). */
  department: z.enum(departments).optional(),
  /** 003 §3.4.4: on the 维修服务项目表; items outside it need the engineering supervisor's review. */
  inServiceList: z.boolean().default(true),
  order: z.number().int().min(0).max(10_000).default(100),
  active: z.boolean().default(true)
});
export type TicketCategory = z.infer<typeof ticketCategorySchema>;
