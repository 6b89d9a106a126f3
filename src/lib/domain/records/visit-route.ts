import { z } from 'zod';
import { recordBase } from '../record';

export const visitRouteKinds = ['complaint', 'request'] as const;
export type VisitRouteKind = (typeof visitRouteKinds)[number];

/**
 * An item of a visit record turned into a complaint or a service request (001 §4.3: the
 * supervisor handles complaints by the complaint procedure, requests by theirs). The link
 * both ways: indexed by the visit record and by the request, so each page shows the other.
 */
export const visitRouteSchema = z.object({
  ...recordBase,
  visitRecordId: z.string().min(1),
  itemId: z.string().min(1),
  ticketId: z.string().min(1),
  kind: z.enum(visitRouteKinds),
  routedBy: z.string().min(1)
});
export type VisitRoute = z.infer<typeof visitRouteSchema>;
