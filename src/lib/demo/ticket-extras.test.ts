import { describe, expect, it } from 'vitest';
import { incidentSchema, incidentCallSchema } from '$lib/domain/records/incident';
import { ticketCategorySchema } from '$lib/domain/records/ticket-category';
import { demoRegistry } from './generate';
import { demoTicketExtras } from './ticket-extras';

const asOf = Date.parse('2026-11-23T12:00:00+08:00');
const base = { id: 'x', createdAt: 0, updatedAt: 0, deleted: false };

describe('the demo office’s categories, incidents and calls', () => {
  const registry = demoRegistry({ size: 'small', asOf });
  const extras = demoTicketExtras(registry);

  it('are valid records, the same for the same seed', () => {
    for (const c of extras.ticketCategory)
      expect(ticketCategorySchema.safeParse({ ...base, ...c }).success).toBe(true);
    for (const i of extras.incident)
      expect(incidentSchema.safeParse({ ...base, ...i }).success).toBe(true);
    for (const c of extras.incidentCall)
      expect(incidentCallSchema.safeParse({ ...base, ...c }).success).toBe(true);
    expect(demoTicketExtras(demoRegistry({ size: 'small', asOf }))).toEqual(extras);
  });

  it('has a cut every month or two over two years, calls within each cut, none after asOf', () => {
    expect(extras.incident.length).toBeGreaterThan(10);
    expect(extras.incident.every((i) => i.startsAt <= asOf)).toBe(true);
    const byId = new Map(extras.incident.map((i) => [i.id, i]));
    for (const call of extras.incidentCall) {
      const incident = byId.get(call.incidentId);
      expect(incident).toBeDefined();
      expect(call.at).toBeGreaterThanOrEqual(incident?.startsAt ?? Infinity);
      expect(call.at).toBeLessThanOrEqual(asOf);
    }
    // Sudden cuts bring more calls than planned ones (people read the notices).
    const mean = (planned: boolean) => {
      const list = extras.incident.filter((i) => i.planned === planned);
      return (
        extras.incidentCall.filter((c) => byId.get(c.incidentId)?.planned === planned).length /
        list.length
      );
    };
    expect(mean(false)).toBeGreaterThan(mean(true));
  });
});
