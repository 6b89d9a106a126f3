import { withoutClocks } from '$lib/domain/ops';
import type { VisitRecord } from '$lib/domain/records/visit-record';
import type { VisitRoute } from '$lib/domain/records/visit-route';
import type { TimelineEntry, TimelineSource } from './households-timeline';

/**
 * The household's visits and what came of them (issue 15 §4): each visit record, and each
 * item the supervisor turned into a complaint or a request, with that request's number.
 */
export const visitTimelineSource: TimelineSource = {
  name: 'visit',
  async entries(db, { unitId }) {
    const rows = await db.visitRecord.where('unitId').equals(unitId).toArray();
    const records = rows.filter((r) => !r.deleted).map((r) => withoutClocks(r) as VisitRecord);
    if (!records.length) return [];
    const routes = (
      await db.visitRoute
        .where('visitRecordId')
        .anyOf(records.map((r) => r.id))
        .toArray()
    )
      .filter((r) => !r.deleted)
      .map((r) => withoutClocks(r) as VisitRoute);
    const tickets = await db.ticket.bulkGet(routes.map((r) => r.ticketId));
    const entries: TimelineEntry[] = records.map((r) => ({
      key: `visit/${r.id}`,
      source: 'visit',
      at: r.visitedAt,
      titleKey: r.returnVisit ? 'visits.timeline.returnVisit' : 'visits.timeline.visit',
      params: { method: r.method, items: r.items.length },
      detail: r.items.map((i) => i.text).join('；'),
      path: `/visits/records/${r.id}`
    }));
    routes.forEach((route, i) => {
      const ticket = tickets[i];
      if (!ticket) return;
      entries.push({
        key: `visitRoute/${route.id}`,
        source: 'visit',
        at: route.createdAt,
        titleKey: 'visits.timeline.routed',
        params: { kind: String(ticket.kind), number: String(ticket.number) },
        detail: String(ticket.content),
        path: `/tickets/${ticket.id}`
      });
    });
    return entries;
  }
};
