import type { IncidentKind } from '$lib/domain/records/incident';
import { defaultCategories } from '$lib/domain/tickets/default-categories';
import { HOUR, MINUTE, atHour, dayOf } from './calendar';
import { HISTORY_DAYS } from './history';
import { demoId, demoTimeId } from './ids';
import type { DemoRegistry } from './generate';
import { random, type Random } from './random';
import type { DemoRow } from './types';

/**
 * The service-request records beyond the history's requests (issue 6 §6): the office's
 * category dictionary and two years of water and power cuts with the calls that came in
 * about them. Pure and seeded, like the rest of the demo office.
 */
export interface DemoTicketExtras {
  ticketCategory: DemoRow<'ticketCategory'>[];
  incident: DemoRow<'incident'>[];
  incidentCall: DemoRow<'incidentCall'>[];
}

/** About one cut every six weeks per community; most are planned maintenance. */
const DAYS_BETWEEN = 42;

const scripts: Record<'water' | 'power', { title: string; planned: string; sudden: string }> = {
  water: {
    title: '{buildings}停水',
    planned:
      '因二次供水设备检修，{buildings}于{from}至{to}停水，已提前张贴通知。请您提前储水，恢复供水后先放水几分钟。给您带来不便，非常抱歉。',
    sudden:
      '{buildings}供水管道突发爆裂，工程部正在抢修，预计{to}前恢复供水。给您带来不便，非常抱歉，恢复后我们会在业主群通知。'
  },
  power: {
    title: '{buildings}停电',
    planned:
      '因配电房设备年检，{buildings}于{from}至{to}停电，电梯同时停运，已提前张贴通知。请提前做好准备，停电期间请勿乘坐电梯。',
    sudden:
      '{buildings}因供电局线路故障停电，工程部已联系供电局抢修，预计{to}前恢复。停电期间电梯停运，如有人员被困请拨打值班电话。'
  }
};

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

const clock = (ms: number) => {
  const h = (ms - atHour(dayOf(ms), 0)) / HOUR;
  return `${Math.floor(h)}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
};

export function demoTicketExtras(registry: DemoRegistry): DemoTicketExtras {
  const { seed, size, asOf } = registry;
  const ticketCategory = defaultCategories.map((c, i) => ({
    ...c,
    id: demoId(random(seed, size, 'category', i)),
    order: (i + 1) * 10,
    inServiceList: true,
    active: true
  }));
  const incident: DemoRow<'incident'>[] = [];
  const incidentCall: DemoRow<'incidentCall'>[] = [];
  const desk = registry.byRole.frontDesk;
  const lastDay = dayOf(asOf);

  for (const community of registry.communities) {
    const r = random(seed, size, 'incidents', community.row.id);
    const buildings = community.buildings.filter((b) => b.units[0]?.type !== 'parking');
    for (
      let day = lastDay - HISTORY_DAYS + r.int(5, 30);
      day <= lastDay;
      day += r.int(DAYS_BETWEEN - 14, DAYS_BETWEEN + 14)
    ) {
      const kind: IncidentKind & ('water' | 'power') = r.chance(0.6) ? 'water' : 'power';
      const planned = r.chance(0.7);
      const affected = r.shuffle([...buildings]).slice(0, r.int(1, Math.min(3, buildings.length)));
      const startsAt = planned
        ? atHour(day, r.int(8, 13) + r.int(0, 1) / 2)
        : atHour(day, r.float(6, 22));
      const hours = planned ? r.int(3, 8) : r.float(1, 5);
      const endsAt = startsAt + Math.round(hours * HOUR);
      const names = affected.map((b) => b.row.name ?? `${b.row.code}号楼`).join('、');
      const text = scripts[kind];
      const row: DemoRow<'incident'> = {
        id: demoTimeId(r, startsAt),
        communityId: community.row.id,
        buildingIds: affected.map((b) => b.row.id),
        kind,
        planned,
        title: fill(text.title, { buildings: names }),
        script: fill(planned ? text.planned : text.sudden, {
          buildings: names,
          from: clock(startsAt),
          to: clock(endsAt)
        }),
        startsAt,
        endsAt,
        ...(endsAt <= asOf ? { endedAt: endsAt + (planned ? 0 : r.int(-20, 40) * MINUTE) } : {})
      };
      incident.push(row);
      incidentCall.push(
        ...calls(
          r,
          row,
          affected.flatMap((b) => b.units),
          desk,
          asOf
        )
      );
    }
  }
  return { ticketCategory, incident, incidentCall };
}

/** Calls about a cut: a few for a planned one (people read the notice), many for a sudden one. */
function calls(
  r: Random,
  incident: DemoRow<'incident'>,
  units: DemoRow<'unit'>[],
  desk: DemoRegistry['byRole']['frontDesk'],
  asOf: number
): DemoRow<'incidentCall'>[] {
  const inhabited = units.filter((u) => u.status !== 'vacant');
  if (!inhabited.length) return [];
  const end = Math.min(incident.endedAt ?? incident.endsAt ?? incident.startsAt + HOUR, asOf);
  const count = r.poisson(incident.planned ? 3 : 12);
  const out: DemoRow<'incidentCall'>[] = [];
  for (let i = 0; i < count && end > incident.startsAt; i++) {
    const at = r.between(incident.startsAt, end);
    out.push({
      id: demoTimeId(r, at),
      incidentId: incident.id,
      unitId: r.pick(inhabited).id,
      note: r.pick(['询问何时恢复', '家中老人需要用水，请尽快处理', '没看到通知', '电梯是否停运']),
      at,
      staffId: r.pick(desk).id
    });
  }
  return out;
}
