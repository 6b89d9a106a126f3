import type { HealthCategory } from '../records/house-health';
import type { Ticket } from '../records/ticket';
import { zonedDate } from '../calendar/zoned';
import { foldEvents, type TimelineEvent } from './fold';
import type { WorkflowContext } from './workflows';

/**
 * A repair carried out in a unit, as a line of its house health archive (房屋健康档案, 000:
 * the maintenance history of a unit). Derived from the request's own `done` steps, so the
 * archive shows every finished repair without the desk copying it by hand, and no second
 * record has to be kept in step with the request (issue 20 fault 8).
 */
export interface RepairWork {
  /** The `done` event's id: one line per round of work (a rework is a second line). */
  id: string;
  ticketId: string;
  number: string;
  unitId: string;
  category: HealthCategory;
  /** The day the work was done, on the office's clock (YYYY-MM-DD). */
  date: string;
  /** The request's category and the engineer's record of the work. */
  description: string;
  /** Staff id of who recorded the work done. */
  staffId: string;
  photos: string[];
}

/** Which archive heading a repair category belongs under (the office's categories are free words). */
export function healthCategoryOf(category: string): HealthCategory {
  if (/空调|暖气|冷|热/.test(category)) return 'airConditioning';
  if (/家电|电器|热水器|灶|油烟/.test(category)) return 'appliances';
  if (/水|电|管|排|漏/.test(category)) return 'waterElectric';
  if (/门|窗|墙|地|吊顶|装/.test(category)) return 'decoration';
  return 'structure';
}

/** The finished rounds of work of an in-unit repair: `done` steps the workflow accepted. */
export function repairWorks(
  ticket: Pick<
    Ticket,
    'id' | 'kind' | 'unitId' | 'category' | 'number' | 'outsideServiceList' | 'deleted'
  >,
  events: readonly TimelineEvent[],
  timeZone: string
): RepairWork[] {
  if (ticket.kind !== 'repair' || !ticket.unitId || ticket.deleted) return [];
  const context: WorkflowContext = {
    kind: ticket.kind,
    inUnit: true,
    outsideServiceList: ticket.outsideServiceList ?? false
  };
  const ignored = new Set(foldEvents(context, events).ignored.map((i) => i.id));
  const unitId = ticket.unitId;
  return events
    .filter((e) => e.type === 'done' && !ignored.has(e.id))
    .map((e) => {
      const record = typeof e.data.record === 'string' ? e.data.record.trim() : '';
      const photos = Array.isArray(e.data.photos)
        ? e.data.photos.filter((p): p is string => typeof p === 'string')
        : [];
      return {
        id: e.id,
        ticketId: ticket.id,
        number: ticket.number,
        unitId,
        category: healthCategoryOf(ticket.category ?? ''),
        date: zonedDate(e.at, timeZone),
        description: [ticket.category, record].filter(Boolean).join('：'),
        staffId: e.staffId,
        photos
      };
    });
}
