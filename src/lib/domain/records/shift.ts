import { z } from 'zod';
import { recordBase } from '../record';

/** 003 §3.9 (前台交接班): the front desk works in shifts; the office sets their times. */
export const shiftSlots = ['early', 'middle', 'night'] as const;
export type ShiftSlot = (typeof shiftSlots)[number];

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');

/** Where a shift's handover stands (derived from its events; cached on the shift for lists). */
export const handoverStatuses = ['writing', 'ready', 'refused', 'closed'] as const;
export type HandoverStatus = (typeof handoverStatuses)[number];

/**
 * One shift on one day (早班/中班/夜班) with who is on duty (the roster), and the handover
 * it ends with. Its log is a collaborative document (lib/collab, doc `shift/<id>`). The id
 * is made of date and slot (`shiftId`), so two tablets that open the same shift offline
 * create the same record and write into the same document.
 *
 * `status` and `reviewedAt` are a cache of the handover events, written in the same write
 * as each event, so a year of shifts lists without reading every event.
 */
export const shiftSchema = z.object({
  ...recordBase,
  date: isoDate,
  slot: z.enum(shiftSlots),
  staffIds: z.array(z.string().min(1)).max(20).default([]),
  status: z.enum(handoverStatuses).default('writing'),
  /** Set when the manager or duty head signed the day's review (003 §3.9 7](2)). */
  reviewedAt: z.number().int().nonnegative().optional()
});
export type Shift = z.infer<typeof shiftSchema>;

export function shiftId(date: string, slot: ShiftSlot): string {
  return `shift-${date}-${slot}`;
}
