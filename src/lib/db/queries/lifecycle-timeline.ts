import { withoutClocks } from '$lib/domain/ops';
import type { Procedure } from '$lib/domain/records/lifecycle';
import type { StepEvent } from '$lib/domain/lifecycle/machine';
import type { TimelineSource } from './households-timeline';

/**
 * The household timeline's entries of move-ins, renovations and move-outs: one per step,
 * with who took it (003 §3.11: the customer's file keeps the renovation's papers).
 */
export const lifecycleSource: TimelineSource = {
  name: 'lifecycle',
  async entries(db, { unitId }) {
    const procedures = (await db.lifecycle.where('unitId').equals(unitId).toArray())
      .filter((p) => !p.deleted)
      .map((p) => withoutClocks(p) as unknown as Procedure);
    if (!procedures.length) return [];
    const byId = new Map(procedures.map((p) => [p.id, p]));
    const [events, staff] = await Promise.all([
      db.lifecycleEvent
        .where('procedureId')
        .anyOf([...byId.keys()])
        .toArray(),
      db.staff.toArray()
    ]);
    const names = new Map(staff.map((s) => [s.id, String(s.name)]));
    return events
      .filter((e) => !e.deleted && e.type !== 'note')
      .map((r) => withoutClocks(r) as unknown as StepEvent & { procedureId: string })
      .flatMap((e) => {
        const p = byId.get(e.procedureId);
        if (!p) return [];
        return [
          {
            key: `lifecycle/${e.id}`,
            source: 'lifecycle',
            at: e.at,
            titleKey: 'lifecycle.timeline.step',
            params: {
              procedure: p.kind,
              step: `${p.kind}.${e.type}`,
              number: p.number,
              who: names.get(e.staffId) ?? ''
            },
            path: `/lifecycle/${p.id}`
          }
        ];
      });
  }
};
