import { visitPlanId } from '$lib/domain/records/visit-plan';
import { visitTopics, type VisitTopic } from '$lib/domain/records/visit-record';
import type { VisitMethod } from '$lib/domain/records/visit-appointment';
import { defaultSettings } from '$lib/domain/records/settings';
import { monthRange, previousMonth, zonedMonth } from '$lib/domain/calendar/zoned';
import { drawPlan, planSeed } from '$lib/domain/visits/plan';
import { nextMonth, type SpecialCareHousehold } from '$lib/domain/visits/special-care';
import { demoTimeId } from './ids';
import { random } from './random';
import type { DemoRegistry } from './generate';
import type { DemoRow } from './types';

const ZONE = 'Asia/Shanghai';

/** What owners say, per topic (a few lines each: enough for the summaries to have content). */
const sayings: Record<VisitTopic, readonly string[]> = {
  security: ['夜间东门无人值守', '外来人员进出登记不严', '地下车库巡逻次数少'],
  cleaning: ['楼道垃圾清运不及时', '电梯轿厢有异味', '雨后路面积水未清扫'],
  greening: ['草坪修剪后杂草未清', '希望多种些遮阴树', '花坛缺苗'],
  repairs: ['楼道灯不亮', '单元门禁时好时坏', '维修师傅上门准时，态度好'],
  facilities: ['儿童滑梯有锈迹', '健身器材螺丝松动', '希望增加休息座椅'],
  serviceAbility: ['前台接待热情', '电话有时无人接听'],
  convenience: ['希望代收快递', '希望提供家电清洗服务'],
  culture: ['希望多办亲子活动', '中秋活动办得好'],
  meetingNeeds: ['报修后反馈及时', '投诉处理结果未告知'],
  difficulties: ['独居老人需要定期探望', '行动不便，需协助预约维修'],
  other: ['停车位紧张', '建议公布维修基金使用情况']
};

export interface DemoVisits {
  visitPlan: DemoRow<'visitPlan'>[];
  visitAssignment: DemoRow<'visitAssignment'>[];
  visitRecord: DemoRow<'visitRecord'>[];
}

/**
 * The demo office's visits (issue 15): `months` months ending with the month before asOf, each
 * community planned with the office's own rules (quota, draw, special care) and ~95 % of the
 * plan visited by the manager, the supervisor and the front desk. No signature images in the
 * demo: door and counter visits are recorded as refused, phone visits need none.
 */
export function demoVisitHistory(registry: DemoRegistry, months = 24): DemoVisits {
  const settings = defaultSettings();
  const r = random(registry.seed, 'visits');
  const visitors = registry.staff.filter((s) =>
    ['manager', 'supervisor', 'frontDesk'].includes(s.role)
  );
  const byRole = (role: string) => visitors.filter((s) => s.role === role);
  const carePeople = new Set(
    registry.person.filter((p) => (p.specialCare ?? []).length > 0).map((p) => p.id)
  );
  const careUnits = new Set(
    registry.occupancy.filter((o) => carePeople.has(o.personId)).map((o) => o.unitId)
  );
  const out: DemoVisits = { visitPlan: [], visitAssignment: [], visitRecord: [] };
  let month = zonedMonth(registry.asOf, ZONE);
  for (let i = 0; i < months; i++) month = previousMonth(month);

  for (const community of registry.community) {
    const occupied = registry.unit
      .filter((u) => u.communityId === community.id && u.status === 'occupied')
      .map((u) => u.id);
    const care = new Map<string, SpecialCareHousehold>(
      occupied.filter((u) => careUnits.has(u)).map((unitId) => [unitId, { unitId }])
    );
    const history: string[] = [];
    let m = month;
    for (let k = 0; k < months; k++, m = nextMonth(m)) {
      const [start, end] = monthRange(m, ZONE);
      const seed = planSeed(m, community.id);
      const plan = drawPlan({
        month: m,
        seed,
        occupied,
        specialCare: [...care.values()],
        history,
        surveyDrawn: new Set(),
        settings
      });
      const planId = visitPlanId(m, community.id);
      const lead = [...byRole('manager'), ...byRole('supervisor')];
      const desk = byRole('frontDesk');
      out.visitPlan.push({
        id: planId,
        communityId: community.id,
        month: m,
        seed,
        occupied: plan.occupied,
        quota: plan.quota,
        units: plan.units,
        specialCare: plan.specialCare,
        surveyExcluded: [],
        draftedBy: byRole('supervisor')[0]?.id ?? visitors[0].id,
        draftedAt: start
      });
      plan.units.forEach((unitId, n) => {
        // The manager and the supervisor take their five each first (001 §4.3).
        const visitor =
          n < lead.length * settings.managerMonthlyVisits
            ? lead[n % lead.length]
            : (desk[n % Math.max(1, desk.length)] ?? lead[0]);
        out.visitAssignment.push({
          id: `${planId}/${unitId}`,
          planId,
          unitId,
          visitorId: visitor.id
        });
        if (!r.chance(0.95)) return;
        const visitedAt = r.between(start + 9 * 3_600_000, end - 4 * 3_600_000);
        const method: VisitMethod = r.weighted([
          ['door', 70],
          ['phone', 15],
          ['counter', 15]
        ] as const);
        const items = Array.from({ length: r.int(0, 3) }, (_, j) => {
          const topic = r.pick(visitTopics);
          return {
            id: `i${j + 1}`,
            topic,
            kind: r.pick(['opinion', 'suggestion', 'need'] as const),
            text: r.pick(sayings[topic])
          };
        });
        out.visitRecord.push({
          id: demoTimeId(r, visitedAt),
          unitId,
          communityId: community.id,
          planId,
          visitorId: visitor.id,
          method,
          visitedAt,
          returnVisit: false,
          items,
          signatureRefused: method !== 'phone',
          // Most are handed in the same evening; a few come late.
          handedInAt: visitedAt + (r.chance(0.9) ? r.int(1, 6) : r.int(30, 72)) * 3_600_000
        });
        history.push(unitId);
        if (care.has(unitId)) care.set(unitId, { unitId, lastVisited: m });
      });
    }
  }
  return out;
}
